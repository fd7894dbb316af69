package io.shopflow.calls.balancing;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Context;
import io.smallrye.stork.api.ServiceInstance;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FastestResponseLoadBalancerTest {

    private final HandClock clock = new HandClock();
    private final FastestResponseLoadBalancer balancer = new FastestResponseLoadBalancer(Duration.ofSeconds(1),
            Duration.ofSeconds(5), new Ejections(3, Duration.ofSeconds(10), clock), clock);
    private final List<ServiceInstance> three = Instances.first(3);

    /** One call: picks an instance as the channel would and reports how it went; returns the instance's port. */
    private int call(Map<Integer, Duration> responseTimes, boolean healthy) {
        var picked = new PickedInstance();
        Context context = Context.current().withValue(PickedInstance.CURRENT, picked);
        Context previous = context.attach();
        ServiceInstance chosen;
        try {
            chosen = balancer.selectServiceInstance(three);
        } finally {
            context.detach(previous);
        }
        picked.closed(healthy, responseTimes.get(chosen.getPort()));
        return chosen.getPort();
    }

    private Map<Integer, Long> callsPerPort(int calls, Map<Integer, Duration> responseTimes) {
        return IntStream.range(0, calls).mapToObj(n -> call(responseTimes, true))
                .collect(Collectors.groupingBy(port -> port, Collectors.counting()));
    }

    private static Map<Integer, Duration> millis(int first, int second, int third) {
        return Map.of(9001, Duration.ofMillis(first), 9002, Duration.ofMillis(second), 9003, Duration.ofMillis(third));
    }

    @Test
    void each_instance_is_measured_once_then_the_fastest_gets_the_calls() {
        var calls = callsPerPort(30, millis(20, 5, 40));

        assertThat(calls).containsEntry(9001, 1L).containsEntry(9003, 1L).containsEntry(9002, 28L);
    }

    @Test
    void calls_move_away_from_an_instance_that_turns_slow() {
        callsPerPort(10, millis(20, 5, 40));

        var calls = callsPerPort(20, millis(20, 200, 40));

        assertThat(calls.get(9002)).as("a few slow answers are enough to lose the lead").isBetween(1L, 3L);
        assertThat(calls.get(9001)).isGreaterThanOrEqualTo(17L);
    }

    @Test
    void a_failure_counts_against_an_instance_even_when_it_failed_fast() {
        callsPerPort(10, millis(20, 5, 40));

        assertThat(call(millis(20, 1, 40), false)).isEqualTo(9002);

        assertThat(callsPerPort(10, millis(20, 5, 40))).as("failing fast is no speed").containsOnlyKeys(9001);
    }

    @Test
    void an_instance_left_alone_for_the_probe_interval_is_tried_again_and_wins_back_when_fast() {
        callsPerPort(10, millis(20, 5, 40));
        callsPerPort(10, millis(20, 500, 40));
        assertThat(callsPerPort(10, millis(20, 5, 40))).containsOnlyKeys(9001);

        clock.advance(Duration.ofSeconds(5));
        var afterProbe = callsPerPort(10, millis(20, 5, 40));

        assertThat(afterProbe.get(9003)).as("probed too, being left alone as long").isEqualTo(1L);
        assertThat(afterProbe.get(9002)).as("probed, and fast again it wins after a few calls").isGreaterThanOrEqualTo(4L);
    }
}
