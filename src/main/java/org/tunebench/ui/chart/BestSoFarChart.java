package org.tunebench.ui.chart;

import java.awt.BasicStroke;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import javafx.scene.layout.BorderPane;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.tunebench.charts.ChartStyle;

/**
 * Best metric so far against elapsed seconds, in a JFreeChart plot (zoom, pan, tooltips, PNG/SVG/CSV export); several
 * experiments overlaid, with a legend, when comparing. Rebuilt from {@link #paintIfDirty()} (the dashboard's pulse)
 * when a result came, at most every {@link #MIN_INTERVAL_MS}, with the steps thinned to about two a pixel; the CSV
 * export holds every step.
 */
public final class BestSoFarChart extends BorderPane {
  /** One line: its label, its steps (x = seconds since the first result) and where the last step ends. */
  public record Line(String label, DoubleList xs, DoubleList ys, DoubleSupplier endX) {}

  static final long MIN_INTERVAL_MS = 500;
  static final String X_LABEL = "seconds since the first result";
  private final List<Line> lines = new ArrayList<>();
  private final LongSupplier version;
  private final ChartPane pane = new ChartPane("best-so-far-chart");
  private final XYSeriesCollection data = new XYSeriesCollection();
  private final XYStepRenderer renderer = new XYStepRenderer();
  private final NumberAxis y = new NumberAxis("best");
  private final JFreeChart chart;
  private String valueLabel;
  private long seen = -1;
  private boolean dirty = true;
  private final RedrawPace pace = new RedrawPace(MIN_INTERVAL_MS);
  private final javafx.beans.InvalidationListener paletteChanged = o -> restyle();

  public BestSoFarChart(LongSupplier version) {
    this.version = version;
    // from the first result, not from the start as the timeline beside it (worker start-up comes before it)
    NumberAxis x = new NumberAxis(X_LABEL);
    y.setAutoRangeIncludesZero(false);
    renderer.setDefaultToolTipGenerator((d, s, i) -> d.getSeriesKey(s) + ": best " + Axes.fmt(d.getYValue(s, i))
        + " from " + Axes.fmt(d.getXValue(s, i)) + " s");
    // "by time": the Compare tab shows it beside the best so far by trial
    chart = new JFreeChart("Best so far, by time", JFreeChart.DEFAULT_TITLE_FONT, new XYPlot(data, x, y, renderer), true);
    chart.getLegend().setPosition(RectangleEdge.BOTTOM);
    chart.getLegend().setVisible(false);
    Palette.CURRENT.addListener(new javafx.beans.WeakInvalidationListener(paletteChanged));
    restyle();
    pane.setChart(chart);
    pane.setCsv(this::csv);
    setCenter(pane);
    setMinSize(80, 60);
  }

  /** The lines to plot; with one line its label names the y axis, with more a legend does. */
  public void setLines(List<Line> ls) {
    lines.clear();
    lines.addAll(ls);
    chart.getLegend().setVisible(lines.size() > 1);
    markDirty();
  }

  /** The y axis's label (the metric the lines share); by default "best" and, for one line, its label. */
  public void setValueLabel(String label) {
    valueLabel = label;
    markDirty();
  }

  public void markDirty() {
    dirty = true;
  }

  /** Rebuilds the plotted steps if a result came since the last time (or the lines or theme changed); true if it did. */
  public boolean paintIfDirty() {
    long v = version.getAsLong();
    if (!dirty && v == seen) return false;
    if (!dirty && !pace.due()) return false;
    seen = v;
    dirty = false;
    pace.redraw(this::rebuild);
    return true;
  }

  /** The chart as plotted now (for tests and export). */
  public JFreeChart chart() {
    return chart;
  }

  public ChartPane pane() {
    return pane;
  }

  private void rebuild() {
    chart.setNotify(false);
    try {
      data.removeAllSeries();
      for (Line l : lines) {
        XYSeries s = new XYSeries(lines.size() > 1 ? l.label() + "  " + last(l) : l.label(), false, true);
        // a long run improves its best thousands of times: a step every pixel or two is all the eye can see
        for (int i : Lttb.downsample(l.xs(), l.ys(), (int) Math.max(64, 2 * getWidth()))) {
          s.add(l.xs().get(i), l.ys().get(i), false);
        }
        double end = l.endX().getAsDouble();
        // the best holds until now (or the run's last result): the line reaches there
        if (l.xs().size() > 0 && !Double.isNaN(end) && end > l.xs().last()) s.add(end, l.ys().last(), false);
        data.addSeries(s);
      }
      y.setLabel(valueLabel != null ? valueLabel : lines.size() == 1 ? "best " + lines.get(0).label() : "best");
      colour(ChartStyles.current());
    } finally {
      chart.setNotify(true);
    }
  }

  /** Every step of every line (the plot holds a thinned copy), and where each line's best holds until. */
  String csv() {
    StringBuilder b = new StringBuilder("series,").append(org.tunebench.charts.ChartFiles.csvCell(X_LABEL)).append(',')
        .append(org.tunebench.charts.ChartFiles.csvCell(y.getLabel() == null ? "best" : y.getLabel())).append('\n');
    for (Line l : lines) {
      String name = org.tunebench.charts.ChartFiles.csvCell(l.label());
      for (int i = 0; i < l.xs().size(); i++) {
        b.append(name).append(',').append(l.xs().get(i)).append(',').append(l.ys().get(i)).append('\n');
      }
      double end = l.endX().getAsDouble();
      if (l.xs().size() > 0 && !Double.isNaN(end) && end > l.xs().last()) {
        b.append(name).append(',').append(end).append(',').append(l.ys().last()).append('\n');
      }
    }
    return b.toString();
  }

  private static String last(Line l) {
    return l.ys().size() == 0 ? "" : Axes.fmt(l.ys().last());
  }

  private void restyle() {
    ChartStyle s = ChartStyles.current();
    s.apply(chart);
    colour(s);
    dirty = true;
  }

  private void colour(ChartStyle s) {
    for (int i = 0; i < lines.size(); i++) {
      renderer.setSeriesPaint(i, lines.size() == 1 ? s.accent() : s.series(i));
      renderer.setSeriesStroke(i, new BasicStroke(2f));
    }
  }
}
