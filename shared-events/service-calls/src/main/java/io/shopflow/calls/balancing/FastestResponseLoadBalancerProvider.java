package io.shopflow.calls.balancing;

import io.smallrye.stork.api.LoadBalancer;
import io.smallrye.stork.api.ServiceDiscovery;
import io.smallrye.stork.api.config.LoadBalancerAttribute;
import io.smallrye.stork.api.config.LoadBalancerType;
import io.smallrye.stork.utils.DurationUtils;
import io.smallrye.stork.spi.LoadBalancerProvider;
import java.time.Clock;

/** {@code quarkus.stork.<service>.load-balancer.type=fastest-response}: least response time, measured per call. */
@LoadBalancerType("fastest-response")
@LoadBalancerAttribute(name = "error-penalty", defaultValue = "1s",
        description = "Added to a failed call's time when scoring its instance")
@LoadBalancerAttribute(name = "probe-interval", defaultValue = "5s",
        description = "An instance not called for this long gets the next call, so its score is measured again")
@LoadBalancerAttribute(name = "failures-to-eject", defaultValue = "3",
        description = "Failed calls in a row (unreachable or too slow) after which an instance is left out")
@LoadBalancerAttribute(name = "ejection-time", defaultValue = "10s",
        description = "How long a failing instance is left out before it is tried again")
public class FastestResponseLoadBalancerProvider implements LoadBalancerProvider<FastestResponseConfiguration> {

    @Override
    public LoadBalancer createLoadBalancer(FastestResponseConfiguration config, ServiceDiscovery discovery) {
        return new FastestResponseLoadBalancer(
                DurationUtils.parseDuration(config.getErrorPenalty(), "error-penalty"),
                DurationUtils.parseDuration(config.getProbeInterval(), "probe-interval"),
                Ejections.configured(config.getFailuresToEject(), config.getEjectionTime()), Clock.systemUTC());
    }
}
