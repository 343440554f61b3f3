package org.tunebench.bench;

/** The benchmark functions, as defined by Surjanovic and Bingham's Virtual Library of Simulation Experiments. */
final class Functions {
  private Functions() {}

  static double branin(double[] x) {
    double b = 5.1 / (4 * Math.PI * Math.PI);
    double r = x[1] - b * x[0] * x[0] + 5 / Math.PI * x[0] - 6;
    return r * r + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x[0]) + 10;
  }

  private static final double[] H_ALPHA = {1.0, 1.2, 3.0, 3.2};
  private static final double[][] H_A = {
      {10, 3, 17, 3.5, 1.7, 8}, {0.05, 10, 17, 0.1, 8, 14}, {3, 3.5, 1.7, 10, 17, 8}, {17, 8, 0.05, 10, 0.1, 14}};
  private static final double[][] H_P = {
      {1312, 1696, 5569, 124, 8283, 5886}, {2329, 4135, 8307, 3736, 1004, 9991},
      {2348, 1451, 3522, 2883, 3047, 6650}, {4047, 8828, 8732, 5743, 1091, 381}};

  static double hartmann6(double[] x) {
    double s = 0;
    for (int i = 0; i < 4; i++) {
      double inner = 0;
      for (int j = 0; j < 6; j++) inner += H_A[i][j] * Math.pow(x[j] - H_P[i][j] * 1e-4, 2);
      s += H_ALPHA[i] * Math.exp(-inner);
    }
    return -s;
  }

  static double rosenbrock(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length - 1; i++) s += 100 * Math.pow(x[i + 1] - x[i] * x[i], 2) + Math.pow(1 - x[i], 2);
    return s;
  }

  static double ackley(double[] x) {
    double s1 = 0;
    double s2 = 0;
    for (double v : x) {
      s1 += v * v;
      s2 += Math.cos(2 * Math.PI * v);
    }
    int d = x.length;
    return -20 * Math.exp(-0.2 * Math.sqrt(s1 / d)) - Math.exp(s2 / d) + 20 + Math.E;
  }

  // held out: not in the comparison table, used to check that a change to a searcher generalises

  static double styblinskiTang(double[] x) {
    double s = 0;
    for (double v : x) s += v * v * v * v - 16 * v * v + 5 * v;
    return s / 2;
  }

  static double levy(double[] x) {
    int d = x.length;
    double w0 = 1 + (x[0] - 1) / 4;
    double wd = 1 + (x[d - 1] - 1) / 4;
    double s = Math.pow(Math.sin(Math.PI * w0), 2) + Math.pow(wd - 1, 2) * (1 + Math.pow(Math.sin(2 * Math.PI * wd), 2));
    for (int i = 0; i < d - 1; i++) {
      double w = 1 + (x[i] - 1) / 4;
      s += Math.pow(w - 1, 2) * (1 + 10 * Math.pow(Math.sin(Math.PI * w + 1), 2));
    }
    return s;
  }

  static double rastrigin(double[] x) {
    double s = 10 * x.length;
    for (double v : x) s += v * v - 10 * Math.cos(2 * Math.PI * v);
    return s;
  }

  static double dixonPrice(double[] x) {
    double s = Math.pow(x[0] - 1, 2);
    for (int i = 1; i < x.length; i++) s += (i + 1) * Math.pow(2 * x[i] * x[i] - x[i - 1], 2);
    return s;
  }
}
