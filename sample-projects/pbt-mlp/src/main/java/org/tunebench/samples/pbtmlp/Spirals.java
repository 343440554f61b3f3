package org.tunebench.samples.pbtmlp;

/**
 * The classic three-arm spiral set (points on three interleaved spirals, one class each, with angular noise),
 * generated deterministically from a seed. Not linearly separable: a model must learn curved boundaries.
 */
final class Spirals {
  static final int CLASSES = 3;
  final int n;
  final double[][] x;
  final int[] y;

  Spirals(int perClass, double noise, long seed) {
    SplitMix64 rng = new SplitMix64(seed);
    n = perClass * CLASSES;
    x = new double[n][2];
    y = new int[n];
    int i = 0;
    for (int c = 0; c < CLASSES; c++) {
      for (int k = 0; k < perClass; k++, i++) {
        double r = (k + 0.5) / perClass;                       // radius 0..1
        double t = c * 4.0 + 4.0 * r + noise * rng.nextGaussian(); // angle: ~1.3 turns per arm
        x[i][0] = r * Math.sin(t);
        x[i][1] = r * Math.cos(t);
        y[i] = c;
      }
    }
  }
}
