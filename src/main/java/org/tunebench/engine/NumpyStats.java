package org.tunebench.engine;

import java.util.Arrays;
import java.util.Collection;

/**
 * The few numpy reductions Ray Tune's schedulers and stoppers use, computed the way numpy does so that
 * cutoffs match Ray's to the last bit on the same inputs.
 */
public final class NumpyStats {
  private NumpyStats() {}

  /**
   * {@code np.nanpercentile(values, percent)} with numpy's default "linear" method; NaN when no value is a
   * number.
   */
  public static double nanPercentile(Collection<Double> values, double percent) {
    double[] a = values.stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).toArray();
    if (a.length == 0) return Double.NaN;
    Arrays.sort(a);
    int n = a.length;
    double q = percent / 100.0;
    // numpy _compute_virtual_index with alpha = beta = 1: n*q + (alpha + q*(1-alpha-beta)) - 1
    double virtual = n * q + (1 + q * (1 - 1 - 1)) - 1;
    double previous = Math.floor(virtual);
    double gamma = virtual - previous;
    int lo = (int) Math.min(Math.max(previous, 0), n - 1);
    int hi = (int) Math.min(Math.max(previous + 1, 0), n - 1);
    return lerp(a[lo], a[hi], gamma);
  }

  /** numpy's _lerp: computed from the nearer end so that t = 1 gives b exactly. */
  private static double lerp(double a, double b, double t) {
    double diff = b - a;
    return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
  }

  /** {@code np.median}: mean of the two middle values for an even count; NaN if any value is NaN or none. */
  public static double median(Collection<Double> values) {
    double[] a = values.stream().mapToDouble(Double::doubleValue).toArray();
    if (a.length == 0) return Double.NaN;
    for (double v : a) if (Double.isNaN(v)) return Double.NaN;
    Arrays.sort(a);
    int n = a.length;
    return n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2.0;
  }

  /**
   * {@code np.mean}; NaN for no values (numpy warns and returns nan). Summed in numpy's pairwise order
   * ({@code pairwise_sum_DOUBLE}: plain loop below 8 values, 8 accumulators up to 128, halves above), so
   * that a mean equals Ray's to the last bit and ties against it fall the same way.
   */
  public static double mean(Collection<Double> values) {
    if (values.isEmpty()) return Double.NaN;
    double[] a = values.stream().mapToDouble(Double::doubleValue).toArray();
    return pairwiseSum(a, 0, a.length) / a.length;
  }

  static double pairwiseSum(double[] a, int from, int n) {
    if (n < 8) {
      double res = 0.;
      for (int i = 0; i < n; i++) res += a[from + i];
      return res;
    } else if (n <= 128) {
      double[] r = new double[8];
      System.arraycopy(a, from, r, 0, 8);
      int i;
      for (i = 8; i < n - (n % 8); i += 8) {
        for (int j = 0; j < 8; j++) r[j] += a[from + i + j];
      }
      double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
      for (; i < n; i++) res += a[from + i];
      return res;
    } else {
      int n2 = n / 2;
      n2 -= n2 % 8;
      return pairwiseSum(a, from, n2) + pairwiseSum(a, from + n2, n - n2);
    }
  }

  /** {@code np.std} (population, ddof = 0). */
  public static double std(Collection<Double> values) {
    double m = mean(values);
    double[] sq = values.stream().mapToDouble(v -> (v - m) * (v - m)).toArray();
    return Math.sqrt(pairwiseSum(sq, 0, sq.length) / sq.length);
  }
}
