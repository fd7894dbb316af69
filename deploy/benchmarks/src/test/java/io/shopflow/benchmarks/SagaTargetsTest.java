package io.shopflow.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopflow.benchmarks.SagaOptions.CpuBefore;
import java.util.List;
import org.junit.jupiter.api.Test;

class SagaTargetsTest {

    private static Target target(List<Target> targets, String goalStart) {
        return targets.stream().filter(target -> target.goal().startsWith(goalStart)).findFirst().orElseThrow();
    }

    @Test
    void the_database_targets_are_judged_on_the_rate_measured_alone() {
        var within = SagaTargets.judge(SagaFixtures.results(SagaFixtures.alone(4.0, 6.5)), null);
        var over = SagaTargets.judge(SagaFixtures.results(SagaFixtures.alone(4.1, 6.6)), null);

        assertThat(target(within, "at most 4 WAL flushes").met()).isTrue();
        assertThat(target(within, "at most 10 transactions").met()).isTrue();
        assertThat(target(within, "at most 10 transactions").measured()).isEqualTo("10.0");
        assertThat(target(over, "at most 4 WAL flushes").met()).isFalse();
        assertThat(target(over, "at most 10 transactions").met()).isFalse();
    }

    @Test
    void the_sustained_rate_is_held_against_postgres_alone_and_the_tail_against_the_lowest_step() {
        var targets = SagaTargets.judge(SagaFixtures.results(SagaFixtures.alone(3, 6)), null);

        var share = target(targets, "sagas sustained per second at least 10%");
        assertThat(share.met()).isFalse();
        assertThat(share.measured()).isEqualTo("1.0% (10 vs 1,000)");
        // p99 300 ms at half the rate, median 80 ms at 5/s.
        var tail = target(targets, "p99 at half the sustained rate");
        assertThat(tail.met()).isTrue();
        assertThat(tail.measured()).startsWith("3.8× (p99 300 ms");
    }

    @Test
    void cpu_is_compared_at_the_earlier_runs_rate_not_at_the_sustained_one() {
        var steps = SagaFixtures.steps();

        var atTwenty = SagaTargets.cpu(new CpuBefore(20, 29.9), steps);
        var atFive = SagaTargets.cpu(new CpuBefore(5, 48), steps);

        assertThat(atTwenty.met()).as("10 ms now at 20/s").isFalse();
        assertThat(atTwenty.measured()).isEqualTo("2.99× lower: 10.00 ms now, 29.90 ms at 20 orders/s before");
        assertThat(atFive.met()).as("16 ms now at 5/s").isTrue();
    }

    @Test
    void cpu_is_not_judged_without_an_earlier_figure_or_a_step_at_its_rate() {
        var steps = SagaFixtures.steps();

        assertThat(SagaTargets.cpu(null, steps).verdict()).isEqualTo("not judged");
        var beyond = SagaTargets.cpu(new CpuBefore(40, 33), steps);
        assertThat(beyond.verdict()).isEqualTo("not judged");
        assertThat(beyond.measured()).contains("stopped stepping at 20 orders/s, below the 40");
    }
}
