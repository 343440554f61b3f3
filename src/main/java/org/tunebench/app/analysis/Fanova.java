package org.tunebench.app.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Hyperparameter importance by functional ANOVA on a random forest (Hutter, Hoos and Leyton-Brown 2014; the
 * default evaluator of Optuna): each tree's prediction is decomposed over the box of observed values, and a
 * parameter's importance is the share of the prediction's variance that its main effect (the tree averaged over
 * every other parameter) explains, averaged over the trees and normalised to sum to 1 as Optuna reports it.
 */
public final class Fanova {
  public static final String METHOD = "fANOVA on a random forest (64 trees)";
  static final int TREES = 64;
  static final int MIN_LEAF = 2;

  private Fanova() {
  }

  /** Importance per column of {@code x}, summing to 1 (all zero when the target does not vary). */
  public static double[] importance(double[][] x, double[] y, long seed) {
    int d = x.length == 0 ? 0 : x[0].length;
    double[] out = new double[d];
    if (x.length < 2 || d == 0) return out;
    double[] lo = new double[d];
    double[] hi = new double[d];
    Arrays.fill(lo, Double.POSITIVE_INFINITY);
    Arrays.fill(hi, Double.NEGATIVE_INFINITY);
    for (double[] r : x) {
      for (int j = 0; j < d; j++) {
        lo[j] = Math.min(lo[j], r[j]);
        hi[j] = Math.max(hi[j], r[j]);
      }
    }
    RegressionForest forest = RegressionForest.fit(x, y, TREES, MIN_LEAF, seed);
    int used = 0;
    for (RegressionForest.Tree t : forest.trees) {
      double[] share = mainEffects(t, lo, hi);
      if (share == null) continue;
      used++;
      for (int j = 0; j < d; j++) out[j] += share[j];
    }
    double total = 0;
    for (double v : out) total += v;
    if (used == 0 || total <= 0) return new double[d];
    for (int j = 0; j < d; j++) out[j] /= total;
    return out;
  }

  /** Per parameter, the variance of its main effect over the tree's total variance; null for a constant tree. */
  static double[] mainEffects(RegressionForest.Tree t, double[] lo, double[] hi) {
    int d = lo.length;
    List<double[]> boxes = new ArrayList<>(); // per leaf: d lows, d highs (fractions of the range), then value
    double[] bl = new double[d];
    double[] bh = new double[d];
    Arrays.fill(bh, 1);
    collect(t, 0, bl, bh, lo, hi, boxes);
    double mean = 0;
    double[] vol = new double[boxes.size()];
    for (int k = 0; k < boxes.size(); k++) {
      double[] b = boxes.get(k);
      double v = 1;
      for (int j = 0; j < d; j++) v *= b[d + j] - b[j];
      vol[k] = v;
      mean += v * b[2 * d];
    }
    double totalVar = 0;
    for (int k = 0; k < boxes.size(); k++) {
      double dv = boxes.get(k)[2 * d] - mean;
      totalVar += vol[k] * dv * dv;
    }
    if (totalVar <= 0) return null;
    double[] share = new double[d];
    for (int j = 0; j < d; j++) share[j] = marginalVariance(boxes, vol, j, d, mean) / totalVar;
    return share;
  }

  /** The variance over x_j of the tree averaged over every other parameter (piecewise constant in x_j). */
  private static double marginalVariance(List<double[]> boxes, double[] vol, int j, int d, double mean) {
    double[] cuts = new double[boxes.size() * 2];
    int n = 0;
    for (double[] b : boxes) {
      cuts[n++] = b[j];
      cuts[n++] = b[d + j];
    }
    double[] edges = Arrays.stream(cuts, 0, n).sorted().distinct().toArray();
    double[] delta = new double[edges.length];
    for (int k = 0; k < boxes.size(); k++) {
      double[] b = boxes.get(k);
      double width = b[d + j] - b[j];
      if (width <= 0) continue;
      double w = b[2 * d] * vol[k] / width; // the leaf's value times its volume in the other dimensions
      delta[Arrays.binarySearch(edges, b[j])] += w;
      delta[Arrays.binarySearch(edges, b[d + j])] -= w;
    }
    double f = 0;
    double var = 0;
    for (int e = 0; e < edges.length - 1; e++) {
      f += delta[e];
      double len = edges[e + 1] - edges[e];
      var += len * (f - mean) * (f - mean);
    }
    return var;
  }

  private static void collect(RegressionForest.Tree t, int node, double[] bl, double[] bh, double[] lo, double[] hi,
      List<double[]> boxes) {
    int f = t.feature[node];
    if (f < 0) {
      int d = bl.length;
      double[] b = new double[2 * d + 1];
      System.arraycopy(bl, 0, b, 0, d);
      System.arraycopy(bh, 0, b, d, d);
      b[2 * d] = t.value[node];
      boxes.add(b);
      return;
    }
    double range = hi[f] - lo[f];
    double cut = range > 0 ? Math.min(1, Math.max(0, (t.threshold[node] - lo[f]) / range)) : 0.5;
    double oldHi = bh[f];
    double oldLo = bl[f];
    bh[f] = Math.min(oldHi, Math.max(oldLo, cut));
    collect(t, t.left[node], bl, bh, lo, hi, boxes);
    bh[f] = oldHi;
    bl[f] = Math.max(oldLo, Math.min(oldHi, cut));
    collect(t, t.right[node], bl, bh, lo, hi, boxes);
    bl[f] = oldLo;
  }
}
