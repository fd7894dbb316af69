package io.shopflow.calls.balancing;

import io.grpc.CallOptions;
import io.grpc.Context;
import io.grpc.stub.AbstractStub;
import java.util.Optional;

/**
 * The key a gRPC call is routed by under the {@code consistent-hash} load balancer: calls with the same key go to
 * the same instance as long as the set of healthy instances stays the same. A caller sets it on the stub
 * ({@link #on}); {@link BalancingInterceptor} makes it visible to the load balancer while the call picks its
 * instance, because Stork's selection API receives only the candidate instances, never the call.
 */
public final class RoutingKey {

    static final CallOptions.Key<String> CALL_OPTION = CallOptions.Key.create("shopflow-routing-key");
    static final Context.Key<String> CURRENT = Context.key("shopflow-routing-key");

    private RoutingKey() {
    }

    /** {@code stub} whose calls are routed by {@code key}. */
    public static <S extends AbstractStub<S>> S on(S stub, String key) {
        return stub.withOption(CALL_OPTION, key);
    }

    /** The routing key of the call whose instance is being picked, if it has one. */
    static Optional<String> current() {
        return Optional.ofNullable(CURRENT.get());
    }
}
