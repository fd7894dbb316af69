package io.shopflow.order.grpc;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tells a server-streaming call that its client has gone. gRPC is served on the HTTP port, by Vert.x's gRPC server,
 * which reports a client's cancellation (the HTTP/2 stream reset) only while the request is still coming in
 * (eclipse-vertx/vert.x#5562). A server-streaming call has its whole request before it starts, so a watch the client
 * cancels, or whose connection drops, would never hear of it: WatchOrders, which never ends on its own, would keep its
 * subscription forever (writes to the reset stream fail silently). This watches the HTTP exchange itself and cancels
 * the call when it ends before the call was closed.
 *
 * <p>The exchange comes from the Vert.x context local under {@link RoutingContext}'s class name, which Quarkus sets
 * while it hands the request to the gRPC server. Where there is none (a separate gRPC server, whose transport reports
 * cancellations itself) calls are left alone. OrderQueryWatchOrdersTest checks that a cancelled watch ends.
 */
@ApplicationScoped
@GlobalInterceptor
class ClientCancellations implements ServerInterceptor {

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        var vertxContext = Vertx.currentContext();
        if (call.getMethodDescriptor().getType() != MethodType.SERVER_STREAMING || vertxContext == null
                || !(vertxContext.getLocal(RoutingContext.class.getName()) instanceof RoutingContext exchange)) {
            return next.startCall(call, headers);
        }
        var over = new AtomicBoolean();
        ServerCall.Listener<Q> listener = next.startCall(new SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                over.set(true);
                super.close(status, trailers);
            }
        }, headers);
        var once = new SimpleForwardingServerCallListener<>(listener) {
            @Override
            public void onCancel() {
                if (over.compareAndSet(false, true)) {
                    super.onCancel();
                }
            }
        };
        // Called when the exchange is over: after the call's own close (nothing to do then), or when the client reset
        // the stream or the connection closed.
        exchange.addEndHandler(ended -> once.onCancel());
        return once;
    }
}
