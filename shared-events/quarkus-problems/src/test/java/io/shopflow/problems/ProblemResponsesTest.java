package io.shopflow.problems;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Operation;
import org.junit.jupiter.api.Test;

/**
 * What {@link ProblemResponses} gives each operation of a service's OpenAPI document (the documents themselves, as
 * served, are linted and checked against live answers by deploy/system-tests).
 */
class ProblemResponsesTest {

    private final ProblemResponses filter = new ProblemResponses();

    @Test
    void a_refusal_documented_by_status_alone_gets_the_problem_body() {
        var operation = filter.filterOperation(OASFactory.createOperation().responses(OASFactory.createAPIResponses()
                .addAPIResponse("200", OASFactory.createAPIResponse().description("The user")
                        .content(OASFactory.createContent().addMediaType("application/json",
                                OASFactory.createMediaType())))
                .addAPIResponse("404", OASFactory.createAPIResponse().description("No such user"))));

        var notFound = operation.getResponses().getAPIResponse("404");
        assertThat(notFound.getDescription()).isEqualTo("No such user");
        assertThat(notFound.getContent().getMediaTypes()).containsOnlyKeys(Problem.MEDIA_TYPE);
        assertThat(notFound.getContent().getMediaType(Problem.MEDIA_TYPE).getSchema().getRef())
                .isEqualTo("#/components/schemas/Problem");
        assertThat(operation.getResponses().getAPIResponse("200").getContent().getMediaTypes())
                .as("a success keeps its body").containsOnlyKeys("application/json");
    }

    @Test
    void every_operation_may_fail_unexpectedly_or_lose_its_database_and_one_with_a_body_may_get_a_bad_one() {
        Operation read = filter.filterOperation(OASFactory.createOperation());
        Operation write = filter.filterOperation(OASFactory.createOperation()
                .requestBody(OASFactory.createRequestBody()));

        assertThat(read.getResponses().getAPIResponses()).containsOnlyKeys("500", "503");
        assertThat(read.getResponses().getAPIResponse("503").getHeaders()).containsOnlyKeys("Retry-After");
        assertThat(write.getResponses().getAPIResponses()).containsOnlyKeys("400", "413", "415", "500", "503");
        assertThat(write.getResponses().getAPIResponse("400").getContent().getMediaTypes())
                .containsOnlyKeys(Problem.MEDIA_TYPE);
    }

    @Test
    void what_a_resource_says_of_a_status_is_kept() {
        var operation = filter.filterOperation(OASFactory.createOperation()
                .requestBody(OASFactory.createRequestBody())
                .responses(OASFactory.createAPIResponses().addAPIResponse("400",
                        OASFactory.createAPIResponse().description("The id is not a UUID"))));

        assertThat(operation.getResponses().getAPIResponse("400").getDescription()).isEqualTo("The id is not a UUID");
    }
}
