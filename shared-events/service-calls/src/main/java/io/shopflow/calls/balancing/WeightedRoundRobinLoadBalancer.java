package io.shopflow.calls.balancing;

import io.smallrye.stork.api.LoadBalancer;
import io.smallrye.stork.api.NoServiceInstanceFoundException;
import io.smallrye.stork.api.ServiceInstance;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Smooth weighted round-robin (the algorithm nginx uses): over any run of calls each instance gets its share of
 * the total weight, and the heavier instances' turns are spread out rather than bunched (3:1 gives A A B A, not
 * A A A B). Instances are known by {@code host:port}, so the weights survive a refresh of the discovered list;
 * an instance the weights do not name weighs {@code defaultWeight}. Instances that keep failing are left out for
 * a while ({@link Ejections}); the others share the traffic in their ratio meanwhile.
 */
final class WeightedRoundRobinLoadBalancer implements LoadBalancer {

    private final Map<String, Integer> weights;
    private final int defaultWeight;
    private final Ejections ejections;
    private final Map<String, Integer> currentWeights = new HashMap<>();

    WeightedRoundRobinLoadBalancer(Map<String, Integer> weights, int defaultWeight, Ejections ejections) {
        this.weights = Map.copyOf(weights);
        this.defaultWeight = defaultWeight;
        this.ejections = ejections;
    }

    @Override
    public synchronized ServiceInstance selectServiceInstance(Collection<ServiceInstance> instances) {
        if (instances.isEmpty()) {
            throw new NoServiceInstanceFoundException("No service instance to choose from");
        }
        int total = 0;
        ServiceInstance chosen = null;
        int chosenWeight = Integer.MIN_VALUE;
        for (var instance : ejections.healthy(instances)) {
            String address = Addresses.of(instance);
            int weight = weights.getOrDefault(address, defaultWeight);
            total += weight;
            int current = currentWeights.merge(address, weight, Integer::sum);
            if (current > chosenWeight) {
                chosen = instance;
                chosenWeight = current;
            }
        }
        currentWeights.merge(Addresses.of(chosen), -total, Integer::sum);
        ejections.track(chosen);
        return chosen;
    }
}
