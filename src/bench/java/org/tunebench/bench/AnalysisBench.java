package org.tunebench.bench;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.SamplingXYLineRenderer;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultXYDataset;
import org.tunebench.app.analysis.AnalysisTable;
import org.tunebench.charts.AnalysisCharts;
import org.tunebench.charts.ChartStyle;
import org.tunebench.model.ExperimentSpec.Mode;
import org.tunebench.model.SearchSpace;

/**
 * Issue 12's analysis targets, headless (plain Java2D, as the report draws; the workbench draws the same
 * JFreeChart through FXGraphics2D): one Analysis refresh at 10,000 trials x 10 parameters, importance at
 * 1,000 x 10 (CPU time of the measuring thread), and a JFreeChart plot of 1,000 curves x 1,000 points with the stock and the sampling renderer.
 * Run: java -Djava.awt.headless=true -cp target/bench-classes:target/classes:$(cat target/cp.txt)
 *   org.tunebench.bench.AnalysisBench [refresh,importance,curves]
 */
public final class AnalysisBench {
  public static void main(String[] args) throws Exception {
    String what = args.length > 0 ? args[0] : "refresh,importance,curves";
    System.out.println("| measure | load | p50 ms | max ms | runs |");
    System.out.println("|---|---|---:|---:|---:|");
    if (what.contains("refresh")) refresh(10_000, 10);
    if (what.contains("importance")) importance(1_000, 10);
    if (what.contains("curves")) curves(1_000, 1_000);
  }

