package io.shopflow.calls.balancing;

import io.grpc.LoadBalancerRegistry;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

/**
 * Puts {@link ReconnectingStorkLoadBalancerProvider} in front of Quarkus' Stork balancer as the application starts:
 * after Quarkus has registered its own, and before the application's first gRPC call resolves its channel's
 * addresses (a channel takes its balancer from gRPC's registry then).
 */
@Singleton
class ReconnectingStorkBalancing {

    void install(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) Startup startup) {
        ReconnectingStorkLoadBalancerProvider.install(LoadBalancerRegistry.getDefaultRegistry());
    }
}
