package io.shopflow.user;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test only: holds the answer of a call that carries {@link #HOLD} for that many milliseconds after the call
 * arrived, so that its client has cut it off (deadline, cancel) by the time the server writes it, as a server still
 * working for an overloaded caller does. Calls without the header pass untouched.
 */
@ApplicationScoped
@GlobalInterceptor
public class HeldAnswers implements ServerInterceptor {

    static final Metadata.Key<String> HOLD = Metadata.Key.of("shopflow-test-hold-ms", Metadata.ASCII_STRING_MARSHALLER);

    /** Calls held so far, so that a test knows when its calls have reached the server. */
    static final AtomicInteger HELD = new AtomicInteger();

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
            ServerCallHandler<Q, A> next) {
        String hold = headers.get(HOLD);
        if (hold == null) {
            return next.startCall(call, headers);
        }
        long answerAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Long.parseLong(hold));
        HELD.incrementAndGet();
        return next.startCall(new HeldCall<>(call, answerAt), headers);
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }

    /** Buffers headers, messages and the close, and writes them all, in order, once the hold is over. */
    private final class HeldCall<Q, A> extends SimpleForwardingServerCall<Q, A> {
        private final long answerAt;
        private final List<Runnable> answer = new ArrayList<>();

        HeldCall(ServerCall<Q, A> call, long answerAt) {
            super(call);
            this.answerAt = answerAt;
        }

        @Override
        public void sendHeaders(Metadata headers) {
            answer.add(() -> super.sendHeaders(headers));
        }

        @Override
        public void sendMessage(A message) {
            answer.add(() -> super.sendMessage(message));
        }

        @Override
        public void close(Status status, Metadata trailers) {
            answer.add(() -> super.close(status, trailers));
            List<Runnable> steps = List.copyOf(answer);
            timer.schedule(() -> steps.forEach(Runnable::run), answerAt - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
    }
}
