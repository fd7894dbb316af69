package io.shopflow.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SvgTimelineTest {

    @Test
    void the_y_axis_ends_on_a_round_number_at_or_above_the_highest_count() {
        assertThat(SvgTimeline.niceCeiling(1)).isEqualTo(1);
        assertThat(SvgTimeline.niceCeiling(7)).isEqualTo(10);
        assertThat(SvgTimeline.niceCeiling(11)).isEqualTo(20);
        assertThat(SvgTimeline.niceCeiling(250)).isEqualTo(500);
        assertThat(SvgTimeline.niceCeiling(500)).isEqualTo(500);
    }

    @Test
    void each_series_is_a_line_with_a_point_a_second_and_each_phase_a_labelled_mark() {
        var svg = SvgTimeline.render("Orders & sagas", List.of(
                new SvgTimeline.Series("placed", new long[] {0, 10, 20}, "#111"),
                new SvgTimeline.Series("ended", new long[] {0, 5}, "#222")), List.of(new SvgTimeline.Mark(1, "step <2>")));

        assertThat(svg).startsWith("<svg").contains("Orders &amp; sagas").contains("step &lt;2&gt;");
        assertThat(svg.split("<polyline", -1)).hasSize(3);
        assertThat(svg).containsPattern("stroke=\"#111\" stroke-width=\"1.5\" points=\"\\S+ \\S+ \\S+\"");
        assertThat(svg).as("the y axis reaches the highest count").contains(">20</text>");
    }
}
