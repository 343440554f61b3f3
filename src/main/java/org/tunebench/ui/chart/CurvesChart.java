package org.tunebench.ui.chart;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import org.tunebench.model.TrialStatus;
import org.tunebench.ui.session.CurveStore;

/**
 * Learning curves: one series per trial of any metric against training_iteration or time, each decimated
 * with LTTB to about the pixels available; the selected trial is drawn last, thick, in the accent colour.
 * Ranges and decimations live in one {@link SeriesCache} per trial, updated with new points only, so a
 * repaint with 1,000 trials x 1,000 points walks the new points and the drawn ones, not the million.
 */
public final class CurvesChart extends ChartCanvas {
  /** Segments drawn per repaint in all: more than this and the software pipeline misses frames. */
  static final int SEGMENT_BUDGET = 120_000;
  /** Above this many trials, the other trials' curves go through {@link LineRaster}. */
  static final int RASTER_ABOVE = 60;
  private final CurveStore store;
  private final Function<String, TrialStatus> statusOf;
  private final Map<String, SeriesCache> caches = new HashMap<>();
  private String metric;
  private boolean byTime;
  private boolean logY;
  private String selected;
  private long seenVersion = -1;
  private int lastPointsDrawn;
  private int[][] idx = {new int[256]};
  private double[] px = new double[256];
  private double[] py = new double[256];
  private LineRaster lines;
  private WritableImage image;
  private static final java.util.function.Predicate<String> ALL = id -> true;
  private java.util.function.Predicate<String> shown = ALL;
  private Axes lastAxes;

  public CurvesChart(CurveStore store, Function<String, TrialStatus> statusOf) {
    this.store = store;
    this.statusOf = statusOf;
    this.metric = store.metric();
  }

  // changing what is plotted invalidates every cache; they rebuild lazily on the next paint
  public void setMetric(String m) { metric = m; caches.clear(); markDirty(); }
  public void setByTime(boolean t) { byTime = t; caches.clear(); markDirty(); }
  public void setLogY(boolean l) { logY = l; caches.clear(); markDirty(); }
  public void setSelected(String id) { selected = id; markDirty(); }
  /** Only trials passing {@code p} are drawn (the table's filter; null: all); ranges follow the drawn trials. */
  public void setShown(java.util.function.Predicate<String> p) {
    java.util.function.Predicate<String> next = p == null ? ALL : p;
    if (next == ALL && shown == ALL) return;
    shown = next;
    markDirty();
  }
  public String metric() { return metric; }
  /** The axes of the last paint (null before it), to map data to canvas points. */
  public Axes axes() { return lastAxes; }
  public int lastPointsDrawn() { return lastPointsDrawn; }

  @Override protected boolean dataChanged() {
    return store.version() != seenVersion;
  }

  /** Points per series: about one per pixel, fewer when many trials share the segment budget. */
  static int cap(double plotWidth, int trials) {
    int c = (int) Math.max(16, Math.min(plotWidth, (double) SEGMENT_BUDGET / Math.max(1, trials)));
    // a power of two, so a growing trial count re-decimates each series a handful of times, not per trial
    return Integer.highestOneBit(c);
  }

  @Override protected void paint(GraphicsContext g, double w, double h, Palette p) {
    seenVersion = store.version();
    int cap = cap(w - Axes.LEFT - Axes.RIGHT, store.curves().size());
    double xmin = Double.POSITIVE_INFINITY, xmax = Double.NEGATIVE_INFINITY;
    double ymin = Double.POSITIVE_INFINITY, ymax = Double.NEGATIVE_INFINITY;
    for (Map.Entry<String, CurveStore.TrialCurve> e : store.curves().entrySet()) {
      if (!shown.test(e.getKey())) continue;
      SeriesCache c = cache(e.getKey(), e.getValue(), cap);
      if (c == null || c.isEmpty()) continue;
      xmin = Math.min(xmin, c.xmin());
      xmax = Math.max(xmax, c.xmax());
      ymin = Math.min(ymin, c.ymin());
      ymax = Math.max(ymax, c.ymax());
    }
    if (xmin == Double.POSITIVE_INFINITY) {
      g.setFill(p.muted());
      g.fillText("no results yet for '" + metric + "'", Axes.LEFT, h / 2);
      return;
    }
    Axes ax = Axes.forData(xmin, xmax, ymin, ymax, logY, w, h);
    lastAxes = ax;
    ax.draw(g, p, byTime ? "time_total_s" : "training_iteration");
    int n = store.curves().size();
    int drawn = 0;
    boolean raster = n > RASTER_ABOVE;
    if (raster) raster().reset((int) w, (int) h);
    g.setLineWidth(1.2);
    int i = 0;
    for (Map.Entry<String, CurveStore.TrialCurve> e : store.curves().entrySet()) {
      int k = i++;
      if (e.getKey().equals(selected) || !shown.test(e.getKey())) continue;
      Color col = p.series(k).deriveColor(0, 1, 1, raster ? 0.45 : 0.85);
      drawn += stroke(raster ? null : g, ax, e.getValue(), caches.get(e.getKey()), col);
    }
    if (raster) blit(g);
    if (selected != null && caches.get(selected) != null) {
      g.setLineWidth(2.8);
      drawn += stroke(g, ax, store.curve(selected), caches.get(selected), p.accent());
      TrialStatus s = statusOf.apply(selected);
      g.setFill(s == null ? p.fg() : p.status(s));
      g.fillText("trial " + selected, Axes.LEFT + 6, Axes.TOP + 12);
    }
    lastPointsDrawn = drawn;
  }

