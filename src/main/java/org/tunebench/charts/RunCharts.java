package org.tunebench.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.tunebench.model.ExperimentSpec.Mode;

/** Charts over the course of a run: best-so-far per experiment, and every trial's intermediate values. */
public final class RunCharts {
  private RunCharts() {
  }

  /** A trial's reported values against its step (training iteration). */
  public record Curve(String id, double[] steps, double[] values) {}

  /** A named sequence of metric values in the order trials finished or were created. */
  public record Run(String name, double[] values) {}

  /** The best value so far against the trial number, one step line per experiment, with a legend for two or more. */
  public static JFreeChart bestSoFar(List<Run> runs, String metric, Mode mode, ChartStyle s) {
    XYSeriesCollection ds = new XYSeriesCollection();
    for (Run r : runs) {
      XYSeries se = new XYSeries(r.name(), true, true);
      double best = Double.NaN;
      for (int i = 0; i < r.values().length; i++) {
        double v = r.values()[i];
        if (!Double.isFinite(v)) continue;
        if (Double.isNaN(best) || mode.better(v, best)) best = v;
        se.add(i + 1, best);
      }
      ds.addSeries(se);
    }
    XYStepRenderer rd = new XYStepRenderer();
    for (int i = 0; i < runs.size(); i++) {
      rd.setSeriesPaint(i, s.series(i));
      rd.setSeriesStroke(i, new BasicStroke(2f));
    }
    rd.setDefaultToolTipGenerator((d, se, i) -> d.getSeriesKey(se) + ": best " + metric + " after trial "
        + (int) d.getXValue(se, i) + " = " + d.getYValue(se, i));
    NumberAxis y = new NumberAxis("best " + metric);
    y.setAutoRangeIncludesZero(false);
    AnalysisCharts.minimumSpan(y, runs.stream().flatMapToDouble(r -> java.util.Arrays.stream(r.values())).toArray());
    NumberAxis x = new NumberAxis("trial");
    x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    // "by trial": the Compare tab shows it beside the best so far by time
    JFreeChart c = new JFreeChart("Best so far, by trial", JFreeChart.DEFAULT_TITLE_FONT, new XYPlot(ds, x, y, rd), runs.size() > 1);
    return s.apply(c);
  }

  /**
   * TensorBoard's smoothing: an exponential moving average with weight {@code w} in [0, 1) on the previous value,
   * debiased so the first points are not pulled towards zero; NaN values are skipped and kept as NaN.
   */
  public static double[] ema(double[] v, double w) {
    double[] out = new double[v.length];
    if (w <= 0) {
      System.arraycopy(v, 0, out, 0, v.length);
      return out;
    }
    double last = 0;
    int n = 0;
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i])) {
        out[i] = Double.NaN;
        continue;
      }
      last = last * w + (1 - w) * v[i];
      n++;
      out[i] = last / (1 - Math.pow(w, n));
    }
    return out;
  }

  /** {@link #intermediate(List, String, List, int, ChartStyle)} with every curve smoothed by {@link #ema}. */
  public static JFreeChart intermediate(List<Curve> curves, String metric, List<Double> rungs, int highlight, double smoothing,
      ChartStyle s) {
    if (smoothing <= 0) return intermediate(curves, metric, rungs, highlight, s);
    List<Curve> sm = curves.stream().map(c -> new Curve(c.id(), c.steps(), ema(c.values(), smoothing))).toList();
    JFreeChart c = intermediate(sm, metric, rungs, highlight, s);
    c.setTitle("Intermediate values (smoothed " + smoothing + ")");
    return s.apply(c);
  }

  /**
   * Every trial's intermediate values against the step, with the scheduler's rungs as vertical markers; at most
   * {@code highlight} trials (the given order's first) drawn in colour and named in the legend, the rest muted.
   */
  public static JFreeChart intermediate(List<Curve> curves, String metric, List<Double> rungs, int highlight, ChartStyle s) {
    XYSeriesCollection ds = new XYSeriesCollection();
    java.util.Set<Long> jumps = new java.util.HashSet<>();
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true) {
      @Override public boolean getItemShapeVisible(int series, int item) {
        return jumps.contains(((long) series << 32) | item);
      }
    };
    Color muted = new Color(s.muted().getRed(), s.muted().getGreen(), s.muted().getBlue(), 90);
    java.util.List<Color> colours = s.trialColours();
    java.util.Map<String, Integer> slot = ChartStyle.slots(curves.subList(0, Math.min(highlight, curves.size()))
        .stream().map(Curve::id).toList(), colours.size());
    // muted curves first so that the highlighted ones are drawn on top
    for (int pass = 0; pass < 2; pass++) {
      for (int k = 0; k < curves.size(); k++) {
        boolean hi = k < highlight;
        if (hi != (pass == 1)) continue;
        Curve c = curves.get(k);
        XYSeries se = new XYSeries(c.id(), false, true);
        int idx = ds.getSeriesCount();
        for (int i = 0; i < c.steps().length; i++) {
          if (i > 0 && c.steps()[i] <= c.steps()[i - 1]) {
            // the step went back: a PBT exploit or a restore continued from an earlier checkpoint. Break the line
            // (a null value is a gap) and mark where the trial carried on.
            se.add(c.steps()[i], null);
            jumps.add(((long) idx << 32) | se.getItemCount());
          }
          se.add(c.steps()[i], Double.isFinite(c.values()[i]) ? c.values()[i] : null);
        }
        ds.addSeries(se);
        r.setSeriesPaint(idx, hi ? colours.get(slot.get(c.id())) : muted);
        r.setSeriesStroke(idx, new BasicStroke(hi ? 1.8f : 1f));
        r.setSeriesVisibleInLegend(idx, hi);
      }
    }
    r.setDefaultToolTipGenerator((d, se, i) -> d.getSeriesKey(se) + "\nstep " + (long) d.getXValue(se, i) + "\n"
        + metric + " = " + d.getYValue(se, i) + (jumps.contains(((long) se << 32) | i)
            ? "\ncontinued from an earlier step (PBT exploit or restore)" : ""));
    NumberAxis x = new NumberAxis("step");
    x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    NumberAxis y = new NumberAxis(metric);
    y.setAutoRangeIncludesZero(false);
    XYPlot plot = new XYPlot(ds, x, y, r);
    Number lastStep = org.jfree.data.general.DatasetUtils.findMaximumDomainValue(ds);
    double rightEdge = Math.max(lastStep == null ? 0 : lastStep.doubleValue(), rungs.stream().mapToDouble(d -> d).max().orElse(0));
    for (double m : rungs) {
      // near the right edge the label goes left of its line: on the right it was cut ("rung 4")
      boolean left = rightEdge > 0 && m >= 0.85 * rightEdge;
      ValueMarker mk = new ValueMarker(m, s.accent(), new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {4f, 3f}, 0f));
      mk.setLabel("rung " + AnalysisCharts.fmt(m));
      mk.setLabelPaint(s.accent());
      mk.setLabelFont(ChartStyle.TICK);
      mk.setLabelAnchor(left ? RectangleAnchor.TOP_LEFT : RectangleAnchor.TOP_RIGHT);
      mk.setLabelTextAnchor(left ? TextAnchor.TOP_RIGHT : TextAnchor.TOP_LEFT);
      plot.addDomainMarker(mk);
    }
    JFreeChart c = new JFreeChart("Intermediate values", JFreeChart.DEFAULT_TITLE_FONT, plot, highlight > 0 && !curves.isEmpty());
    return s.apply(c);
  }
}
