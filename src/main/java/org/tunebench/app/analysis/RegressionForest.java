package org.tunebench.app.analysis;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A random forest of regression trees (Breiman: bootstrap samples, best variance-reducing axis-aligned split at
 * every node), the surrogate that fANOVA decomposes. Trees are stored flat so that thousands of nodes cost a few
 * arrays, not thousands of objects.
 */
public final class RegressionForest {
  final Tree[] trees;

  private RegressionForest(Tree[] trees) {
    this.trees = trees;
  }

  /**
   * Fits {@code trees} trees on rows {@code x} (n × d, finite values) and targets {@code y}.
   *
   * @param minLeaf the fewest samples a leaf may hold
   */
  public static RegressionForest fit(double[][] x, double[] y, int trees, int minLeaf, long seed) {
    if (x.length != y.length || x.length == 0) throw new IllegalArgumentException("needs as many rows as targets, at least one");
    SplittableRandom rng = new SplittableRandom(seed);
    int[][] rank = ranks(x);
    Tree[] out = new Tree[trees];
    for (int t = 0; t < trees; t++) {
      int[] sample = new int[x.length];
      for (int i = 0; i < sample.length; i++) sample[i] = rng.nextInt(x.length);
      out[t] = Tree.grow(x, rank, y, sample, Math.max(1, minLeaf));
    }
    return new RegressionForest(out);
  }

  /** Per feature, each row's rank among the distinct values, so nodes sort primitive longs, not boxed indexes. */
  static int[][] ranks(double[][] x) {
    int n = x.length;
    int d = x[0].length;
    int[][] rank = new int[d][n];
    Integer[] order = new Integer[n];
    for (int f = 0; f < d; f++) {
      for (int i = 0; i < n; i++) order[i] = i;
      final int ff = f;
      Arrays.sort(order, (a, b) -> Double.compare(x[a][ff], x[b][ff]));
      int r = 0;
      for (int i = 0; i < n; i++) {
        if (i > 0 && Double.compare(x[order[i]][f], x[order[i - 1]][f]) != 0) r++;
        rank[f][order[i]] = r;
      }
    }
    return rank;
  }

  public double predict(double[] row) {
    double s = 0;
    for (Tree t : trees) s += t.predict(row);
    return s / trees.length;
  }

  /** One tree: node i is a leaf when {@code feature[i] < 0}, else it sends {@code x[feature] <= threshold} left. */
  static final class Tree {
    int[] feature = new int[64];
    double[] threshold = new double[64];
    int[] left = new int[64];
    int[] right = new int[64];
    double[] value = new double[64];
    int size;

    static Tree grow(double[][] x, int[][] rank, double[] y, int[] sample, int minLeaf) {
      Tree t = new Tree();
      t.build(x, rank, y, sample, 0, sample.length, minLeaf, new long[sample.length]);
      return t;
    }

    double predict(double[] row) {
      int n = 0;
      while (feature[n] >= 0) n = row[feature[n]] <= threshold[n] ? left[n] : right[n];
      return value[n];
    }

    private int add() {
      if (size == feature.length) {
        int c = size * 2;
        feature = Arrays.copyOf(feature, c);
        threshold = Arrays.copyOf(threshold, c);
        left = Arrays.copyOf(left, c);
        right = Arrays.copyOf(right, c);
        value = Arrays.copyOf(value, c);
      }
      feature[size] = -1;
      return size++;
    }

    /** Builds the node for {@code idx[from, to)} and returns its index; reorders that slice. */
    private int build(double[][] x, int[][] rank, double[] y, int[] idx, int from, int to, int minLeaf, long[] keys) {
      int node = add();
      int n = to - from;
      double sum = 0;
      double sq = 0;
      for (int i = from; i < to; i++) {
        sum += y[idx[i]];
        sq += y[idx[i]] * y[idx[i]];
      }
      value[node] = sum / n;
      double sse = sq - sum * sum / n;
      if (n < 2 * minLeaf || sse <= 1e-12 * Math.max(1, sq)) return node;
      int d = x[idx[from]].length;
      int bestF = -1;
      double bestT = 0;
      double bestGain = 1e-12 * Math.max(1, sse);
      for (int f = 0; f < d; f++) {
        int[] rf = rank[f];
        for (int i = 0; i < n; i++) keys[i] = ((long) rf[idx[from + i]] << 32) | idx[from + i];
        Arrays.sort(keys, 0, n);
        double ls = 0;
        for (int i = 0; i < n - 1; i++) {
          int a = (int) keys[i];
          int b = (int) keys[i + 1];
          ls += y[a];
          int nl = i + 1;
          int nr = n - nl;
          if (nl < minLeaf || nr < minLeaf || rf[a] == rf[b]) continue;
          double xa = x[a][f];
          double xb = x[b][f];
          double rs = sum - ls;
          double gain = ls * ls / nl + rs * rs / nr - sum * sum / n;
          if (gain > bestGain) {
            bestGain = gain;
            bestF = f;
            bestT = xa + (xb - xa) / 2;
          }
        }
      }
      if (bestF < 0) return node;
      int mid = from;
      for (int i = from; i < to; i++) {
        if (x[idx[i]][bestF] <= bestT) {
          int tmp = idx[i];
          idx[i] = idx[mid];
          idx[mid++] = tmp;
        }
      }
      feature[node] = bestF;
      threshold[node] = bestT;
      int l = build(x, rank, y, idx, from, mid, minLeaf, keys);
      int r = build(x, rank, y, idx, mid, to, minLeaf, keys);
      left[node] = l;
      right[node] = r;
      return node;
    }
  }
}
