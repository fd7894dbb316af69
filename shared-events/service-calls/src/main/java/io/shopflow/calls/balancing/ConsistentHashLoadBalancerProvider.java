package io.shopflow.calls.balancing;

import io.smallrye.stork.api.LoadBalancer;
import io.smallrye.stork.api.ServiceDiscovery;
import io.smallrye.stork.api.config.LoadBalancerAttribute;
import io.smallrye.stork.api.config.LoadBalancerType;
import io.smallrye.stork.spi.LoadBalancerProvider;

/** {@code quarkus.stork.<service>.load-balancer.type=consistent-hash}: sticky routing by {@link RoutingKey}. */
@LoadBalancerType("consistent-hash")
@LoadBalancerAttribute(name = "virtual-nodes", defaultValue = "160",
        description = "Points per instance on the hash ring; more points spread keys more evenly")
@LoadBalancerAttribute(name = "failures-to-eject", defaultValue = "3",
        description = "Failed calls in a row (unreachable or too slow) after which an instance is left out")
@LoadBalancerAttribute(name = "ejection-time", defaultValue = "10s",
        description = "How long a failing instance is left out before it is tried again")
public class ConsistentHashLoadBalancerProvider implements LoadBalancerProvider<ConsistentHashConfiguration> {

    @Override
    public LoadBalancer createLoadBalancer(ConsistentHashConfiguration config, ServiceDiscovery discovery) {
        return new ConsistentHashLoadBalancer(
                Addresses.positive(config.getVirtualNodes(), "virtual-nodes=" + config.getVirtualNodes()),
                Ejections.configured(config.getFailuresToEject(), config.getEjectionTime()));
    }

}
