package io.shopflow.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * An SVG line chart of counts per second over a run, written by hand for the reason {@link SvgBarChart} gives: a line
 * per series on one time axis, the run's phases marked by labelled vertical lines where they began.
 */
final class SvgTimeline {

    /** One line: a count for each second of the run. */
    record Series(String label, long[] perSecond, String color) {
    }

    /** Where a phase began, in seconds from the start of the run. */
    record Mark(long second, String label) {
    }

    private static final int WIDTH = 900;
    private static final int LEFT = 60;
    private static final int RIGHT = 20;
    private static final int TOP = 150;
    private static final int PLOT_HEIGHT = 300;
    private static final int BOTTOM = 70;
    private static final int Y_TICKS = 5;
    private static final int X_TICK_SECONDS = 60;
    private static final String FONT = "font-family=\"Helvetica, Arial, sans-serif\"";
    private static final String GRID_COLOR = "#ddd";
    private static final String MARK_COLOR = "#999";

    private SvgTimeline() {
    }

    static String render(String title, List<Series> series, List<Mark> marks) {
        int seconds = series.stream().mapToInt(line -> line.perSecond().length).max().orElse(1);
        long highest = series.stream().flatMapToLong(line -> Arrays.stream(line.perSecond())).max()
                .orElse(1);
        long yMax = niceCeiling(Math.max(1, highest));
        double xScale = (double) (WIDTH - LEFT - RIGHT) / Math.max(1, seconds);
        double yScale = (double) PLOT_HEIGHT / yMax;
        int bottom = TOP + PLOT_HEIGHT;
        var svg = new StringBuilder();
        text(svg, LEFT, 24, title, 16, "bold", "start", 0);
        for (int tick = 0; tick <= Y_TICKS; tick++) {
            long value = yMax * tick / Y_TICKS;
            double y = bottom - value * yScale;
            svg.append(line(LEFT, y, WIDTH - RIGHT, y, GRID_COLOR, ""));
            text(svg, LEFT - 6, y + 4, String.format(Locale.ROOT, "%,d", value), 11, "normal", "end", 0);
        }
        for (int second = 0; second <= seconds; second += X_TICK_SECONDS) {
            text(svg, LEFT + second * xScale, bottom + 16, second + " s", 11, "normal", "middle", 0);
        }
        for (var mark : marks) {
            double x = LEFT + mark.second() * xScale;
            svg.append(line(x, TOP, x, bottom, MARK_COLOR, " stroke-dasharray=\"4 3\""));
            text(svg, x + 4, TOP - 6, mark.label(), 11, "normal", "start", -90);
        }
        int legendY = bottom + 40;
        int legendX = LEFT;
        for (var line : series) {
            svg.append(polyline(line.perSecond(), xScale, yScale, bottom, line.color()));
            svg.append(line(legendX, legendY - 4, legendX + 24, legendY - 4, line.color(), " stroke-width=\"3\""));
            text(svg, legendX + 30, legendY, line.label(), 12, "normal", "start", 0);
            legendX += 40 + line.label().length() * 7;
        }
        text(svg, LEFT, legendY + 20, "per second, from the start of the saga's phases", 11, "normal", "start", 0);
        int height = bottom + BOTTOM;
        return String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n%s</svg>%n",
                WIDTH, height, WIDTH, height, svg);
    }

    /** 1, 2 or 5 times a power of ten, at or above {@code value}: round numbers on the y axis. */
    static long niceCeiling(long value) {
        for (long power = 1; ; power *= 10) {
            for (long step : new long[] {1, 2, 5}) {
                if (step * power >= value) {
                    return step * power;
                }
            }
        }
    }

    private static String polyline(long[] values, double xScale, double yScale, int bottom, String color) {
        var points = new StringBuilder();
        for (int second = 0; second < values.length; second++) {
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", LEFT + (second + 0.5) * xScale,
                    bottom - values[second] * yScale));
        }
        return String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"%s\"/>%n",
                color, points.toString().trim());
    }

    private static String line(double x1, double y1, double x2, double y2, String color, String extra) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>%n",
                x1, y1, x2, y2, color, extra);
    }

    private static void text(StringBuilder svg, double x, double y, String content, int size, String weight,
                             String anchor, int rotation) {
        String rotate = rotation == 0 ? "" : String.format(Locale.ROOT, " transform=\"rotate(%d %.1f %.1f)\"", rotation,
                x, y);
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" %s font-size=\"%d\" font-weight=\"%s\" "
                + "fill=\"#222\" text-anchor=\"%s\"%s>%s</text>%n", x, y, FONT, size, weight, anchor, rotate,
                SvgBarChart.escape(content)));
    }
}
