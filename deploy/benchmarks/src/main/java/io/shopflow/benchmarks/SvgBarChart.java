package io.shopflow.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An SVG of stacked panels of horizontal bars, a file any browser or Markdown viewer shows. Each panel scales its
 * bars to its own largest value.
 *
 * <p>Written by hand, on purpose: the charting libraries the registry serves draw on a {@code Graphics2D}
 * (JFreeChart 1.5.6) and need another library to turn that into SVG; JFreeSVG is not served, and Batik's
 * {@code SVGGraphics2D} brings a DOM implementation and about ten modules to write what is here a few rectangles,
 * lines and texts. XChart is not served. Checked 2026-12-06; if JFreeSVG or XChart becomes available, they do this
 * as well.
 */
final class SvgBarChart {

    /** One bar; {@code value} is drawn to scale and written out as {@code valueText}. */
    record Bar(String label, double value, String valueText, String color) {
    }

    /** A vertical dashed line across a panel, e.g. a target. */
    record Marker(double value, String label) {
    }

    private static final int WIDTH = 900;
    private static final int MARGIN = 20;
    private static final int LABEL_WIDTH = 200;
    private static final int VALUE_WIDTH = 110;
    private static final int BAR_HEIGHT = 24;
    private static final int BAR_GAP = 8;
    private static final int GROUP_GAP = 10;
    private static final int TITLE_HEIGHT = 34;
    private static final int MARKER_LABEL_HEIGHT = 18;
    private static final int PANEL_GAP = 30;
    private static final String FONT = "font-family=\"Helvetica, Arial, sans-serif\"";
    private static final String TEXT_COLOR = "#222";
    private static final String MARKER_COLOR = "#c0392b";

    private final StringBuilder body = new StringBuilder();
    private final List<String> notes = new ArrayList<>();
    private int height = MARGIN;

    /**
     * Adds a panel. Bars come in groups of {@code barsPerGroup} with a wider gap between groups (e.g. the paths
     * of one percentile); {@code marker} may be null.
     */
    SvgBarChart panel(String title, List<Bar> bars, int barsPerGroup, Marker marker) {
        double scaleMax = bars.stream().mapToDouble(Bar::value).max().orElse(1);
        if (marker != null) {
            scaleMax = Math.max(scaleMax, marker.value());
        }
        int barAreaWidth = WIDTH - 2 * MARGIN - LABEL_WIDTH - VALUE_WIDTH;
        int left = MARGIN + LABEL_WIDTH;
        text(MARGIN, height + 20, title, "16", "bold", "start");
        height += TITLE_HEIGHT;
        int groups = (bars.size() + barsPerGroup - 1) / barsPerGroup;
        int barsBottom = height + bars.size() * (BAR_HEIGHT + BAR_GAP) + (groups - 1) * GROUP_GAP - BAR_GAP;
        if (marker != null) {
            // Drawn first, so bars and their values stay on top of it.
            int x = left + (int) Math.round(marker.value() / scaleMax * barAreaWidth);
            body.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                    + "stroke-width=\"2\" stroke-dasharray=\"6,4\"/>%n",
                    x, height - 4, x, barsBottom + 4, MARKER_COLOR));
            body.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" %s font-size=\"12\" fill=\"%s\" "
                    + "text-anchor=\"middle\">%s</text>%n", x, barsBottom + 18, FONT, MARKER_COLOR,
                    escape(marker.label())));
        }
        for (int n = 0; n < bars.size(); n++) {
            if (n > 0 && n % barsPerGroup == 0) {
                height += GROUP_GAP;
            }
            var bar = bars.get(n);
            int length = (int) Math.round(bar.value() / scaleMax * barAreaWidth);
            int middle = height + BAR_HEIGHT / 2 + 5;
            text(left - 8, middle, bar.label(), "13", "normal", "end");
            body.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>%n",
                    left, height, Math.max(length, 1), BAR_HEIGHT, bar.color()));
            text(left + length + 6, middle, bar.valueText(), "13", "normal", "start");
            height += BAR_HEIGHT + BAR_GAP;
        }
        height = barsBottom + (marker != null ? MARKER_LABEL_HEIGHT : 0) + PANEL_GAP;
        return this;
    }

    /** A line of small print under the panels. */
    SvgBarChart note(String text) {
        notes.add(text);
        return this;
    }

    String render() {
        for (var note : notes) {
            text(MARGIN, height, note, "12", "normal", "start");
            height += MARKER_LABEL_HEIGHT;
        }
        int totalHeight = height + MARGIN;
        return String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n%s</svg>%n",
                WIDTH, totalHeight, WIDTH, totalHeight, body);
    }

    private void text(int x, int y, String content, String size, String weight, String anchor) {
        // A white outline behind the letters keeps a value readable where the marker line crosses it.
        body.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" %s font-size=\"%s\" font-weight=\"%s\" "
                + "fill=\"%s\" text-anchor=\"%s\" stroke=\"white\" stroke-width=\"3\" paint-order=\"stroke\">"
                + "%s</text>%n", x, y, FONT, size, weight, TEXT_COLOR, anchor, escape(content)));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
