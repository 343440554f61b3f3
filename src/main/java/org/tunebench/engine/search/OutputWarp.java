package org.tunebench.engine.search;

import java.util.Arrays;

/**
 * Output warping for the GP, as HEBO does it (Cowen-Rivers et al., "HEBO: Pushing the Limits of
 * Sample-Efficient Hyperparameter Optimisation", JAIR 2022): the observed losses, divided by their standard
 * deviation, go through a power transform whose exponent maximises the Gaussian likelihood of the result
 * (Box-Cox when every loss is positive, Yeo-Johnson otherwise), then are standardised. Losses that span
 * orders of magnitude (a Rosenbrock valley, a diverging learning rate) otherwise leave a stationary GP
 * fitted mostly to the few huge values: the good region looks flat and expected improvement there is noise.
 * With all losses positive and lambda near 0 this is a log transform, which separates 1 from 10 from 100.
 *
 * <p>The exponent is limited to [-2, 1]. Below 1 the transform compresses the large (bad) losses and
 * stretches the small (good) ones; above 1 it would do the opposite and squash the best trials together,
 * exactly where the acquisition needs resolution, so a loss whose long tail is on the good side is only
 * scaled. Losses are always minimised here (a max objective arrives negated), so the rule is the same for
 * both modes. Every step is strictly increasing: the order of the trials, and so the incumbent, is kept.
 */
final class OutputWarp {
  static final double LAMBDA_MIN = -2;
  static final double LAMBDA_MAX = 1;
  static final double OUTLIER_IQRS = 100;
  private static final int GRID = 31;
  private static final int GOLDEN_STEPS = 30;

  private OutputWarp() {}

  /** {@code y} warped and standardised (mean 0, sd 1); {@code y} centred if it has no spread. */
  static double[] warp(double[] y) {
    double[] u = scaled(clipOutliers(y));
    if (u == null) return centred(y);
    boolean boxCox = true;
    for (double v : u) boxCox &= v > 0;
    double lambda = fitLambda(u, boxCox);
    double[] t = new double[u.length];
    for (int i = 0; i < u.length; i++) t[i] = transform(u[i], lambda, boxCox);
    double[] s = standardise(t);
    return s != null ? s : standardise(u);
  }

  /** Box-Cox of {@code u} (which must be positive) or Yeo-Johnson of it, with exponent {@code lambda}. */
  static double transform(double u, double lambda, boolean boxCox) {
    if (boxCox) return Math.abs(lambda) < 1e-12 ? Math.log(u) : (Math.pow(u, lambda) - 1) / lambda;
    if (u >= 0) return Math.abs(lambda) < 1e-12 ? Math.log1p(u) : (Math.pow(1 + u, lambda) - 1) / lambda;
    double p = 2 - lambda;
    return Math.abs(p) < 1e-12 ? -Math.log1p(-u) : -(Math.pow(1 - u, p) - 1) / p;
  }

