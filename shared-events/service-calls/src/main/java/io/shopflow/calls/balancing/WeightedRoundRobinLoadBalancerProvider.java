package io.shopflow.calls.balancing;

import io.smallrye.stork.api.LoadBalancer;
import io.smallrye.stork.api.ServiceDiscovery;
import io.smallrye.stork.api.config.LoadBalancerAttribute;
import io.smallrye.stork.api.config.LoadBalancerType;
import io.smallrye.stork.spi.LoadBalancerProvider;

/** {@code quarkus.stork.<service>.load-balancer.type=weighted-round-robin}: traffic split by static weights. */
@LoadBalancerType("weighted-round-robin")
@LoadBalancerAttribute(name = "weights", defaultValue = "",
        description = "Weight per instance as 'host:port=weight,...', e.g. 'orders-a:8080=3,orders-b:8080=7'")
@LoadBalancerAttribute(name = "default-weight", defaultValue = "1",
        description = "Weight of an instance the weights do not name")
@LoadBalancerAttribute(name = "failures-to-eject", defaultValue = "3",
        description = "Failed calls in a row (unreachable or too slow) after which an instance is left out")
@LoadBalancerAttribute(name = "ejection-time", defaultValue = "10s",
        description = "How long a failing instance is left out before it is tried again")
public class WeightedRoundRobinLoadBalancerProvider
        implements LoadBalancerProvider<WeightedRoundRobinConfiguration> {

    @Override
    public LoadBalancer createLoadBalancer(WeightedRoundRobinConfiguration config, ServiceDiscovery discovery) {
        return new WeightedRoundRobinLoadBalancer(Addresses.weights(config.getWeights()),
                Addresses.positive(config.getDefaultWeight(), "default-weight=" + config.getDefaultWeight()),
                Ejections.configured(config.getFailuresToEject(), config.getEjectionTime()));
    }

}
