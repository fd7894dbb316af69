package io.shopflow.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shopflow.benchmarks.SagaOptions.CpuBefore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SagaOptionsTest {

    @Test
    void no_options_compare_nothing_and_write_where_the_others_do() {
        var options = SagaOptions.parse(List.of());

        assertThat(options.cpuBefore()).isNull();
        assertThat(options.profileAt()).as("the benchmark, not a profile").isNull();
        assertThat(options.resultsDir()).isEqualTo(BenchmarkOptions.DEFAULTS.resultsDir());
    }

    @Test
    void an_earlier_cpu_figure_is_a_step_rate_and_milliseconds() {
        var options = SagaOptions.parse(List.of("--compare-cpu-at=40=32.86", "--results=/tmp/saga"));

        assertThat(options.cpuBefore()).isEqualTo(new CpuBefore(40, 32.86));
        assertThat(options.resultsDir()).isEqualTo(Path.of("/tmp/saga"));
    }

    @Test
    void refuses_a_rate_the_saga_does_not_step_through_and_malformed_figures() {
        assertThatThrownBy(() -> SagaOptions.parse(List.of("--compare-cpu-at=37=32.86")))
                .hasMessageContaining("a rate the saga steps through");
        assertThatThrownBy(() -> SagaOptions.parse(List.of("--compare-cpu-at=40")))
                .hasMessageContaining("RATE=MS");
        assertThatThrownBy(() -> SagaOptions.parse(List.of("--compare-cpu-at=40=fast")))
                .hasMessageContaining("CPU time in ms");
        assertThatThrownBy(() -> SagaOptions.parse(List.of("--compare-cpu-at=40=0")))
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> SagaOptions.parse(List.of("--events=5")))
                .hasMessageContaining("--events");
    }

    @Test
    void a_profile_is_taken_at_a_rate_above_zero() {
        assertThat(SagaOptions.parse(List.of("--profile-at=30")).profileAt()).isEqualTo(30);
        assertThatThrownBy(() -> SagaOptions.parse(List.of("--profile-at=0"))).hasMessageContaining("above 0");
        assertThatThrownBy(() -> SagaOptions.parse(List.of("--profile-at=fast"))).hasMessageContaining("whole number");
    }
}