  /** The exponent in [LAMBDA_MIN, LAMBDA_MAX] maximising {@link #logLikelihood}. */
  static double fitLambda(double[] u, boolean boxCox) {
    // a coarse grid first (the likelihood can be flat over wide ranges), then a golden-section search in
    // the bracket around the best grid point
    double step = (LAMBDA_MAX - LAMBDA_MIN) / (GRID - 1);
    int bestK = 0;
    double bestLl = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < GRID; k++) {
      double ll = logLikelihood(u, LAMBDA_MIN + k * step, boxCox);
      if (ll > bestLl) {
        bestLl = ll;
        bestK = k;
      }
    }
    double a = LAMBDA_MIN + Math.max(0, bestK - 1) * step;
    double b = LAMBDA_MIN + Math.min(GRID - 1, bestK + 1) * step;
    double g = (Math.sqrt(5) - 1) / 2;
    double c = b - g * (b - a);
    double d = a + g * (b - a);
    double fc = logLikelihood(u, c, boxCox);
    double fd = logLikelihood(u, d, boxCox);
    for (int i = 0; i < GOLDEN_STEPS; i++) {
      if (fc > fd) {
        b = d;
        d = c;
        fd = fc;
        c = b - g * (b - a);
        fc = logLikelihood(u, c, boxCox);
      } else {
        a = c;
        c = d;
        fc = fd;
        d = a + g * (b - a);
        fd = logLikelihood(u, d, boxCox);
      }
    }
    double lambda = (a + b) / 2;
    return logLikelihood(u, lambda, boxCox) >= bestLl ? lambda : LAMBDA_MIN + bestK * step;
  }

  /** The log-likelihood of exponent {@code lambda} (the transformed values' variance profiled out). */
  static double logLikelihood(double[] u, double lambda, boolean boxCox) {
    int n = u.length;
    double mean = 0;
    double[] t = new double[n];
    double jacobian = 0;
    for (int i = 0; i < n; i++) {
      t[i] = transform(u[i], lambda, boxCox);
      mean += t[i];
      jacobian += boxCox ? Math.log(u[i]) : Math.signum(u[i]) * Math.log1p(Math.abs(u[i]));
    }
    mean /= n;
    double var = 0;
    for (double v : t) var += (v - mean) * (v - mean);
    var /= n;
    if (!(var > 0) || !Double.isFinite(var)) return Double.NEGATIVE_INFINITY;
    return -0.5 * n * Math.log(var) + (lambda - 1) * jacobian;
  }

  /**
   * {@code y} with losses above Q3 + {@value #OUTLIER_IQRS} IQR lowered to that bound: a diverged trial
   * (an infinite loss, clamped to 1e300) would otherwise make every other loss the same after scaling.
   * The bound is far enough out that a heavy but genuine tail (the power transform's job) is untouched.
   */
  static double[] clipOutliers(double[] y) {
    if (y.length < 4) return y;
    double[] sorted = y.clone();
    Arrays.sort(sorted);
    double q1 = sorted[(int) Math.floor(0.25 * (sorted.length - 1))];
    double q3 = sorted[(int) Math.floor(0.75 * (sorted.length - 1))];
    double bound = q3 + OUTLIER_IQRS * (q3 - q1);
    if (!(q3 > q1) || !Double.isFinite(bound)) return y;
    double[] out = y.clone();
    for (int i = 0; i < out.length; i++) out[i] = Math.min(out[i], bound);
    return out;
  }

  /** {@code y} divided by its standard deviation (not centred), or null if it has no finite spread. */
  static double[] scaled(double[] y) {
    double[] s = spread(y);
    if (s == null) return null;
    double[] out = new double[y.length];
    for (int i = 0; i < y.length; i++) out[i] = y[i] / s[0] / s[2];
    return out;
  }

  /** (y - mean) / sd, or null if {@code y} has no finite spread. */
  static double[] standardise(double[] y) {
    double[] s = spread(y);
    if (s == null) return null;
    double[] out = new double[y.length];
    for (int i = 0; i < y.length; i++) out[i] = (y[i] / s[0] - s[1]) / s[2];
    return out;
  }

  /**
   * {max |y|, mean of y / max, sd of y / max}: dividing by the largest magnitude first keeps a loss of
   * 1e300 from overflowing the variance. Null for fewer than two values or no spread.
   */
  private static double[] spread(double[] y) {
    int n = y.length;
    if (n < 2) return null;
    double max = 0;
    for (double v : y) max = Math.max(max, Math.abs(v));
    if (!(max > 0) || !Double.isFinite(max)) return null;
    double mean = 0;
    for (double v : y) mean += v / max;
    mean /= n;
    double var = 0;
    for (double v : y) var += (v / max - mean) * (v / max - mean);
    double sd = Math.sqrt(var / n);
    if (!(sd > 0) || !Double.isFinite(sd)) return null;
    return new double[] {max, mean, sd};
  }

  private static double[] centred(double[] y) {
    double mean = 0;
    for (double v : y) mean += v;
    mean /= y.length;
    double[] out = new double[y.length];
    for (int i = 0; i < y.length; i++) out[i] = Double.isFinite(mean) ? y[i] - mean : 0;
    return out;
  }
}
