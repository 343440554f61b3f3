package org.tunebench.ui.chart;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.Range;
import org.tunebench.ui.session.CurveStore;

/**
 * The learning curves that are not highlighted, drawn as one raster layer inside the JFreeChart plot: each trial's
 * series is decimated with LTTB to about the pixels available ({@link SeriesCache}, updated with new points only)
 * and plotted by {@link LineRaster} into the plot's data area with the plot's current axes. JFreeChart's own
 * renderer needs ~350 ms for 1,000 x 1,000 points (docs/decisions/0015); this layer a few ms.
 */
final class CurveLayer implements RasterCurvesPlot.Layer {
  /** Segments drawn per repaint in all: more than this and the software pipeline misses frames. */
  static final int SEGMENT_BUDGET = 120_000;

  /** A point of a trial's curve: {@code index} into its results. */
  record Hit(String id, int index) {}

  private final CurveStore store;
  private final Map<String, SeriesCache> caches = new HashMap<>();
  private final Map<String, Smoothed> smoothed = new HashMap<>();
  private final Map<String, Integer> rewinds = new HashMap<>();
  private String metric;
  private boolean byTime;
  private boolean logY;
  private double smoothing;
  private Predicate<String> shown = id -> true;
  private Set<String> vector = Set.of();
  private Supplier<GraphicsContext> fxTarget = () -> null;
  private int width = 800;
  private Range xr;
  private Range yr;
  private int[][] idx = {new int[256]};
  private double[] px = new double[256];
  private double[] py = new double[256];
  private final LineRaster raster = new LineRaster();
  private WritableImage fxImage;
  private BufferedImage awtImage;
  private int pointsDrawn;
  // the data-to-pixel mapping of the last draw: x = ax + bx * x, y = ay + by * (log ? log10(y) : y)
  private double ax;
  private double bx;
  private double ay;
  private double by;
  private boolean drawnLog;
  private boolean drawn;

  CurveLayer(CurveStore store, String metric) {
    this.store = store;
    this.metric = metric;
  }

  // changing what is plotted invalidates every cache; they rebuild on the next refresh
  void setMetric(String m) { metric = m; clear(); }
  void setByTime(boolean t) { byTime = t; clear(); }
  void setLogY(boolean l) { logY = l; clear(); }
  void setSmoothing(double w) { smoothing = w; clear(); }
  void setShown(Predicate<String> p) { shown = p; }
  /** Trials drawn by JFreeChart on top (highlighted): left out of the raster, still in ranges and picking. */
  void setVector(Set<String> ids) { vector = ids; }
  void setFxTarget(Supplier<GraphicsContext> t) { fxTarget = t; }
  String metric() { return metric; }
  boolean byTime() { return byTime; }
  boolean logY() { return logY; }
  double smoothing() { return smoothing; }
  int pointsDrawn() { return pointsDrawn; }

  private void clear() {
    caches.clear();
    smoothed.clear();
  }

  /** The x values of a trial's curve (null if it has no results). */
  DoubleList xs(String id) {
    CurveStore.TrialCurve c = store.curve(id);
    return c == null ? null : byTime ? c.time : c.iteration;
  }

  /** The raw metric values of a trial (null if it never reported the metric). */
  DoubleList raw(String id) {
    CurveStore.TrialCurve c = store.curve(id);
    return c == null ? null : c.metric(metric);
  }

  /** The plotted values: raw, or smoothed when smoothing is on. */
  DoubleList ys(String id) {
    DoubleList r = raw(id);
    if (r == null || smoothing <= 0) return r;
    return smoothed.computeIfAbsent(id, k -> new Smoothed(smoothing)).update(r);
  }

  /** Points per series: about one per pixel, fewer when many trials share the segment budget. */
  static int cap(double plotWidth, int trials) {
    int c = (int) Math.max(16, Math.min(plotWidth, (double) SEGMENT_BUDGET / Math.max(1, trials)));
    // a power of two, so a growing trial count re-decimates each series a handful of times, not per trial
    return Integer.highestOneBit(c);
  }

