package io.shopflow.calls;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import jakarta.ws.rs.ProcessingException;
import java.net.ConnectException;
import java.util.Arrays;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class CallFailureTest {

    @Test
    void only_unavailability_timeouts_load_shedding_contention_and_broken_off_calls_are_retried_over_grpc() {
        var retried = Arrays.stream(Status.Code.values()).filter(code -> CallFailure.of(code).retryable()).toList();

        assertThat(retried).containsExactlyInAnyOrder(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED,
                Status.Code.RESOURCE_EXHAUSTED, Status.Code.ABORTED, Status.Code.CANCELLED, Status.Code.UNKNOWN);
    }

    @Test
    void http_statuses_map_onto_the_same_kinds_as_their_grpc_counterparts() {
        assertThat(CallFailure.ofHttpStatus(503)).isEqualTo(CallFailure.of(Status.Code.UNAVAILABLE));
        assertThat(CallFailure.ofHttpStatus(504)).isEqualTo(CallFailure.of(Status.Code.DEADLINE_EXCEEDED));
        assertThat(CallFailure.ofHttpStatus(429)).isEqualTo(CallFailure.of(Status.Code.RESOURCE_EXHAUSTED));
        assertThat(CallFailure.ofHttpStatus(404)).isEqualTo(CallFailure.of(Status.Code.NOT_FOUND));
        assertThat(CallFailure.ofHttpStatus(400)).isEqualTo(CallFailure.of(Status.Code.INVALID_ARGUMENT));
        assertThat(CallFailure.ofHttpStatus(401)).isEqualTo(CallFailure.of(Status.Code.UNAUTHENTICATED));
        assertThat(CallFailure.ofHttpStatus(403)).isEqualTo(CallFailure.of(Status.Code.PERMISSION_DENIED));
        assertThat(CallFailure.ofHttpStatus(409)).isEqualTo(CallFailure.of(Status.Code.ALREADY_EXISTS));
        assertThat(CallFailure.ofHttpStatus(500)).isEqualTo(CallFailure.of(Status.Code.INTERNAL));
        assertThat(CallFailure.ofHttpStatus(402)).isEqualTo(CallFailure.INVALID);
    }

    @Test
    void a_failure_is_classified_by_what_it_wraps() {
        var refused = new ProcessingException(new ConnectException("Connection refused"));
        var wrappedStatus = new CompletionException(Status.UNAVAILABLE.asRuntimeException());

        assertThat(CallFailure.of(refused)).isEqualTo(CallFailure.NETWORK);
        assertThat(CallFailure.of(wrappedStatus)).isEqualTo(CallFailure.UNAVAILABLE);
        assertThat(CallFailure.of(new IllegalStateException("a bug"))).isEqualTo(CallFailure.INTERNAL);
    }

    @Test
    void classify_wraps_only_what_is_worth_retrying() {
        var unavailable = Status.UNAVAILABLE.asRuntimeException();
        var notFound = Status.NOT_FOUND.asRuntimeException();

        assertThat(CallFailure.classify("users.GetUser", unavailable))
                .isInstanceOfSatisfying(RetryableCallException.class, retryable -> {
                    assertThat(retryable.kind()).isEqualTo(CallFailure.UNAVAILABLE);
                    assertThat(retryable).hasMessage("users.GetUser failed: UNAVAILABLE").hasCause(unavailable);
                });
        assertThat(CallFailure.classify("users.GetUser", notFound)).isSameAs(notFound);
    }
}
