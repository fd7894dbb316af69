package io.shopflow.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SvgTimelineTest {

    @Test
    void each_series_is_a_line_in_its_colour_and_each_phase_a_labelled_mark() {
        var svg = SvgTimeline.render("Orders & sagas", List.of(
                new SvgTimeline.Series("placed", new long[] {0, 10, 20}, "#111111"),
                new SvgTimeline.Series("ended", new long[] {0, 5}, "#222222")), List.of(new SvgTimeline.Mark(1, "step <2>")));

        assertThat(svg).contains("<svg").contains("Orders &amp; sagas").contains("step &lt;2&gt;")
                .contains("placed").contains("ended");
        assertThat(svg).as("each series drawn in its colour").contains("rgb(17,17,17)").contains("rgb(34,34,34)");
    }
}
