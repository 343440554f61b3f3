package org.tunebench.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.tunebench.app.analysis.ParetoTable;

/**
 * The Pareto front of a multi-objective experiment: every trial as a dot at its objectives' values, the
 * Pareto-optimal ones larger and in the accent colour; with two objectives a step line joins them along the
 * boundary of what they dominate. One chart per pair of objectives (three make a scatter matrix). Each dot's
 * tooltip starts with the trial's id, so a click on it selects the trial.
 */
public final class ParetoChart {
  /** The dataset index of the selection ring, as on the other analysis charts. */
  public static final int RING = 5;
  public static final int DOMINATED = 1;
  public static final int FRONT = 2;
  static final Ellipse2D BIG = new Ellipse2D.Double(-5, -5, 10, 10);

  private ParetoChart() {
  }

  /**
   * Objective {@code x} against objective {@code y}; {@code stairs} draws the front's step line (meaningful when
   * these are the only two objectives). {@code selected} (may be null) is ringed.
   */
  public static JFreeChart of(ParetoTable t, int x, int y, boolean stairs, String selected, ChartStyle s) {
    XYSeries line = new XYSeries("front", false, true);
    if (stairs) for (double[] p : t.staircase(x, y)) line.add(p[0], p[1]);
    XYSeries dominated = new XYSeries("dominated", false, true);
    XYSeries front = new XYSeries("Pareto-optimal", false, true);
    int[] domRows = new int[t.size()];
    int[] frontRows = new int[t.size()];
    int nd = 0;
    int nf = 0;
    for (int i = 0; i < t.size(); i++) {
      double[] v = t.values()[i];
      if (t.onFront()[i]) {
        front.add(v[x], v[y]);
        frontRows[nf++] = i;
      } else {
        dominated.add(v[x], v[y]);
        domRows[nd++] = i;
      }
    }
    var ox = t.objectives().get(x);
    var oy = t.objectives().get(y);
    NumberAxis ax = new NumberAxis(ox.metric() + " (" + ox.mode().json() + ")");
    NumberAxis ay = new NumberAxis(oy.metric() + " (" + oy.mode().json() + ")");
    ax.setAutoRangeIncludesZero(false);
    ay.setAutoRangeIncludesZero(false);
    AnalysisCharts.minimumSpan(ax, column(t, x));
    AnalysisCharts.minimumSpan(ay, column(t, y));

    XYLineAndShapeRenderer stepLine = new XYLineAndShapeRenderer(true, false);
    stepLine.setSeriesPaint(0, s.accent());
    stepLine.setSeriesStroke(0, new BasicStroke(1.5f));
    // the line has no tooltip, so a click on it selects nothing
    stepLine.setDefaultToolTipGenerator(null);
    Color mutedDot = new Color(s.muted().getRed(), s.muted().getGreen(), s.muted().getBlue(), 150);
    XYLineAndShapeRenderer dom = new XYLineAndShapeRenderer(false, true);
    dom.setSeriesShape(0, AnalysisCharts.DOT);
    dom.setSeriesPaint(0, mutedDot);
    dom.setDefaultToolTipGenerator((d, se, item) -> TrialTips.of(t, domRows[item]));
    XYLineAndShapeRenderer fr = new XYLineAndShapeRenderer(false, true);
    fr.setSeriesShape(0, BIG);
    fr.setSeriesPaint(0, s.accent());
    fr.setUseOutlinePaint(true);
    fr.setDrawOutlines(true);
    fr.setSeriesOutlinePaint(0, s.bg());
    fr.setDefaultToolTipGenerator((d, se, item) -> TrialTips.of(t, frontRows[item]));

    XYPlot plot = new XYPlot(new XYSeriesCollection(line), ax, ay, stepLine);
    plot.setDataset(DOMINATED, new XYSeriesCollection(dominated));
    plot.setRenderer(DOMINATED, dom);
    plot.setDataset(FRONT, new XYSeriesCollection(front));
    plot.setRenderer(FRONT, fr);
    // the front over the dominated dots, the ring over both: index order
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
    ring(plot, t, x, y, selected, s.accent());

    JFreeChart c = new JFreeChart("Pareto front: " + ox.metric() + " × " + oy.metric(), JFreeChart.DEFAULT_TITLE_FONT, plot, false);
    String sub = t.frontSize() + " of " + t.size() + " trials Pareto-optimal (last result of each trial)";
    if (t.objectives().size() > 2) sub += ", over all " + t.objectives().size() + " objectives";
    if (t.missing() > 0) sub += "; " + t.missing() + " without every objective not shown";
    c.addSubtitle(new TextTitle(sub));
    LegendItemCollection items = new LegendItemCollection();
    items.add(new LegendItem("Pareto-optimal", null, null, null, BIG, s.accent()));
    items.add(new LegendItem("dominated", null, null, null, AnalysisCharts.DOT, mutedDot));
    LegendTitle legend = new LegendTitle(() -> items);
    legend.setPosition(RectangleEdge.BOTTOM);
    legend.setItemLabelPadding(new org.jfree.chart.ui.RectangleInsets(2, 2, 2, 10));
    c.addSubtitle(legend);
    return AnalysisCharts.crowded(s.apply(c), t.size());
  }

  /** The CSV export of a Pareto chart: one row per trial shown, every objective and whether it is on the front. */
  public static String csv(ParetoTable t) {
    StringBuilder b = new StringBuilder("trial,pareto_optimal");
    for (var o : t.objectives()) b.append(',').append(ChartFiles.cell(o.metric()));
    b.append('\n');
    for (int i = 0; i < t.size(); i++) {
      b.append(ChartFiles.cell(t.ids().get(i))).append(',').append(t.onFront()[i]);
      for (double v : t.values()[i]) b.append(',').append(v);
      b.append('\n');
    }
    return b.toString();
  }

  private static double[] column(ParetoTable t, int k) {
    double[] out = new double[t.size()];
    for (int i = 0; i < out.length; i++) out[i] = t.values()[i][k];
    return out;
  }

  /** Rings the trial {@code id} (none when null or not shown), in its own dataset so the data stays as plotted. */
  static void ring(XYPlot plot, ParetoTable t, int x, int y, String id, Color c) {
    int row = id == null ? -1 : t.ids().indexOf(id);
    XYSeries mark = new XYSeries("selected", false, true);
    if (row >= 0) mark.add(t.values()[row][x], t.values()[row][y]);
    XYLineAndShapeRenderer ring = new XYLineAndShapeRenderer(false, true);
    ring.setSeriesShape(0, new Ellipse2D.Double(-9, -9, 18, 18));
    ring.setSeriesShapesFilled(0, false);
    ring.setSeriesPaint(0, c);
    ring.setSeriesStroke(0, new BasicStroke(2.5f));
    ring.setDefaultToolTipGenerator((d, se, i) -> TrialTips.of(t, row));
    ring.setSeriesVisibleInLegend(0, false);
    plot.setDataset(RING, new XYSeriesCollection(mark));
    plot.setRenderer(RING, ring);
  }
}
