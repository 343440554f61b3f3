package org.tunebench.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.awt.geom.Ellipse2D;
import java.text.DecimalFormat;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.labels.StandardCategoryToolTipGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.tunebench.app.analysis.AnalysisTable;
import org.tunebench.app.analysis.Fanova;
import org.tunebench.app.analysis.ParamAxis;
import org.tunebench.app.analysis.RegressionForest;

/**
 * The Analysis view's charts, built headless so that the workbench (in a ChartViewer) and the HTML report (as
 * images) show the same thing: importance, slice, contour, empirical distribution, parallel coordinates.
 */
public final class AnalysisCharts {
  static final Ellipse2D DOT = new Ellipse2D.Double(-3.5, -3.5, 7, 7);

  private AnalysisCharts() {
  }

  /** Horizontal bars, most important first, with the method named under the title. */
  public static JFreeChart importance(AnalysisTable t, double[] imp, String scope, ChartStyle s) {
    DefaultCategoryDataset ds = new DefaultCategoryDataset();
    Integer[] order = IntStream.range(0, imp.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> -imp[i]));
    // with a handful of trials the forest explains nothing: say so rather than draw empty bars
    boolean any = Arrays.stream(imp).anyMatch(v -> v > 0);
    if (any) for (int i : order) ds.addValue(imp[i], "importance", t.axes().get(i).name());
    CategoryPlot plot = new CategoryPlot(ds, new CategoryAxis(null), new NumberAxis("share of variance"), null);
    plot.setNoDataMessage("too few trials to rank the parameters yet");
    plot.setNoDataMessagePaint(s.muted());
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    BarRenderer r = new BarRenderer();
    r.setBarPainter(new StandardBarPainter());
    r.setShadowVisible(false);
    r.setSeriesPaint(0, s.accent());
    r.setMaximumBarWidth(0.08);
    r.setDefaultToolTipGenerator(new StandardCategoryToolTipGenerator("{1}: {2}", new DecimalFormat("0.######")));
    plot.setRenderer(r);
    ((NumberAxis) plot.getRangeAxis()).setRange(0, 1);
    JFreeChart c = new JFreeChart("Parameter importance", JFreeChart.DEFAULT_TITLE_FONT, plot, false);
    c.addSubtitle(new TextTitle(Fanova.METHOD + ", " + scope + " (" + t.size() + " trials)"));
    return s.apply(c);
  }

  /** One parameter against the metric, one dot per trial coloured by the metric, log/categorical axes as the domain is. */
  public static JFreeChart slice(AnalysisTable t, int col, ChartStyle s) {
    ParamAxis a = t.axes().get(col);
    XYSeries series = new XYSeries("trials", false, true);
    int[] rows = IntStream.range(0, t.size()).filter(i -> !Double.isNaN(t.x()[i][col])).toArray();
    for (int i : rows) series.add(a.scale() == ParamAxis.Scale.LOG ? Math.pow(10, t.x()[i][col]) : t.x()[i][col], t.y()[i]);
    QualityScale q = QualityScale.of(t.y(), t.mode());
    XYLineAndShapeRenderer r = dots(rows, t, q);
    NumberAxis y = new NumberAxis(t.metric());
    y.setAutoRangeIncludesZero(false);
    minimumSpan(y, t.y());
    XYPlot plot = new XYPlot(new XYSeriesCollection(series), paramAxis(a), y, r);
    JFreeChart c = new JFreeChart(a.name() + " vs " + t.metric(), JFreeChart.DEFAULT_TITLE_FONT, plot, false);
    c.addSubtitle(q.legend(t.metric(), s));
    return crowded(s.apply(c), rows.length);
  }

  static final int CROWDED = 2000;

  /**
   * When every value is the same (PBT trials that all copied the winner), an auto range collapses and the ticks
   * repeat one number in scientific notation; a span of 2% of the value (or 1 around 0) keeps the axis readable.
   */
  static void minimumSpan(NumberAxis axis, double[] values) {
    double m = 0;
    for (double v : values) if (Double.isFinite(v)) m = Math.max(m, Math.abs(v));
    axis.setAutoRangeMinimumSize(m > 0 ? m * 0.02 : 1);
  }

  /** Thousands of antialiased dots cost most of a draw and overlap anyway: past that, dots are drawn plain. */
  static JFreeChart crowded(JFreeChart c, int points) {
    if (points > CROWDED) c.setAntiAlias(false);
    return c;
  }

  /** The empirical distribution of the metric: the fraction of trials at or below each value. */
  public static JFreeChart edf(AnalysisTable t, ChartStyle s) {
    double[] v = t.y().clone();
    Arrays.sort(v);
    XYSeries series = new XYSeries("trials", true, true);
    for (int i = 0; i < v.length; i++) series.add(v[i], (i + 1) / (double) v.length);
    XYStepRenderer r = new XYStepRenderer();
    r.setSeriesPaint(0, s.accent());
    r.setSeriesStroke(0, new BasicStroke(1.5f));
    r.setDefaultToolTipGenerator((ds, se, i) -> t.metric() + " ≤ " + ds.getXValue(se, i) + ": "
        + Math.round(ds.getYValue(se, i) * v.length) + " of " + v.length + " trials");
    NumberAxis x = new NumberAxis(t.metric());
    x.setAutoRangeIncludesZero(false);
    NumberAxis y = new NumberAxis("fraction of trials");
    y.setRange(0, 1.02);
    JFreeChart c = new JFreeChart("Empirical distribution of " + t.metric(), JFreeChart.DEFAULT_TITLE_FONT,
        new XYPlot(new XYSeriesCollection(series), x, y, r), false);
    return s.apply(c);
  }

  /**
   * Two parameters: the metric a random forest predicts from them on a 40 × 40 grid, under the trials as dots.
   * Log parameters are drawn in log10 and said so in the axis label.
   */
  public static JFreeChart contour(AnalysisTable t, int ci, int cj, ChartStyle s) {
    int grid = 40;
    int[] rows = IntStream.range(0, t.size()).filter(i -> !Double.isNaN(t.x()[i][ci]) && !Double.isNaN(t.x()[i][cj])).toArray();
    double[][] xy = new double[rows.length][];
    double[] y = new double[rows.length];
    for (int k = 0; k < rows.length; k++) {
      xy[k] = new double[] {t.x()[rows[k]][ci], t.x()[rows[k]][cj]};
      y[k] = t.y()[rows[k]];
    }
    QualityScale q = QualityScale.of(t.y(), t.mode());
    DefaultXYZDataset heat = new DefaultXYZDataset();
    XYBlockRenderer block = new XYBlockRenderer();
    block.setPaintScale(q);
    boolean background = rows.length >= CONTOUR_MIN_TRIALS;
    if (background) {
      double[] lo = {Arrays.stream(xy).mapToDouble(r -> r[0]).min().orElse(0), Arrays.stream(xy).mapToDouble(r -> r[1]).min().orElse(0)};
      double[] hi = {Arrays.stream(xy).mapToDouble(r -> r[0]).max().orElse(1), Arrays.stream(xy).mapToDouble(r -> r[1]).max().orElse(1)};
      double wx = Math.max(hi[0] - lo[0], 1e-12) / (grid - 1);
      double wy = Math.max(hi[1] - lo[1], 1e-12) / (grid - 1);
      RegressionForest f = contourForest(xy, y);
      double[][] z = new double[3][grid * grid];
      for (int a = 0; a < grid; a++) {
        for (int b = 0; b < grid; b++) {
          int k = a * grid + b;
          z[0][k] = lo[0] + a * wx;
          z[1][k] = lo[1] + b * wy;
          z[2][k] = f.predict(new double[] {z[0][k], z[1][k]});
        }
      }
      heat.addSeries("predicted " + t.metric(), z);
      block.setBlockWidth(wx);
      block.setBlockHeight(wy);
    }
    XYSeries pts = new XYSeries("trials", false, true);
    for (int k = 0; k < rows.length; k++) pts.add(xy[k][0], xy[k][1]);
    XYLineAndShapeRenderer dots = dots(rows, t, q);
    dots.setUseOutlinePaint(true);
    dots.setDrawOutlines(true);
    dots.setDefaultOutlinePaint(Color.WHITE);
    XYPlot plot = new XYPlot(heat, encodedAxis(t.axes().get(ci)), encodedAxis(t.axes().get(cj)), block);
    plot.setDataset(1, new XYSeriesCollection(pts));
    plot.setRenderer(1, dots);
    plot.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.FORWARD);
    JFreeChart c = new JFreeChart(t.axes().get(ci).name() + " × " + t.axes().get(cj).name(), JFreeChart.DEFAULT_TITLE_FONT, plot, false);
    c.addSubtitle(new TextTitle(background
        ? "background: " + t.metric() + " predicted by a random forest from these two parameters"
        // a forest on a handful of points predicts one flat value: no background rather than a misleading one
        : "no background yet: " + t.metric() + " is predicted once " + CONTOUR_MIN_TRIALS + " trials have results ("
            + rows.length + " so far)"));
    c.addSubtitle(q.legend(t.metric(), s));
    return crowded(s.apply(c), rows.length);
  }

  static final int CONTOUR_SAMPLE = 1000;
  /** Fewer trials than this give the contour no predicted background. */
  static final int CONTOUR_MIN_TRIALS = 8;

  /** The contour's surrogate, fitted on at most 1,000 trials (a fixed-seed sample) so a big history stays quick. */
  private static RegressionForest contourForest(double[][] xy, double[] y) {
    if (xy.length <= CONTOUR_SAMPLE) return RegressionForest.fit(xy, y, 24, 2, 17);
    int[] idx = new java.util.SplittableRandom(17).ints(0, xy.length).distinct().limit(CONTOUR_SAMPLE).toArray();
    double[][] sx = new double[idx.length][];
    double[] sy = new double[idx.length];
    for (int k = 0; k < idx.length; k++) {
      sx[k] = xy[idx[k]];
      sy[k] = y[idx[k]];
    }
    return RegressionForest.fit(sx, sy, 24, 2, 17);
  }

  /**
   * One polyline per trial across every parameter and the metric, each axis scaled from its minimum (bottom) to
   * maximum (top), best trials drawn last; at most {@code limit} trials (the best ones) so huge histories stay fast.
   */
  public static JFreeChart parallel(AnalysisTable t, int limit, ChartStyle s) {
    return parallel(t, limit, ParallelBrush.NONE, s);
  }

  /** The axes' names in parallel-coordinates order: the parameters, then the metric. */
  public static String[] parallelAxes(AnalysisTable t) {
    int axes = t.axes().size() + 1;
    String[] names = new String[axes];
    for (int a = 0; a < axes - 1; a++) names[a] = t.axes().get(a).name();
    names[axes - 1] = t.metric();
    return names;
  }

  /** Each parallel axis' lowest and highest value ({@code [0]} and {@code [1]}), as laid out (log10, index). */
  public static double[][] parallelBounds(AnalysisTable t) {
    int axes = t.axes().size() + 1;
    double[] lo = new double[axes];
    double[] hi = new double[axes];
    Arrays.fill(lo, Double.POSITIVE_INFINITY);
    Arrays.fill(hi, Double.NEGATIVE_INFINITY);
    for (int i = 0; i < t.size(); i++) {
      for (int a = 0; a < axes; a++) {
        double v = a < axes - 1 ? t.x()[i][a] : t.y()[i];
        if (Double.isNaN(v)) continue;
        lo[a] = Math.min(lo[a], v);
        hi[a] = Math.max(hi[a], v);
      }
    }
    for (int a = 0; a < axes - 1; a++) {
      // a categorical axis spans all its choices, so each keeps its place whichever were sampled
      ParamAxis pa = t.axes().get(a);
      if (pa.scale() == ParamAxis.Scale.CATEGORICAL && !pa.categories().isEmpty()) {
        lo[a] = 0;
        hi[a] = pa.categories().size() - 1;
      }
    }
    return new double[][] {lo, hi};
  }

  /**
   * {@link #parallel(AnalysisTable, int, ChartStyle)} with brushes: each brushed range is shaded on its axis, and the
   * trials outside any brush are drawn muted under the ones inside.
   */
  public static JFreeChart parallel(AnalysisTable t, int limit, ParallelBrush brush, ChartStyle s) {
    int axes = t.axes().size() + 1;
    String[] names = parallelAxes(t);
    double[][] bounds = parallelBounds(t);
    double[] lo = bounds[0];
    double[] hi = bounds[1];
    QualityScale q = QualityScale.of(t.y(), t.mode());
    Integer[] order = IntStream.range(0, t.size()).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> q.quality(t.y()[i])));
    int n = Math.min(limit, order.length);
    XYSeriesCollection ds = new XYSeriesCollection();
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
    Color muted = new Color(s.muted().getRed(), s.muted().getGreen(), s.muted().getBlue(), 45);
    // trials outside the brush first (drawn under), then the others, each group worst to best
    Integer[] drawOrder = new Integer[n];
    int m = 0;
    for (int k = n - 1; k >= 0; k--) if (!brush.matches(t, order[k])) drawOrder[m++] = order[k];
    for (int k = n - 1; k >= 0; k--) if (brush.matches(t, order[k])) drawOrder[m++] = order[k];
    for (int k = 0; k < n; k++) {
      int i = drawOrder[k];
      XYSeries se = new XYSeries(t.ids().get(i), false, true);
      for (int a = 0; a < axes; a++) {
        double v = a < axes - 1 ? t.x()[i][a] : t.y()[i];
        se.add(a, Double.isNaN(v) ? null : hi[a] > lo[a] ? (v - lo[a]) / (hi[a] - lo[a]) : 0.5);
      }
      int sIdx = ds.getSeriesCount();
      ds.addSeries(se);
      Color col = ChartStyle.quality(q.quality(t.y()[i]));
      boolean in = brush.matches(t, i);
      r.setSeriesPaint(sIdx, in ? new Color(col.getRed(), col.getGreen(), col.getBlue(), 150) : muted);
      r.setSeriesStroke(sIdx, new BasicStroke(in && !brush.isEmpty() ? 1.6f : 1.1f));
    }
    int[] seriesRow = new int[n];
    for (int k = 0; k < n; k++) seriesRow[k] = drawOrder[k];
    r.setDefaultToolTipGenerator((d, se, item) -> TrialTips.of(t, seriesRow[se]));
    SymbolAxis x = new SymbolAxis(null, names);
    x.setGridBandsVisible(false);
    NumberAxis y = new NumberAxis(null);
    y.setRange(-0.09, 1.11);
    y.setTickLabelsVisible(false);
    y.setTickMarksVisible(false);
    XYPlot plot = new XYPlot(ds, x, y, r);
    plot.setRangeGridlinesVisible(false);
    for (int a = 0; a < axes; a++) {
      ParamAxis pa = a < axes - 1 ? t.axes().get(a) : null;
      if (pa != null && pa.scale() == ParamAxis.Scale.CATEGORICAL && pa.categories().size() <= 12 && hi[a] > lo[a]) {
        // a categorical axis names every choice at its place
        for (int c = 0; c < pa.categories().size(); c++) {
          XYTextAnnotation an = tick(a, (c - lo[a]) / (hi[a] - lo[a]), pa.categories().get(c), s);
          an.setTextAnchor(TextAnchor.CENTER_LEFT);
          an.setX(a + 0.04);
          plot.addAnnotation(an);
        }
      } else {
        String scale = pa != null && pa.scale() == ParamAxis.Scale.LOG ? " (log)" : "";
        // every other axis' end labels one line further out: on a narrow chart neighbours' labels overlapped
        double out = a % 2 == 0 ? 0 : 0.045;
        XYTextAnnotation top = tick(a, 1.03 + out, label(pa, hi[a]) + scale, s);
        XYTextAnnotation bottom = tick(a, -0.02 - out, label(pa, lo[a]), s);
        // the outer axes' labels grow inwards: centred, they were cut at the plot's edges
        if (a == 0 || a == axes - 1) {
          for (XYTextAnnotation an : java.util.List.of(top, bottom)) {
            an.setTextAnchor(a == 0 ? TextAnchor.CENTER_LEFT : TextAnchor.CENTER_RIGHT);
            an.setX(a == 0 ? a - 0.05 : a + 0.05);
          }
        }
        plot.addAnnotation(top);
        plot.addAnnotation(bottom);
      }
      double[] b = brush.range(names[a]);
      if (b != null && hi[a] >= lo[a]) {
        double span = hi[a] > lo[a] ? hi[a] - lo[a] : 1;
        double y0 = hi[a] > lo[a] ? (b[0] - lo[a]) / span : 0.5;
        double y1 = hi[a] > lo[a] ? (b[1] - lo[a]) / span : 0.5;
        Color ac = s.accent();
        plot.addAnnotation(new org.jfree.chart.annotations.XYBoxAnnotation(a - 0.06, Math.max(-0.04, y0), a + 0.06,
            Math.min(1.06, y1), new BasicStroke(1.5f), ac, new Color(ac.getRed(), ac.getGreen(), ac.getBlue(), 60)),
            false);
      }
    }
    JFreeChart c = new JFreeChart("Parallel coordinates", JFreeChart.DEFAULT_TITLE_FONT, plot, false);
    if (n < t.size()) c.addSubtitle(new TextTitle("the best " + n + " of " + t.size() + " trials"));
    if (!brush.isEmpty()) {
      c.addSubtitle(new TextTitle(brush.ids(t).size() + " of " + t.size() + " trials inside the brushes on "
          + String.join(", ", brush.ranges().keySet()) + " (drag on an axis to brush, double-click it to clear)"));
    } else {
      c.addSubtitle(new TextTitle("drag on an axis to brush a range"));
    }
    c.addSubtitle(q.legend(t.metric(), s));
    return s.apply(c);
  }

  private static XYTextAnnotation tick(int a, double y, String text, ChartStyle s) {
    XYTextAnnotation an = new XYTextAnnotation(text, a, y);
    an.setFont(ChartStyle.TICK);
    an.setPaint(s.muted());
    an.setTextAnchor(TextAnchor.CENTER);
    return an;
  }

  private static String label(ParamAxis a, double v) {
    if (!Double.isFinite(v)) return "";
    if (a == null) return fmt(v);
    return switch (a.scale()) {
      case CATEGORICAL -> a.label(v);
      case LOG -> fmt(Math.pow(10, v));
      case LINEAR -> fmt(v);
    };
  }

  static String fmt(double v) {
    double m = Math.abs(v);
    return m != 0 && (m < 1e-3 || m >= 1e5) ? String.format("%.3g", v) : new DecimalFormat("0.####").format(v);
  }

  private static ValueAxis paramAxis(ParamAxis a) {
    return switch (a.scale()) {
      case LOG -> {
        yield LogAxes.of(a.name() + " (log scale)");
      }
      case CATEGORICAL -> new SymbolAxis(a.name(), a.categories().toArray(String[]::new));
      case LINEAR -> {
        NumberAxis n = new NumberAxis(a.name());
        n.setAutoRangeIncludesZero(false);
        yield n;
      }
    };
  }

  private static ValueAxis encodedAxis(ParamAxis a) {
    return switch (a.scale()) {
      case LOG -> {
        NumberAxis n = new NumberAxis("log10(" + a.name() + ")");
        n.setAutoRangeIncludesZero(false);
        yield n;
      }
      default -> paramAxis(a);
    };
  }

  /** Dots coloured by the metric, with the trial's id, metric and config as the tooltip. */
  private static XYLineAndShapeRenderer dots(int[] rows, AnalysisTable t, QualityScale q) {
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true) {
      @Override public Paint getItemPaint(int series, int item) {
        return q.getPaint(t.y()[rows[item]]);
      }
    };
    r.setSeriesShape(0, DOT);
    r.setDefaultToolTipGenerator((ds, se, item) -> TrialTips.of(t, rows[item]));
    return r;
  }

  /**
   * Rings one trial on a slice or contour chart (in the chart's own coordinates) or thickens its line on the
   * parallel coordinates; {@code id} null clears the mark. The mark lives in its own dataset so data stays as plotted.
   */
  public static void highlight(JFreeChart chart, AnalysisTable t, String id, int sliceCol, int contourX, int contourY, Color c) {
    if (!(chart.getPlot() instanceof XYPlot plot)) return;
    int row = id == null ? -1 : t.ids().indexOf(id);
    String title = chart.getTitle() == null ? "" : chart.getTitle().getText();
    if (title.equals("Parallel coordinates")) {
      XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) plot.getRenderer();
      var ds = (XYSeriesCollection) plot.getDataset();
      for (int i = 0; i < ds.getSeriesCount(); i++) {
        boolean sel = ds.getSeriesKey(i).equals(id);
        if (sel) {
          r.setSeriesPaint(i, c, false);
          r.setSeriesStroke(i, new BasicStroke(3f), false);
        }
      }
      chart.fireChartChanged();
      return;
    }
    XYSeries mark = new XYSeries("selected", false, true);
    if (row >= 0) {
      double x;
      double y;
      if (sliceCol >= 0) {
        ParamAxis a = t.axes().get(sliceCol);
        x = a.scale() == ParamAxis.Scale.LOG ? Math.pow(10, t.x()[row][sliceCol]) : t.x()[row][sliceCol];
        y = t.y()[row];
      } else {
        x = t.x()[row][contourX];
        y = t.x()[row][contourY];
      }
      if (!Double.isNaN(x) && !Double.isNaN(y)) mark.add(x, y);
    }
    XYLineAndShapeRenderer ring = new XYLineAndShapeRenderer(false, true);
    ring.setSeriesShape(0, new Ellipse2D.Double(-8, -8, 16, 16));
    ring.setSeriesShapesFilled(0, false);
    ring.setSeriesPaint(0, c);
    ring.setSeriesStroke(0, new BasicStroke(2.5f));
    final String tipId = id;
    final int tipRow = row;
    ring.setDefaultToolTipGenerator((d, se, i) -> tipRow >= 0 ? TrialTips.of(t, tipRow) : tipId);
    plot.setDataset(5, new XYSeriesCollection(mark));
    plot.setRenderer(5, ring);
  }
}
