package io.shopflow.calls.balancing;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.stork.api.ServiceInstance;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EjectionsTest {

    private final HandClock clock = new HandClock();
    private final Ejections ejections = new Ejections(3, Duration.ofSeconds(10), clock);
    private final List<ServiceInstance> three = Instances.first(3);

    private void fail(int port, int times) {
        for (int n = 0; n < times; n++) {
            ejections.record("localhost:" + port, false);
        }
    }

    @Test
    void an_instance_is_left_out_after_three_failures_in_a_row_not_before() {
        fail(9002, 2);
        assertThat(ejections.healthy(three)).hasSize(3);
        ejections.record("localhost:9002", true);
        fail(9002, 2);
        assertThat(ejections.healthy(three)).as("a success in between starts the count again").hasSize(3);

        fail(9002, 1);

        assertThat(ejections.healthy(three)).extracting(ServiceInstance::getPort).containsExactly(9001, 9003);
    }

    @Test
    void after_the_ejection_time_it_is_tried_again_and_one_more_failure_sends_it_out_again() {
        fail(9002, 3);
        clock.advance(Duration.ofSeconds(10));
        assertThat(ejections.healthy(three)).hasSize(3);

        fail(9002, 1);
        assertThat(ejections.healthy(three)).hasSize(2);

        clock.advance(Duration.ofSeconds(10));
        ejections.record("localhost:9002", true);
        fail(9002, 2);
        assertThat(ejections.healthy(three)).as("healthy again after a success").hasSize(3);
    }

    @Test
    void when_every_instance_is_ejected_all_are_offered() {
        fail(9001, 3);
        fail(9002, 3);
        fail(9003, 3);

        assertThat(ejections.healthy(three)).hasSize(3);
    }
}
