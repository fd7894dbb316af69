package io.shopflow.problems;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * An RFC 9457 problem detail, the body of every error answer. {@code type} is stable and safe to switch on
 * ({@code urn:shopflow:problem:<slug>}); {@code detail} is for humans and never carries stack traces or internal
 * names.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "An RFC 9457 problem detail: the body of every error answer")
public record Problem(
        @Schema(required = true, description = "Stable, safe to switch on", examples = "urn:shopflow:problem:not-found")
        String type,
        @Schema(required = true) String title,
        @Schema(required = true, description = "The answer's HTTP status") int status,
        @Schema(description = "For humans") String detail,
        @Schema(description = "The path the request was for") String instance,
        @Schema(description = "The invalid fields, for type urn:shopflow:problem:validation") List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:shopflow:problem:";

    /** The problem types every service shares; a service's own come with its {@link ProblemException}s. */
    public static final String VALIDATION = "validation";
    public static final String MALFORMED_REQUEST = "malformed-request";
    public static final String NOT_FOUND = "not-found";
    public static final String FORBIDDEN = "forbidden";
    public static final String HTTP = "http";
    public static final String UNAVAILABLE = "unavailable";
    public static final String PAYLOAD_TOO_LARGE = "payload-too-large";
    public static final String INTERNAL = "internal";

    public static Problem of(String slug, String title, int status, String detail, String instance) {
        return new Problem(TYPE_PREFIX + slug, title, status, detail, instance, null);
    }

    public static Problem invalidFields(List<FieldError> errors, String instance) {
        return new Problem(TYPE_PREFIX + VALIDATION, "The request has invalid fields", 400, FieldError.describe(errors),
                instance, errors);
    }

    /** This problem as a JAX-RS answer with its status and the problem+json media type. */
    public RestResponse<Problem> answer() {
        return RestResponse.ResponseBuilder.<Problem>create(status).entity(this).type(MEDIA_TYPE).build();
    }
}
