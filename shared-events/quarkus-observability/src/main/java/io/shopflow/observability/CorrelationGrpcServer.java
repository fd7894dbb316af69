package io.shopflow.observability;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Makes the caller's correlation id (gRPC metadata, see {@link CorrelationGrpcClient}) current for a call, a new one
 * when it brings none that is well-formed, and returns it in the answer's headers, as HTTP does.
 */
@GlobalInterceptor
@ApplicationScoped
class CorrelationGrpcServer implements ServerInterceptor {

    private final Metadata.Key<String> key;

    CorrelationGrpcServer(CorrelationConfig config) {
        this.key = CorrelationGrpcClient.metadataKey(config);
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        String id = CorrelationId.acceptedOrNew(headers.get(key));
        CorrelationId.set(id);
        return next.startCall(new SimpleForwardingServerCall<>(call) {
            @Override
            public void sendHeaders(Metadata answerHeaders) {
                answerHeaders.put(key, id);
                super.sendHeaders(answerHeaders);
            }
        }, headers);
    }
}
