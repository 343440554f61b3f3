package org.tunebench.engine.search;

import org.apache.commons.math3.special.Erf;

/**
 * log of expected improvement for minimisation, computed so that it stays finite and informative where EI
 * itself underflows to 0: Ament, Daulton, Eriksson, Balandat, Bakshy, "Unexpected Improvements to Expected
 * Improvement for Bayesian Optimization", NeurIPS 2023 (their {@code log_h}).
 */
final class LogExpectedImprovement {
  private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
  private static final double LOG_SQRT_HALF_PI = 0.5 * Math.log(Math.PI / 2);

  private LogExpectedImprovement() {}

  /** log EI of a posterior N(mean, sd^2) against incumbent {@code best} (smaller is better). */
  static double of(double mean, double sd, double best) {
    return Math.log(sd) + logH((best - mean) / sd);
  }

  /** log(phi(z) + z Phi(z)). */
  static double logH(double z) {
    if (z > -1) {
      double phi = Math.exp(-0.5 * z * z - LOG_SQRT_2PI);
      double cdf = 0.5 * Erf.erfc(-z / Math.sqrt(2));
      return Math.log(phi + z * cdf);
    }
    double t = -z / Math.sqrt(2);
    return -0.5 * z * z - LOG_SQRT_2PI
        + TruncatedNormal.log1mexp(Math.log(erfcx(t) * Math.abs(z)) + LOG_SQRT_HALF_PI);
  }

  /** The scaled complementary error function exp(t^2) erfc(t), for t > 0. */
  static double erfcx(double t) {
    if (t < 25) return Math.exp(t * t) * Erf.erfc(t);
    double t2 = t * t;
    return 1 / (t * Math.sqrt(Math.PI)) * (1 - 1 / (2 * t2) + 3 / (4 * t2 * t2) - 15 / (8 * t2 * t2 * t2));
  }
}
