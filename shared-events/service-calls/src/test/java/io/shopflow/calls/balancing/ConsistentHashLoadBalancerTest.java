package io.shopflow.calls.balancing;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Context;
import io.smallrye.stork.api.ServiceInstance;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ConsistentHashLoadBalancerTest {

    private static final List<String> KEYS = IntStream.range(0, 3000).mapToObj(n -> "user-" + n).toList();

    private final ConsistentHashLoadBalancer balancer = new ConsistentHashLoadBalancer(160, Ejections.configured("3", "10s"));

    private int portFor(String key, Collection<ServiceInstance> instances) {
        Context keyed = Context.current().withValue(RoutingKey.CURRENT, key);
        Context previous = keyed.attach();
        try {
            return balancer.selectServiceInstance(instances).getPort();
        } finally {
            keyed.detach(previous);
        }
    }

    private Map<String, Integer> owners(Collection<ServiceInstance> instances) {
        var owners = new HashMap<String, Integer>();
        KEYS.forEach(key -> owners.put(key, portFor(key, instances)));
        return owners;
    }

    @Test
    void a_key_always_reaches_the_same_instance_and_keys_spread_over_all() {
        var three = Instances.first(3);
        var first = owners(three);

        assertThat(owners(three)).isEqualTo(first);
        var perInstance = first.values().stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(perInstance).hasSize(3);
        assertThat(perInstance.values()).allSatisfy(count -> assertThat(count).isBetween(700L, 1300L));
    }

    @Test
    void when_an_instance_leaves_only_its_keys_move_and_they_come_back_with_it() {
        var three = Instances.first(3);
        var before = owners(three);

        var withoutThird = owners(three.subList(0, 2));
        KEYS.stream().filter(key -> before.get(key) != 9003)
                .forEach(key -> assertThat(withoutThird.get(key)).as(key).isEqualTo(before.get(key)));
        assertThat(withoutThird).doesNotContainValue(9003);

        assertThat(owners(three)).isEqualTo(before);
    }

    @Test
    void calls_without_a_key_are_spread_round_robin() {
        var three = Instances.first(3);

        var ports = IntStream.range(0, 6).mapToObj(n -> balancer.selectServiceInstance(three).getPort()).toList();

        assertThat(ports).containsExactly(9001, 9002, 9003, 9001, 9002, 9003);
    }
}