  static List<AnalysisTable.Trial> trials(int n, int d, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<AnalysisTable.Trial> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, Object> cfg = new LinkedHashMap<>();
      double y = 0;
      for (int j = 0; j < d; j++) {
        double v = r.nextDouble();
        cfg.put("p" + j, v);
        y += (j + 1) * (v - 0.5) * (v - 0.5);
      }
      y += 0.5 * ((double) cfg.get("p0")) * ((double) cfg.get("p1"));
      out.add(new AnalysisTable.Trial(String.format("%05d", i), cfg, y));
    }
    return out;
  }

  static SearchSpace space(int d) {
    Map<String, org.tunebench.model.Domain> m = new LinkedHashMap<>();
    for (int j = 0; j < d; j++) m.put("p" + j, org.tunebench.model.FloatRange.uniform(0, 1));
    return SearchSpace.of(m);
  }

  /** Table, the five charts with cached importance (as a live refresh does), and drawing them at 520 x 420. */
  static void refresh(int n, int d) {
    List<AnalysisTable.Trial> trials = trials(n, d, 1);
    SearchSpace space = space(d);
    ChartStyle s = ChartStyle.light();
    double[] imp = new double[d];
    Arrays.fill(imp, 1.0 / d);
    BufferedImage img = new BufferedImage(520, 420, BufferedImage.TYPE_INT_ARGB);
    long[] build = new long[12];
    long[] draw = new long[12];
    for (int k = 0; k < build.length; k++) {
      long t0 = now();
      AnalysisTable t = AnalysisTable.of(space, "loss", Mode.MIN, trials);
      List<JFreeChart> charts = List.of(AnalysisCharts.importance(t, imp, "all trials", s), AnalysisCharts.slice(t, 0, s),
          AnalysisCharts.contour(t, 0, 1, s), AnalysisCharts.edf(t, s), AnalysisCharts.parallel(t, 1000, s));
      long t1 = now();
      for (JFreeChart c : charts) {
        Graphics2D g = img.createGraphics();
        c.draw(g, new Rectangle2D.Double(0, 0, 520, 420));
        g.dispose();
      }
      long t2 = now();
      build[k] = t1 - t0;
      draw[k] = t2 - t1;
    }
    row("Analysis refresh: table + 5 charts built (off FX thread)", n + " trials x " + d + " params", build, 2);
    row("Analysis refresh: 5 charts drawn at 520x420", n + " trials x " + d + " params", draw, 2);
  }

  static void importance(int n, int d) {
    AnalysisTable t = AnalysisTable.of(space(d), "loss", Mode.MIN, trials(n, d, 2));
    long[] ms = new long[6];
    for (int k = 0; k < ms.length; k++) {
      long t0 = now();
      t.importance(k);
      ms[k] = now() - t0;
    }
    row("importance (fANOVA, 64 trees)", n + " trials x " + d + " params", ms, 1);
  }

  /** 1,000 curves x 1,000 points in one XYPlot drawn at 1200 x 600: stock line renderer vs SamplingXYLineRenderer. */
  static void curves(int trials, int points) {
    DefaultXYDataset ds = new DefaultXYDataset();
    SplittableRandom r = new SplittableRandom(3);
    for (int s = 0; s < trials; s++) {
      double[][] xy = new double[2][points];
      double scale = 1 + 3 * r.nextDouble();
      for (int i = 0; i < points; i++) {
        xy[0][i] = i + 1;
        xy[1][i] = scale * Math.exp(-(i + 1) / 150.0) + 0.05 * r.nextDouble();
      }
      ds.addSeries("t" + s, xy);
    }
    BufferedImage img = new BufferedImage(1200, 600, BufferedImage.TYPE_INT_ARGB);
    // what a JFreeChart live-curves chart would plot after the dashboard's LTTB decimation (150 points a curve)
    DefaultXYDataset lttb = new DefaultXYDataset();
    for (int s = 0; s < trials; s++) {
      org.tunebench.ui.chart.DoubleList xs = new org.tunebench.ui.chart.DoubleList();
      org.tunebench.ui.chart.DoubleList ys = new org.tunebench.ui.chart.DoubleList();
      for (int i = 0; i < points; i++) {
        xs.add(ds.getXValue(s, i));
        ys.add(ds.getYValue(s, i));
      }
      int[] idx = org.tunebench.ui.chart.Lttb.downsample(xs, ys, 150);
      double[][] xy = new double[2][idx.length];
      for (int k = 0; k < idx.length; k++) {
        xy[0][k] = xs.get(idx[k]);
        xy[1][k] = ys.get(idx[k]);
      }
      lttb.addSeries("t" + s, xy);
    }
    long[] dec = new long[4];
    XYLineAndShapeRenderer dr = new XYLineAndShapeRenderer(true, false);
    for (int s = 0; s < trials; s++) dr.setSeriesPaint(s, ChartStyle.light().series(s));
    JFreeChart dc = new JFreeChart(new XYPlot(lttb, new NumberAxis("step"), new NumberAxis("loss"), dr));
    dc.removeLegend();
    for (int k = 0; k < dec.length; k++) {
      long t0 = now();
      Graphics2D g = img.createGraphics();
      dc.draw(g, new Rectangle2D.Double(0, 0, 1200, 600));
      g.dispose();
      dec[k] = now() - t0;
    }
    row("curves drawn by JFreeChart XYLineAndShapeRenderer after LTTB (150 points a curve)", trials + " x " + points + " points, 1200x600", dec, 1);
    Map<String, Supplier<XYItemRenderer>> kinds = new LinkedHashMap<>();
    kinds.put("XYLineAndShapeRenderer", () -> new XYLineAndShapeRenderer(true, false));
    kinds.put("SamplingXYLineRenderer", SamplingXYLineRenderer::new);
    for (var e : kinds.entrySet()) {
      XYItemRenderer rd = e.getValue().get();
      for (int s = 0; s < trials; s++) rd.setSeriesPaint(s, ChartStyle.light().series(s));
      JFreeChart c = new JFreeChart(new XYPlot(ds, new NumberAxis("step"), new NumberAxis("loss"), rd));
      c.removeLegend();
      long[] ms = new long[4];
      for (int k = 0; k < ms.length; k++) {
        long t0 = now();
        Graphics2D g = img.createGraphics();
        c.draw(g, new Rectangle2D.Double(0, 0, 1200, 600));
        g.dispose();
        ms[k] = now() - t0;
      }
      row("curves drawn by JFreeChart " + e.getKey(), trials + " x " + points + " points, 1200x600", ms, 1);
    }
  }

  // on a shared machine wall time includes waiting for a core; the thread's CPU time does not
  private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

  static long now() {
    return CPU.getCurrentThreadCpuTime();
  }

  /** p50 and max in ms, after dropping the first {@code warm} runs (JIT warm-up). */
  static void row(String what, String load, long[] ns, int warm) {
    long[] v = Arrays.copyOfRange(ns, warm, ns.length);
    Arrays.sort(v);
    System.out.printf("| %s | %s | %.0f | %.0f | %d |%n", what, load, v[v.length / 2] / 1e6, v[v.length - 1] / 1e6, v.length);
  }
}
