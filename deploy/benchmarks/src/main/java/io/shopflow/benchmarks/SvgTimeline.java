package io.shopflow.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * An SVG line chart of counts per second over a run, as {@link SvgBarChart} is of bars: a line per series on one
 * time axis, the run's phases marked by labelled vertical lines where they began.
 */
final class SvgTimeline {

    /** One line: a count for each second of the run. */
    record Series(String label, long[] perSecond, String color) {
    }

    /** Where a phase began, in seconds from the start of the run. */
    record Mark(long second, String label) {
    }

    private static final int WIDTH = 900;
    private static final int HEIGHT = 520;
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font MARK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Color MARK_COLOR = Color.GRAY;

    private SvgTimeline() {
    }

    static String render(String title, List<Series> series, List<Mark> marks) {
        var lines = new XYSeriesCollection();
        for (var line : series) {
            var points = new XYSeries(line.label());
            for (int second = 0; second < line.perSecond().length; second++) {
                points.add(second + 0.5, line.perSecond()[second]);
            }
            lines.addSeries(points);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "seconds from the start of the saga's phases",
                "per second", lines, PlotOrientation.VERTICAL, true, false, false);
        chart.getTitle().setFont(TITLE_FONT);
        chart.setBackgroundPaint(Color.WHITE);
        var plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        for (int n = 0; n < series.size(); n++) {
            plot.getRenderer().setSeriesPaint(n, Color.decode(series.get(n).color()));
            plot.getRenderer().setSeriesStroke(n, new BasicStroke(1.5f));
        }
        for (var mark : marks) {
            var line = new ValueMarker(mark.second(), MARK_COLOR, new BasicStroke(1f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 10f, new float[] {4f, 3f}, 0f));
            line.setLabel(mark.label());
            line.setLabelFont(MARK_FONT);
            line.setLabelBackgroundColor(Color.WHITE);
            line.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            line.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            plot.addDomainMarker(line);
        }
        var svg = new SVGGraphics2D(WIDTH, HEIGHT);
        chart.draw(svg, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
        return svg.getSVGDocument();
    }
}
