package org.tunebench.ui.chart;

import java.util.Map;
import java.util.function.Function;
import javafx.scene.canvas.GraphicsContext;
import org.tunebench.model.TrialStatus;
import org.tunebench.ui.session.CurveStore;

/**
 * Learning curves: one series per trial of any metric against training_iteration or time, each decimated
 * with LTTB to the pixels available; the selected trial is drawn last, thick, in the accent colour.
 */
public final class CurvesChart extends ChartCanvas {
  private final CurveStore store;
  private final Function<String, TrialStatus> statusOf;
  private String metric;
  private boolean byTime;
  private boolean logY;
  private String selected;
  private long seenVersion = -1;
  private int lastPointsDrawn;

  public CurvesChart(CurveStore store, Function<String, TrialStatus> statusOf) {
    this.store = store;
    this.statusOf = statusOf;
    this.metric = store.metric();
  }

  public void setMetric(String m) { metric = m; markDirty(); }
  public void setByTime(boolean t) { byTime = t; markDirty(); }
  public void setLogY(boolean l) { logY = l; markDirty(); }
  public void setSelected(String id) { selected = id; markDirty(); }
  public String metric() { return metric; }
  public int lastPointsDrawn() { return lastPointsDrawn; }

  @Override protected boolean dataChanged() {
    return store.version() != seenVersion;
  }

  @Override protected void paint(GraphicsContext g, double w, double h, Palette p) {
    seenVersion = store.version();
    double xmin = Double.POSITIVE_INFINITY, xmax = Double.NEGATIVE_INFINITY;
    double ymin = Double.POSITIVE_INFINITY, ymax = Double.NEGATIVE_INFINITY;
    for (CurveStore.TrialCurve c : store.curves().values()) {
      DoubleList ys = c.metric(metric);
      if (ys == null) continue;
      DoubleList xs = byTime ? c.time : c.iteration;
      for (int i = 0; i < ys.size(); i++) {
        double y = ys.get(i);
        double x = xs.get(i);
        if (Double.isNaN(y) || Double.isNaN(x) || (logY && y <= 0)) continue;
        if (x < xmin) xmin = x;
        if (x > xmax) xmax = x;
        if (y < ymin) ymin = y;
        if (y > ymax) ymax = y;
      }
    }
    if (xmin == Double.POSITIVE_INFINITY) {
      g.setFill(p.muted());
      g.fillText("no results yet for '" + metric + "'", Axes.LEFT, h / 2);
      return;
    }
    Axes ax = new Axes(xmin, xmax, ymin, ymax, logY, w, h);
    ax.draw(g, p, byTime ? "time_total_s" : "training_iteration");
    int n = Math.max(1, store.curves().size());
    // about 150k segments in all keeps the software pipeline inside a frame
    int perTrial = (int) Math.max(16, Math.min(w, 150_000.0 / n));
    int drawn = 0;
    g.setLineWidth(n > 200 ? 0.7 : 1.2);
    int i = 0;
    for (Map.Entry<String, CurveStore.TrialCurve> e : store.curves().entrySet()) {
      int idx = i++;
      if (e.getKey().equals(selected)) continue;
      drawn += stroke(g, ax, e.getValue(), perTrial, p.series(idx).deriveColor(0, 1, 1, n > 50 ? 0.45 : 0.85));
    }
    if (selected != null && store.curve(selected) != null) {
      g.setLineWidth(2.8);
      drawn += stroke(g, ax, store.curve(selected), (int) w, p.accent());
      TrialStatus s = statusOf.apply(selected);
      g.setFill(s == null ? p.fg() : p.status(s));
      g.fillText("trial " + selected, Axes.LEFT + 6, Axes.TOP + 12);
    }
    lastPointsDrawn = drawn;
  }

  private int stroke(GraphicsContext g, Axes ax, CurveStore.TrialCurve c, int threshold, javafx.scene.paint.Color color) {
    DoubleList ys = c.metric(metric);
    if (ys == null) return 0;
    DoubleList xs = byTime ? c.time : c.iteration;
    int[] keep = Lttb.downsample(xs, ys, threshold);
    double[] px = new double[keep.length];
    double[] py = new double[keep.length];
    int k = 0;
    for (int j : keep) {
      double y = ys.get(j);
      double x = xs.get(j);
      if (Double.isNaN(y) || Double.isNaN(x) || (logY && y <= 0)) continue;
      px[k] = ax.px(x);
      py[k] = ax.py(y);
      k++;
    }
    g.setStroke(color);
    if (k == 1) g.strokeOval(px[0] - 1.5, py[0] - 1.5, 3, 3);
    else g.strokePolyline(px, py, k);
    return k;
  }
}
