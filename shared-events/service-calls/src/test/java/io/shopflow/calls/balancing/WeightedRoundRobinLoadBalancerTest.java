package io.shopflow.calls.balancing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WeightedRoundRobinLoadBalancerTest {

    /** Ejections that never see a failure here: no call goes through BalancingInterceptor in these tests. */
    private static Ejections healthy() {
        return Ejections.configured("3", "10s");
    }

    private static List<Integer> ports(WeightedRoundRobinLoadBalancer balancer, int calls, int instances) {
        var offered = Instances.first(instances);
        return IntStream.range(0, calls).mapToObj(n -> balancer.selectServiceInstance(offered).getPort()).toList();
    }

    @Test
    void each_instance_gets_its_weight_in_every_round_and_turns_are_interleaved() {
        var balancer = new WeightedRoundRobinLoadBalancer(Addresses.weights("localhost:9001=3, localhost:9002=1"), 1, healthy());

        assertThat(ports(balancer, 10, 3)).containsExactly(9001, 9002, 9001, 9003, 9001, 9001, 9002, 9001, 9003, 9001);
    }

    @Test
    void without_weights_it_is_plain_round_robin() {
        var balancer = new WeightedRoundRobinLoadBalancer(Map.of(), 1, healthy());

        assertThat(ports(balancer, 6, 3)).containsExactly(9001, 9002, 9003, 9001, 9002, 9003);
    }

    @Test
    void an_instance_no_longer_offered_gets_nothing_and_the_others_keep_their_ratio() {
        var balancer = new WeightedRoundRobinLoadBalancer(Addresses.weights("localhost:9001=1,localhost:9002=3"), 1, healthy());
        ports(balancer, 5, 3);

        var withoutTheThird = ports(balancer, 400, 2);

        assertThat(withoutTheThird.stream().filter(port -> port == 9002).count()).isEqualTo(300);
        assertThat(withoutTheThird).doesNotContain(9003);
    }

    @Test
    void malformed_weights_are_refused_with_the_entry_named() {
        assertThatThrownBy(() -> Addresses.weights("localhost:9001=3,localhost=2"))
                .hasMessageContaining("'localhost=2'");
        assertThatThrownBy(() -> Addresses.weights("localhost:9001=0")).hasMessageContaining("above 0");
    }
}
