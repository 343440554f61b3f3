package org.tunebench.ui.chart;

/**
 * Largest-Triangle-Three-Buckets downsampling (Steinarsson 2013): keeps the visual shape of a long series
 * with {@code threshold} points, so a curve is drawn with about one point per horizontal pixel.
 */
public final class Lttb {
  private Lttb() {}

  /** Indices of the kept points, in order; all indices when the series is short enough. */
  public static int[] downsample(DoubleList xs, DoubleList ys, int threshold) {
    int n = Math.min(xs.size(), ys.size());
    if (threshold >= n || threshold < 3) {
      int[] all = new int[n];
      for (int i = 0; i < n; i++) all[i] = i;
      return all;
    }
    int[] out = new int[threshold];
    int k = 0;
    double every = (double) (n - 2) / (threshold - 2);
    int a = 0;
    out[k++] = 0;
    for (int i = 0; i < threshold - 2; i++) {
      int avgStart = (int) Math.floor((i + 1) * every) + 1;
      int avgEnd = Math.min((int) Math.floor((i + 2) * every) + 1, n);
      double avgX = 0;
      double avgY = 0;
      int len = avgEnd - avgStart;
      for (int j = avgStart; j < avgEnd; j++) {
        avgX += xs.get(j);
        avgY += ys.get(j);
      }
      if (len > 0) {
        avgX /= len;
        avgY /= len;
      }
      int rangeStart = (int) Math.floor(i * every) + 1;
      int rangeEnd = (int) Math.floor((i + 1) * every) + 1;
      double ax = xs.get(a);
      double ay = ys.get(a);
      double maxArea = -1;
      int next = rangeStart;
      for (int j = rangeStart; j < rangeEnd; j++) {
        double area = Math.abs((ax - avgX) * (ys.get(j) - ay) - (ax - xs.get(j)) * (avgY - ay));
        if (area > maxArea) {
          maxArea = area;
          next = j;
        }
      }
      out[k++] = next;
      a = next;
    }
    out[k] = n - 1;
    return out;
  }
}