  /** Takes in new points and recomputes the shown trials' ranges; returns true if anything is shown. */
  boolean refresh() {
    int cap = cap(width, store.curves().size());
    double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY;
    double y0 = Double.POSITIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
    for (String id : store.curves().keySet()) {
      SeriesCache c = cache(id, cap);
      if (c == null || c.isEmpty() || !shown.test(id)) continue;
      x0 = Math.min(x0, c.xmin());
      x1 = Math.max(x1, c.xmax());
      y0 = Math.min(y0, c.ymin());
      y1 = Math.max(y1, c.ymax());
    }
    boolean any = x0 != Double.POSITIVE_INFINITY;
    xr = any ? new Range(x0, x1) : null;
    yr = any ? new Range(y0, y1) : null;
    return any;
  }

  private SeriesCache cache(String id, int cap) {
    CurveStore.TrialCurve curve = store.curve(id);
    if (curve != null && rewinds.getOrDefault(id, 0) != curve.rewinds()) {
      // the curve was cut back: the incremental caches only ever take in new points
      caches.remove(id);
      smoothed.remove(id);
      rewinds.put(id, curve.rewinds());
    }
    DoubleList ys = ys(id);
    if (ys == null) return null;
    DoubleList xs = xs(id);
    SeriesCache c = caches.computeIfAbsent(id, k -> new SeriesCache(cap));
    c.update(xs, ys, logY);
    c.setCap(cap, xs, ys);
    return c;
  }

  /** The lowest (or highest) plotted value of a trial, from its cache: no walk over the points. NaN if none. */
  double extreme(String id, boolean lowest) {
    SeriesCache c = caches.get(id);
    if (c == null || c.isEmpty()) return Double.NaN;
    return lowest ? c.ymin() : c.ymax();
  }

  @Override public Range bounds(boolean domain) {
    return domain ? xr : yr;
  }

