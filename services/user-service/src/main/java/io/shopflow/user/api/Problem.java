package io.shopflow.user.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.shopflow.user.validation.FieldError;
import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every error answer. {@code type} is stable and safe to switch on;
 * {@code detail} is for humans and never carries stack traces or internal names.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** The problem types this service answers with; the URN is the contract, the title its human name. */
    public enum Type {
        VALIDATION("validation", "The request has invalid fields"),
        MALFORMED_REQUEST("malformed-request", "The request could not be read"),
        NOT_FOUND("not-found", "Not found"),
        EMAIL_TAKEN("email-taken", "The email is already registered"),
        INSUFFICIENT_CREDIT("insufficient-credit", "Not enough credit"),
        HTTP("http", "The request was refused"),
        INTERNAL("internal", "Internal error");

        private final String slug;
        private final String title;

        Type(String slug, String title) {
            this.slug = slug;
            this.title = title;
        }

        public String uri() {
            return "urn:shopflow:problem:" + slug;
        }

        public String title() {
            return title;
        }
    }

    static Problem of(Type type, int status, String detail, String instance) {
        return new Problem(type.uri(), type.title(), status, detail, instance, null);
    }

    static Problem invalidFields(List<FieldError> errors, String instance) {
        return new Problem(Type.VALIDATION.uri(), Type.VALIDATION.title(), 400, FieldError.describe(errors), instance,
                errors);
    }
}
