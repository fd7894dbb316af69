package io.shopflow.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SealingOptionsTest {

    @Test
    void no_options_gives_the_defaults_and_each_option_overrides_its_own() {
        assertThat(SealingOptions.parse(List.of())).isEqualTo(SealingOptions.DEFAULTS);

        var options = SealingOptions.parse(List.of("--events=2000", "--rounds=1", "--results=/tmp/out"));

        assertThat(options).isEqualTo(new SealingOptions(2000, 1, Path.of("/tmp/out")));
        assertThat(SealingOptions.parse(List.of("--rounds=3")).events()).isEqualTo(SealingOptions.DEFAULTS.events());
    }

    @Test
    void refuses_unknown_malformed_and_nonsensical_options() {
        assertThatThrownBy(() -> SealingOptions.parse(List.of("--latency-rate=5")))
                .hasMessageContaining("--latency-rate");
        assertThatThrownBy(() -> SealingOptions.parse(List.of("--events=lots"))).hasMessageContaining("whole number");
        assertThatThrownBy(() -> SealingOptions.parse(List.of("--rounds=0")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
