package io.shopflow.problems;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GrpcProblemsTest {

    private static final class Conflict extends ProblemException {
        Conflict() {
            super("conflict", "Conflict", 409, "The order is already paid");
        }
    }

    @Test
    void a_problem_keeps_its_detail_with_the_code_of_its_http_status() {
        assertThat(GrpcProblems.toStatus(new NotFoundException("No user 42")))
                .satisfies(status -> assertThat(status.getCode()).isEqualTo(Status.Code.NOT_FOUND))
                .satisfies(status -> assertThat(status.getDescription()).isEqualTo("No user 42"));
        assertThat(GrpcProblems.toStatus(new Conflict()).getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(GrpcProblems.toStatus(new ServiceUnavailableException("Inventory is down", Duration.ofSeconds(5)))
                .getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    }

    @Test
    void an_invalid_field_is_an_invalid_argument_naming_the_field() {
        Status status = GrpcProblems.toStatus(new InvalidFieldException("id", "must be a UUID, got '42'"));

        assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getDescription()).isEqualTo("id: must be a UUID, got '42'");
    }

    @Test
    void a_field_is_named_as_the_proto_spells_it() {
        Status status = GrpcProblems.toStatus(new InvalidFieldException("initialCredit", "must be 0.00 or more"));

        assertThat(status.getDescription()).isEqualTo("initial_credit: must be 0.00 or more");
        assertThat(GrpcProblems.protoFieldName("lines[1].unitPrice")).isEqualTo("lines[1].unit_price");
        assertThat(GrpcProblems.protoFieldName("key_ids[0]")).isEqualTo("key_ids[0]");
    }

    @Test
    void a_status_thrown_by_the_service_is_sent_as_it_is() {
        var thrown = Status.RESOURCE_EXHAUSTED.withDescription("at most 500 skus").asRuntimeException();

        assertThat(GrpcProblems.toStatus(thrown)).isSameAs(thrown.getStatus());
        assertThat(GrpcProblems.toStatus(Status.ABORTED.asException()).getCode()).isEqualTo(Status.Code.ABORTED);
    }

    @Test
    void a_long_description_is_shortened_to_fit_in_a_trailer() {
        String id = "é".repeat(100_000);
        var thrown = Status.INVALID_ARGUMENT.withDescription("id must be a UUID, got '" + id + "'").asRuntimeException();

        Status status = GrpcProblems.toStatus(thrown);

        assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getDescription()).startsWith("id must be a UUID, got 'éé")
                .endsWith("... (100025 characters)").hasSizeLessThan(GrpcProblems.MAX_DESCRIPTION + 30);
    }

    @Test
    void an_unreachable_database_is_unavailable_so_the_caller_may_try_again() {
        Status status = GrpcProblems.toStatus(new io.vertx.pgclient.PgException(
                "terminating connection due to administrator command", "FATAL", "57P01", null));

        assertThat(status.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(status.getDescription()).isEqualTo("The service cannot reach its data right now");
    }

    @Test
    void anything_unexpected_is_internal_and_says_nothing_about_itself() {
        var failure = new IllegalStateException("relation \"users\" does not exist at db-7.internal:5432",
                new java.io.IOException("no space left on /var/lib/shopflow"));

        Status status = GrpcProblems.toStatus(failure);

        assertThat(status.getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(status.getDescription()).isEqualTo("The call failed; it has been logged")
                .doesNotContain("IllegalStateException", "users", "db-7", "5432", "/var/lib");
        assertThat(status.getCause()).isNull();
        assertThat(new GrpcProblems().transform(failure)).isInstanceOf(io.grpc.StatusRuntimeException.class)
                .hasMessage("INTERNAL: The call failed; it has been logged");
    }
}
