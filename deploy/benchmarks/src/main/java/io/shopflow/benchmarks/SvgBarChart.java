package io.shopflow.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.svg.SVGGraphics2D;

/**
 * Stacked panels of horizontal bars in one SVG file, which any browser or Markdown viewer shows: each panel a
 * JFreeChart bar chart scaled to its own largest value (or its marker), drawn by JFreeSVG.
 */
final class SvgBarChart {

    /** One bar; {@code value} is drawn to scale and written out as {@code valueText}. */
    record Bar(String label, double value, String valueText, String color) {
    }

    /** A vertical dashed line across a panel, e.g. a target. */
    record Marker(double value, String label) {
    }

    /** A row of a panel: labels may repeat between groups, and the empty rows between groups have none. */
    private record Row(int position, String label) implements Comparable<Row> {
        @Override
        public int compareTo(Row other) {
            return Integer.compare(position, other.position);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private static final int WIDTH = 900;
    private static final int MARGIN = 20;
    private static final int BAR_ROW = 32;
    private static final int PANEL_FRAME = 90;
    private static final int NOTE_HEIGHT = 18;
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font TEXT_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font NOTE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Color MARKER_COLOR = Color.decode("#c0392b");
    /** Room right of the longest bar for its value. */
    private static final double VALUE_ROOM = 0.3;

    private final List<JFreeChart> panels = new ArrayList<>();
    private final List<Integer> panelHeights = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /**
     * Adds a panel. Bars come in groups of {@code barsPerGroup} (e.g. the paths of one percentile), an empty row
     * between groups; {@code marker} may be null.
     */
    SvgBarChart panel(String title, List<Bar> bars, int barsPerGroup, Marker marker) {
        var dataset = new DefaultCategoryDataset();
        var rows = new ArrayList<Bar>();
        for (int n = 0; n < bars.size(); n++) {
            if (n > 0 && n % barsPerGroup == 0) {
                rows.add(null); // an empty row between groups
                dataset.addValue(null, "value", new Row(rows.size(), ""));
            }
            rows.add(bars.get(n));
            dataset.addValue(bars.get(n).value(), "value", new Row(rows.size(), bars.get(n).label()));
        }
        var plot = new CategoryPlot(dataset, new CategoryAxis(), new NumberAxis(), new ColouredBars(rows));
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.getDomainAxis().setTickLabelFont(TEXT_FONT);
        plot.getDomainAxis().setCategoryMargin(0.25);
        plot.getRangeAxis().setVisible(false);
        plot.getRangeAxis().setUpperMargin(VALUE_ROOM);
        if (marker != null) {
            var line = new ValueMarker(marker.value(), MARKER_COLOR, new BasicStroke(2f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            line.setLabel(marker.label());
            line.setLabelFont(NOTE_FONT);
            line.setLabelPaint(MARKER_COLOR);
            line.setLabelBackgroundColor(Color.WHITE);
            line.setLabelAnchor(RectangleAnchor.BOTTOM);
            line.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            plot.addRangeMarker(line);
            double highest = bars.stream().mapToDouble(Bar::value).max().orElse(0);
            if (marker.value() > highest) {
                plot.getRangeAxis().setUpperBound(marker.value() * (1 + VALUE_ROOM));
            }
        }
        var chart = new JFreeChart(title, TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setHorizontalAlignment(HorizontalAlignment.LEFT);
        panels.add(chart);
        panelHeights.add(PANEL_FRAME + rows.size() * BAR_ROW);
        return this;
    }

    /** A line of small print under the panels. */
    SvgBarChart note(String text) {
        notes.add(text);
        return this;
    }

    String render() {
        int height = panelHeights.stream().mapToInt(Integer::intValue).sum() + notes.size() * NOTE_HEIGHT + 2 * MARGIN;
        var svg = new SVGGraphics2D(WIDTH, height);
        svg.setPaint(Color.WHITE);
        svg.fillRect(0, 0, WIDTH, height);
        int top = MARGIN;
        for (int n = 0; n < panels.size(); n++) {
            panels.get(n).draw(svg, new Rectangle2D.Double(0, top, WIDTH, panelHeights.get(n)));
            top += panelHeights.get(n);
        }
        svg.setFont(NOTE_FONT);
        svg.setPaint(Color.DARK_GRAY);
        for (var note : notes) {
            top += NOTE_HEIGHT;
            svg.drawString(note, MARGIN, top);
        }
        return svg.getSVGDocument();
    }

    /** Each bar in its own colour, its value written after it; {@code rows} has null for the empty rows. */
    private static final class ColouredBars extends BarRenderer {

        private final List<Bar> rows;

        ColouredBars(List<Bar> rows) {
            this.rows = rows;
            setBarPainter(new StandardBarPainter());
            setShadowVisible(false);
            setMaximumBarWidth(1.0);
            setDefaultItemLabelsVisible(true);
            setDefaultItemLabelFont(TEXT_FONT);
            setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator() {
                @Override
                public String generateLabel(CategoryDataset dataset, int row, int column) {
                    return rows.get(column).valueText();
                }
            });
            setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3,
                    TextAnchor.CENTER_LEFT));
            setItemLabelAnchorOffset(6);
        }

        @Override
        public Paint getItemPaint(int row, int column) {
            return Color.decode(rows.get(column).color());
        }
    }
}