  @Override public boolean draw(Graphics2D g2, Rectangle2D area, XYPlot plot) {
    width = (int) Math.max(16, area.getWidth());
    map(area, plot);
    int w = (int) Math.ceil(area.getWidth());
    int h = (int) Math.ceil(area.getHeight());
    raster.reset(w, h);
    Palette p = Palette.current();
    int n = store.curves().size();
    double alpha = n > 60 ? 0.45 : 0.85;
    int k = 0;
    int points = 0;
    boolean any = false;
    java.util.List<Color> colours = p.unselectedSeries();
    for (String id : store.curves().keySet()) {
      Color col = colours.get(Math.floorMod(k++, colours.size()));
      SeriesCache c = caches.get(id);
      if (c == null || c.isEmpty() || !shown.test(id)) continue;
      any = true;
      if (vector.contains(id)) continue;
      points += plot(id, c, area, argb(col.deriveColor(0, 1, 1, alpha)));
    }
    pointsDrawn = points;
    drawn = any;
    GraphicsContext fx = g2 instanceof org.jfree.fx.FXGraphics2D ? fxTarget.get() : null;
    if (fx != null) {
      // FXGraphics2D would copy a BufferedImage into a new FX image on every draw; write ours in place instead
      if (fxImage == null || (int) fxImage.getWidth() != w || (int) fxImage.getHeight() != h) fxImage = new WritableImage(w, h);
      fxImage.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbPreInstance(), raster.pixels(), 0, w);
      fx.drawImage(fxImage, area.getX(), area.getY());
    } else {
      if (awtImage == null || awtImage.getWidth() != w || awtImage.getHeight() != h) {
        awtImage = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB_PRE);
      }
      int[] dst = ((DataBufferInt) awtImage.getRaster().getDataBuffer()).getData();
      System.arraycopy(raster.pixels(), 0, dst, 0, w * h);
      g2.drawImage(awtImage, (int) Math.round(area.getX()), (int) Math.round(area.getY()), null);
    }
    return any;
  }

  private void map(Rectangle2D area, XYPlot plot) {
    ValueAxis x = plot.getDomainAxis();
    ValueAxis y = plot.getRangeAxis();
    double xlo = x.getLowerBound();
    double xhi = x.getUpperBound();
    double p0 = x.valueToJava2D(xlo, area, plot.getDomainAxisEdge());
    double p1 = x.valueToJava2D(xhi, area, plot.getDomainAxisEdge());
    bx = (p1 - p0) / (xhi - xlo);
    ax = p0 - bx * xlo;
    drawnLog = y instanceof LogAxis;
    double ylo = y.getLowerBound();
    double yhi = y.getUpperBound();
    double q0 = y.valueToJava2D(ylo, area, plot.getRangeAxisEdge());
    double q1 = y.valueToJava2D(yhi, area, plot.getRangeAxisEdge());
    double tlo = drawnLog ? Math.log10(ylo) : ylo;
    double thi = drawnLog ? Math.log10(yhi) : yhi;
    by = (q1 - q0) / (thi - tlo);
    ay = q0 - by * tlo;
  }

  /** The canvas point of a data point in the last draw. */
  double px(double x) { return ax + bx * x; }
  double py(double y) { return ay + by * (drawnLog ? Math.log10(y) : y); }

  // relative to the raster's origin (the data area's corner)
  private int plot(String id, SeriesCache c, Rectangle2D area, int argb) {
    DoubleList xs = xs(id);
    DoubleList ys = ys(id);
    int m = c.indices(idx, xs, ys);
    if (px.length < m) {
      px = new double[m * 2];
      py = new double[m * 2];
    }
    int[] keep = idx[0];
    for (int j = 0; j < m; j++) {
      px[j] = px(xs.get(keep[j])) - area.getX();
      py[j] = py(ys.get(keep[j])) - area.getY();
    }
    if (m == 1) raster.line(px[0], py[0], px[0], py[0], argb);
    else raster.polyline(px, py, m, argb);
    return m;
  }

  /**
   * The shown trial whose drawn curve passes nearest to the canvas point (x, y), within {@code radius} pixels, and
   * its result nearest to that point; null if none. Walks the decimated points of the last draw.
   */
  Hit pick(double x, double y, double radius) {
    if (!drawn) return null;
    String best = null;
    int bestIdx = -1;
    double bestD = radius * radius;
    for (String id : store.curves().keySet()) {
      SeriesCache cache = caches.get(id);
      if (cache == null || cache.isEmpty() || !shown.test(id)) continue;
      DoubleList xs = xs(id);
      DoubleList ys = ys(id);
      int m = cache.indices(idx, xs, ys);
      int[] keep = idx[0];
      double qx = 0;
      double qy = 0;
      for (int j = 0; j < m; j++) {
        double bx2 = px(xs.get(keep[j]));
        double by2 = py(ys.get(keep[j]));
        double d = j == 0 ? dist2(x, y, bx2, by2, bx2, by2) : dist2(x, y, qx, qy, bx2, by2);
        if (d < bestD) {
          bestD = d;
          best = id;
          bestIdx = j > 0 && dist2(x, y, qx, qy, qx, qy) < dist2(x, y, bx2, by2, bx2, by2) ? keep[j - 1] : keep[j];
        }
        qx = bx2;
        qy = by2;
      }
    }
    return best == null ? null : new Hit(best, nearestRaw(best, bestIdx, x));
  }

  // the decimated point stands for a bucket: the result nearest the pointer's x among the bucket's neighbours
  private int nearestRaw(String id, int around, double x) {
    DoubleList xs = xs(id);
    DoubleList ys = ys(id);
    int best = around;
    double bestD = Double.POSITIVE_INFINITY;
    int span = Math.max(1, xs.size() / Math.max(1, width));
    for (int i = Math.max(0, around - 2 * span); i < Math.min(xs.size(), around + 2 * span + 1); i++) {
      if (!Double.isFinite(ys.get(i))) continue;
      double d = Math.abs(px(xs.get(i)) - x);
      if (d < bestD) {
        bestD = d;
        best = i;
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

  static int argb(Color c) {
    return ((int) Math.round(c.getOpacity() * 255) << 24) | ((int) Math.round(c.getRed() * 255) << 16)
        | ((int) Math.round(c.getGreen() * 255) << 8) | (int) Math.round(c.getBlue() * 255);
  }
}
