package io.shopflow.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchmarkOptionsTest {

    @Test
    void no_options_gives_the_defaults() {
        assertThat(BenchmarkOptions.parse(List.of())).isEqualTo(BenchmarkOptions.DEFAULTS);
    }

    @Test
    void each_option_overrides_its_default_only() {
        var options = BenchmarkOptions.parse(List.of("--events=500", "--latency-seconds=5", "--writer-events=700",
                "--results=/tmp/out"));

        assertThat(options.events()).isEqualTo(500);
        assertThat(options.latencyTime()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.writerEvents()).isEqualTo(700);
        assertThat(options.resultsDir()).isEqualTo(Path.of("/tmp/out"));
        assertThat(options.latencyRate()).isEqualTo(BenchmarkOptions.DEFAULTS.latencyRate());
        assertThat(options.warmupEvents()).isEqualTo(BenchmarkOptions.DEFAULTS.warmupEvents());
    }

    @Test
    void refuses_unknown_malformed_and_nonsensical_options() {
        assertThatThrownBy(() -> BenchmarkOptions.parse(List.of("--colour=blue")))
                .hasMessageContaining("--colour");
        assertThatThrownBy(() -> BenchmarkOptions.parse(List.of("events=5")))
                .hasMessageContaining("--name=value");
        assertThatThrownBy(() -> BenchmarkOptions.parse(List.of("--events=many")))
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> BenchmarkOptions.parse(List.of("--latency-rate=0")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