  /**
   * The drawn trial whose curve passes nearest to the canvas point (x, y), within {@code radius} pixels, or null:
   * a click on a curve selects its trial. Walks the decimated points that were drawn, segment by segment.
   */
  public String pick(double x, double y, double radius) {
    if (lastAxes == null) return null;
    String best = null;
    double bestD = radius * radius;
    for (Map.Entry<String, CurveStore.TrialCurve> e : store.curves().entrySet()) {
      SeriesCache cache = caches.get(e.getKey());
      if (cache == null || cache.isEmpty() || !shown.test(e.getKey())) continue;
      DoubleList ys = e.getValue().metric(metric);
      DoubleList xs = byTime ? e.getValue().time : e.getValue().iteration;
      int m = cache.indices(idx, xs, ys);
      int[] keep = idx[0];
      double ax = 0;
      double ay = 0;
      for (int j = 0; j < m; j++) {
        double bx = lastAxes.px(xs.get(keep[j]));
        double by = lastAxes.py(ys.get(keep[j]));
        double d = j == 0 ? dist2(x, y, bx, by, bx, by) : dist2(x, y, ax, ay, bx, by);
        if (d < bestD) {
          bestD = d;
          best = e.getKey();
        }
        ax = bx;
        ay = by;
      }
    }
    return best;
  }

  /** Squared distance from (x, y) to the segment (ax, ay)-(bx, by). */
  static double dist2(double x, double y, double ax, double ay, double bx, double by) {
    double dx = bx - ax;
    double dy = by - ay;
    double len = dx * dx + dy * dy;
    double t = len == 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len));
    double cx = ax + t * dx - x;
    double cy = ay + t * dy - y;
    return cx * cx + cy * cy;
  }

  private SeriesCache cache(String id, CurveStore.TrialCurve curve, int cap) {
    DoubleList ys = curve.metric(metric);
    if (ys == null) return null;
    DoubleList xs = byTime ? curve.time : curve.iteration;
    SeriesCache c = caches.computeIfAbsent(id, k -> new SeriesCache(cap));
    c.update(xs, ys, logY);
    c.setCap(cap, xs, ys);
    return c;
  }

  private int stroke(GraphicsContext g, Axes ax, CurveStore.TrialCurve c, SeriesCache cache, Color color) {
    if (cache == null || cache.isEmpty()) return 0;
    DoubleList ys = c.metric(metric);
    DoubleList xs = byTime ? c.time : c.iteration;
    int m = cache.indices(idx, xs, ys);
    if (px.length < m) {
      px = new double[m * 2];
      py = new double[m * 2];
    }
    int[] keep = idx[0];
    for (int j = 0; j < m; j++) {
      px[j] = ax.px(xs.get(keep[j]));
      py[j] = ax.py(ys.get(keep[j]));
    }
    if (g == null) {
      lines.polyline(px, py, m, argb(color));
      return m;
    }
    g.setStroke(color);
    if (m == 1) g.strokeOval(px[0] - 1.5, py[0] - 1.5, 3, 3);
    else g.strokePolyline(px, py, m);
    return m;
  }

  private LineRaster raster() {
    if (lines == null) lines = new LineRaster();
    return lines;
  }

  // one image per repaint: the render thread blits it instead of rasterising thousands of strokes
  private void blit(GraphicsContext g) {
    int w = lines.width();
    int h = lines.height();
    if (image == null || (int) image.getWidth() != w || (int) image.getHeight() != h) image = new WritableImage(w, h);
    image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbPreInstance(), lines.pixels(), 0, w);
    g.drawImage(image, 0, 0);
  }

  static int argb(Color c) {
    return ((int) Math.round(c.getOpacity() * 255) << 24) | ((int) Math.round(c.getRed() * 255) << 16)
        | ((int) Math.round(c.getGreen() * 255) << 8) | (int) Math.round(c.getBlue() * 255);
  }
}
