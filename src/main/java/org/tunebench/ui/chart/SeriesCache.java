package org.tunebench.ui.chart;

import java.util.Arrays;

/**
 * One trial's series as the learning-curves chart draws it, kept up to date incrementally: each repaint
 * looks only at the points that arrived since the last one, so a repaint costs O(new points + drawn points)
 * instead of O(all points). Holds the series' x/y range and an LTTB decimation with fixed-size buckets:
 * a bucket's point is chosen (and never revisited) once the bucket after it is complete, because LTTB
 * needs the next bucket's average. When the chosen points exceed the cap, the bucket size doubles and the
 * decimation is rebuilt once (amortised O(1) per point, as a growable array).
 * Toolkit-free so it is unit-tested without JavaFX.
 */
public final class SeriesCache {
  private int seen;
  private int[] valid = new int[16];
  private int nValid;
  private int[] kept = new int[16];
  private int nKept;
  private int bucket = 1;
  private int cap;
  private double xmin = Double.POSITIVE_INFINITY;
  private double xmax = Double.NEGATIVE_INFINITY;
  private double ymin = Double.POSITIVE_INFINITY;
  private double ymax = Double.NEGATIVE_INFINITY;

  public SeriesCache(int cap) {
    this.cap = Math.max(4, cap);
  }

  /** Takes in the points added to {@code xs}/{@code ys} since the last call; returns true if any. */
  public boolean update(DoubleList xs, DoubleList ys, boolean logY) {
    int n = Math.min(xs.size(), ys.size());
    if (n == seen) return false;
    for (int i = seen; i < n; i++) {
      double x = xs.get(i);
      double y = ys.get(i);
      if (Double.isNaN(x) || Double.isNaN(y) || Double.isInfinite(y) || (logY && y <= 0)) continue;
      if (nValid == valid.length) valid = Arrays.copyOf(valid, nValid * 2);
      valid[nValid++] = i;
      if (x < xmin) xmin = x;
      if (x > xmax) xmax = x;
      if (y < ymin) ymin = y;
      if (y > ymax) ymax = y;
    }
    seen = n;
    decide(xs, ys);
    return true;
  }

  /** A new cap (plot width or trial count changed): rebuild the decimation once at the new density. */
  public void setCap(int newCap, DoubleList xs, DoubleList ys) {
    newCap = Math.max(4, newCap);
    if (newCap == cap) return;
    cap = newCap;
    bucket = Math.max(1, (nValid + cap - 1) / cap);
    nKept = 0;
    decide(xs, ys);
  }

  // Point 0 is kept; bucket j covers valid[1 + j*b, 1 + (j+1)*b). Bucket j is decided when j+1 is complete.
  private void decide(DoubleList xs, DoubleList ys) {
    while (true) {
      int decided = Math.max(0, nKept - 1);
      if (decided >= cap) {
        bucket *= 2;
        nKept = 0;
        continue;
      }
      if (nValid == 0) return;
      if (nKept == 0) push(valid[0]);
      int j = nKept - 1;
      int nextEnd = 1 + (j + 2) * bucket;
      if (nextEnd > nValid) return;
      int a = kept[nKept - 1];
      double ax = xs.get(a);
      double ay = ys.get(a);
      double avgX = 0;
      double avgY = 0;
      for (int k = 1 + (j + 1) * bucket; k < nextEnd; k++) {
        avgX += xs.get(valid[k]);
        avgY += ys.get(valid[k]);
      }
      avgX /= bucket;
      avgY /= bucket;
      double best = -1;
      int pick = valid[1 + j * bucket];
      for (int k = 1 + j * bucket; k < 1 + (j + 1) * bucket; k++) {
        int i = valid[k];
        double area = Math.abs((ax - avgX) * (ys.get(i) - ay) - (ax - xs.get(i)) * (avgY - ay));
        if (area > best) {
          best = area;
          pick = i;
        }
      }
      push(pick);
    }
  }

  private void push(int i) {
    if (nKept == kept.length) kept = Arrays.copyOf(kept, nKept * 2);
    kept[nKept++] = i;
  }

  /**
   * The indices to draw into {@code out} (grown if needed): the decided points, then the undecided tail
   * (under two buckets) reduced to at most four points: a provisional LTTB pick for its complete bucket,
   * the lowest and highest point after it, and the newest point. Returns the count.
   */
  public int indices(int[][] out, DoubleList xs, DoubleList ys) {
    int tailFrom = nKept == 0 ? 0 : 1 + (nKept - 1) * bucket;
    int tail = Math.max(0, nValid - tailFrom);
    if (out[0].length < nKept + 4) out[0] = new int[Math.max(nKept + 4, out[0].length * 2)];
    int[] o = out[0];
    System.arraycopy(kept, 0, o, 0, nKept);
    int n = nKept;
    if (tail <= 4) {
      System.arraycopy(valid, tailFrom, o, n, tail);
      return n + tail;
    }
    int restFrom = Math.min(nValid - 1, tailFrom + bucket);
    // provisional pick of the complete bucket against the average of what follows it
    double ax = xs.get(kept[nKept - 1]);
    double ay = ys.get(kept[nKept - 1]);
    double avgX = 0;
    double avgY = 0;
    for (int k = restFrom; k < nValid; k++) {
      avgX += xs.get(valid[k]);
      avgY += ys.get(valid[k]);
    }
    avgX /= nValid - restFrom;
    avgY /= nValid - restFrom;
    int pick = valid[tailFrom];
    double best = -1;
    for (int k = tailFrom; k < restFrom; k++) {
      int i = valid[k];
      double area = Math.abs((ax - avgX) * (ys.get(i) - ay) - (ax - xs.get(i)) * (avgY - ay));
      if (area > best) {
        best = area;
        pick = i;
      }
    }
    o[n++] = pick;
    int lo = -1;
    int hi = -1;
    for (int k = restFrom; k < nValid - 1; k++) {
      int i = valid[k];
      if (lo < 0 || ys.get(i) < ys.get(lo)) lo = i;
      if (hi < 0 || ys.get(i) > ys.get(hi)) hi = i;
    }
    if (lo >= 0) {
      o[n++] = Math.min(lo, hi);
      if (hi != lo) o[n++] = Math.max(lo, hi);
    }
    o[n++] = valid[nValid - 1];
    return n;
  }

  public boolean isEmpty() { return nValid == 0; }
  public double xmin() { return xmin; }
  public double xmax() { return xmax; }
  public double ymin() { return ymin; }
  public double ymax() { return ymax; }
  public int cap() { return cap; }
  public int validPoints() { return nValid; }
}
