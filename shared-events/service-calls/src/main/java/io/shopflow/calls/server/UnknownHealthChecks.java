package io.shopflow.calls.server;

import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import io.quarkus.grpc.runtime.health.GrpcHealthStorage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/**
 * The gRPC health protocol answers {@code Check} of a service the server does not know with {@code NOT_FOUND}
 * (grpc/grpc doc/health-checking.md); Quarkus' health service answers it {@code OK} with serving status
 * {@code UNKNOWN}, which a client or a Kubernetes gRPC probe cannot tell from a known service that is starting. Quarkus
 * offers no setting for it, and the health service cannot be replaced while Quarkus registers its own, so this
 * refuses such a check before Quarkus' service sees it. Watch keeps the protocol's {@code SERVICE_UNKNOWN} stream.
 */
@ApplicationScoped
@GlobalInterceptor
class UnknownHealthChecks implements ServerInterceptor {

    private final Instance<GrpcHealthStorage> health;

    UnknownHealthChecks(Instance<GrpcHealthStorage> health) {
        this.health = health;
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
            ServerCallHandler<Q, A> next) {
        if (!HealthGrpc.getCheckMethod().getFullMethodName().equals(call.getMethodDescriptor().getFullMethodName())
                || !health.isResolvable()) {
            return next.startCall(call, headers);
        }
        return new SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
            private boolean refused;

            @Override
            public void onMessage(Q message) {
                String service = ((HealthCheckRequest) message).getService();
                if (health.get().getStatuses().containsKey(service)) {
                    super.onMessage(message);
                } else {
                    refused = true;
                    call.close(Status.NOT_FOUND.withDescription("service: no such service here"), new Metadata());
                }
            }

            @Override
            public void onHalfClose() {
                if (!refused) {
                    super.onHalfClose();
                }
            }
        };
    }
}
