package io.shopflow.calls.balancing;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.Context;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Carries what this module's load balancer needs across the gRPC channel, in the gRPC {@link Context} in which the
 * channel picks the call's instance: a {@link PickedInstance} that receives the call's outcome when it closes. grpc-java captures the current context when the call is created and picks the
 * instance in that context when the call starts, so attaching around the creation is enough.
 */
@GlobalInterceptor
@ApplicationScoped
public class BalancingInterceptor implements ClientInterceptor {

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        var picked = new PickedInstance();
        Context context = Context.current().withValue(PickedInstance.CURRENT, picked);
        ClientCall<Q, R> call;
        Context previous = context.attach();
        try {
            call = next.newCall(method, options);
        } finally {
            context.detach(previous);
        }
        return new SimpleForwardingClientCall<>(call) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                super.start(new SimpleForwardingClientCallListener<>(listener) {
                    @Override
                    public void onClose(Status status, Metadata trailers) {
                        picked.closedWith(status);
                        super.onClose(status, trailers);
                    }
                }, headers);
            }
        };
    }
}
