package io.shopflow.problems;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Says in the OpenAPI document of every service with this jar what {@link ProblemMappers} answers for any of its
 * operations, so that no resource repeats it: every error answer (4xx, 5xx) is {@code application/problem+json} with
 * the {@link Problem} schema; an operation that takes a body answers 400 when the body cannot be read or has invalid
 * fields, 413 when it is too large and 415 when it is not sent as JSON; any operation answers 500 for an unexpected failure and 503 while its database cannot be reached. A resource
 * documents only its own refusals, by status and description ({@code @APIResponse(responseCode = "404", description =
 * "No such user")}), and gets the problem body from here. Run when the document is built, as it depends on nothing
 * at run time.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemResponses implements OASFilter {

    private static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";

    @Override
    public Operation filterOperation(Operation operation) {
        var responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        if (operation.getRequestBody() != null) {
            addIfAbsent(responses, "400", "The body is not JSON of the expected shape, or has invalid fields (each "
                    + "named in `errors`)");
            addIfAbsent(responses, "413", "The body is larger than the service takes");
            addIfAbsent(responses, "415", "The body is not sent as JSON (no `Content-Type`, or another one)");
        }
        addIfAbsent(responses, "500", "An unexpected failure; it has been logged");
        addIfAbsent(responses, "503", "The service cannot reach its data right now; try again after `Retry-After`");
        responses.getAPIResponse("503").addHeader("Retry-After", OASFactory.createHeader()
                .description("Seconds to wait before trying again")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)));
        responses.getAPIResponses().forEach((status, response) -> {
            if (isError(status) && response.getContent() == null) {
                response.setContent(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_SCHEMA))));
            }
        });
        return operation;
    }

    private static void addIfAbsent(APIResponses responses, String status, String description) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description));
        }
    }

    private static boolean isError(String status) {
        return status.startsWith("4") || status.startsWith("5") || status.equals(APIResponses.DEFAULT);
    }
}
