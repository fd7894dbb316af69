package io.shopflow.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProducerTuningTest {

    @Test
    void an_override_is_what_the_producer_runs_with_and_the_rest_stays_the_relays() {
        var relays = ProducerTuning.RELAY_DEFAULTS.effective("localhost:9092");

        var lz4 = ProducerTuning.compression("lz4").effective("localhost:9092");
        var lingerZero = ProducerTuning.linger(0).effective("localhost:9092");

        assertThat(lz4).isEqualTo(new ProducerTuning.Effective("lz4", relays.lingerMs()));
        assertThat(lingerZero).isEqualTo(new ProducerTuning.Effective(relays.compression(), 0));
    }

    @Test
    void a_setup_is_named_by_what_it_overrides() {
        var setup = new RelaySetup(1, 4, 1000, true);

        assertThat(setup.label()).isEqualTo("relay ×1, 4 workers, batch 1000, pooled");
        assertThat(setup.with(ProducerTuning.compression("zstd")).label())
                .isEqualTo("relay ×1, 4 workers, batch 1000, pooled, zstd");
        assertThat(setup.with(ProducerTuning.linger(0)).label())
                .isEqualTo("relay ×1, 4 workers, batch 1000, pooled, linger 0 ms");
    }
}
