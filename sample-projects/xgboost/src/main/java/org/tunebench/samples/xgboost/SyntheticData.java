package org.tunebench.samples.xgboost;

import java.util.SplittableRandom;

/**
 * A make_classification-style binary data set, generated deterministically from a seed: {@code informative}
 * features drawn from Gaussian clusters around hypercube vertices (two clusters per class, mixed by a random
 * linear map), {@code redundant} features that are random linear combinations of the informative ones, the rest
 * pure noise, and a small fraction of flipped labels. Row-major floats, ready for a {@code DMatrix}.
 */
final class SyntheticData {
  final int rows;
  final int cols;
  final float[] x;
  final float[] y;

  SyntheticData(int rows, int informative, int redundant, int noise, double flip, double classSep, long seed) {
    this.rows = rows;
    this.cols = informative + redundant + noise;
    this.x = new float[rows * cols];
    this.y = new float[rows];
    SplittableRandom rng = new SplittableRandom(seed);

    int clusters = 4; // 2 per class
    double[][] centroids = new double[clusters][informative];
    for (int c = 0; c < clusters; c++) {
      for (int j = 0; j < informative; j++) {
        centroids[c][j] = rng.nextBoolean() ? classSep : -classSep;
      }
    }
    double[][] mixing = randomMatrix(rng, informative, informative);
    double[][] redundancy = randomMatrix(rng, informative, redundant);

    double[] inf = new double[informative];
    for (int i = 0; i < rows; i++) {
      int cluster = rng.nextInt(clusters);
      int label = cluster % 2;
      double[] z = new double[informative];
      for (int j = 0; j < informative; j++) {
        z[j] = rng.nextGaussian();
      }
      for (int j = 0; j < informative; j++) {
        double v = centroids[cluster][j];
        for (int k = 0; k < informative; k++) {
          v += z[k] * mixing[k][j];
        }
        inf[j] = v;
      }
      int base = i * cols;
      for (int j = 0; j < informative; j++) {
        x[base + j] = (float) inf[j];
      }
      for (int r = 0; r < redundant; r++) {
        double v = 0;
        for (int j = 0; j < informative; j++) {
          v += inf[j] * redundancy[j][r];
        }
        x[base + informative + r] = (float) v;
      }
      for (int n = 0; n < noise; n++) {
        x[base + informative + redundant + n] = (float) rng.nextGaussian();
      }
      if (rng.nextDouble() < flip) {
        label = 1 - label;
      }
      y[i] = label;
    }
  }

  private static double[][] randomMatrix(SplittableRandom rng, int n, int m) {
    double[][] a = new double[n][m];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        a[i][j] = 2 * rng.nextDouble() - 1;
      }
    }
    return a;
  }

  /** Rows [from, to) as a row-major copy. */
  float[] features(int from, int to) {
    float[] out = new float[(to - from) * cols];
    System.arraycopy(x, from * cols, out, 0, out.length);
    return out;
  }

  float[] labels(int from, int to) {
    float[] out = new float[to - from];
    System.arraycopy(y, from, out, 0, out.length);
    return out;
  }
}
