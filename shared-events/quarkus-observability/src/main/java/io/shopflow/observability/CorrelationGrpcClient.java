package io.shopflow.observability;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;

/** Sends the current correlation id with every outgoing gRPC call, as metadata (the header's name in lower case). */
@GlobalInterceptor
@ApplicationScoped
class CorrelationGrpcClient implements ClientInterceptor {

    private final Metadata.Key<String> key;

    CorrelationGrpcClient(CorrelationConfig config) {
        this.key = metadataKey(config);
    }

    static Metadata.Key<String> metadataKey(CorrelationConfig config) {
        return Metadata.Key.of(config.header().toLowerCase(Locale.ROOT), Metadata.ASCII_STRING_MARSHALLER);
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                CorrelationId.current().ifPresent(id -> headers.put(key, id));
                super.start(listener, headers);
            }
        };
    }
}
