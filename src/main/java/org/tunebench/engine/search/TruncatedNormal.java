package org.tunebench.engine.search;

import java.util.random.RandomGenerator;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.special.Erf;

/**
 * The standard normal truncated to [a, b], in log space so that kernels far from a point (TPE's
 * {@code g(x)} in the tails) give finite log densities instead of log 0. Mirrors Optuna's
 * {@code _truncnorm.py}.
 */
final class TruncatedNormal {
  private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
  private static final NormalDistribution STANDARD = new NormalDistribution(null, 0, 1);

  private TruncatedNormal() {}

  /** log Phi(x), accurate far into the lower tail where Phi(x) underflows. */
  static double logCdf(double x) {
    if (x > 5) return Math.log1p(-0.5 * Erf.erfc(x / Math.sqrt(2)));
    if (x > -20) return Math.log(0.5 * Erf.erfc(-x / Math.sqrt(2)));
    // asymptotic series of Mills' ratio; erfc underflows below about -37
    double x2 = x * x;
    return -0.5 * x2 - Math.log(-x) - LOG_SQRT_2PI + Math.log1p(-1 / x2 + 3 / (x2 * x2) - 15 / (x2 * x2 * x2));
  }

  /** log(Phi(b) - Phi(a)) for a <= b. */
  static double logMass(double a, double b) {
    if (a >= b) return Double.NEGATIVE_INFINITY;
    if (a >= 0) return logMass(-b, -a); // upper tail: mirror it to the lower tail where logCdf is exact
    if (b <= 0) {
      double lb = logCdf(b);
      return lb + log1mexp(logCdf(a) - lb);
    }
    // the interval straddles 0: the two tails are small, so subtract them from 1
    return Math.log1p(-(0.5 * Erf.erfc(-a / Math.sqrt(2)) + 0.5 * Erf.erfc(b / Math.sqrt(2))));
  }

  /** log density at {@code x} of N(mu, sigma) truncated to [low, high]. */
  static double logPdf(double x, double mu, double sigma, double low, double high) {
    if (x < low || x > high) return Double.NEGATIVE_INFINITY;
    double z = (x - mu) / sigma;
    return -0.5 * z * z - LOG_SQRT_2PI - Math.log(sigma) - logMass((low - mu) / sigma, (high - mu) / sigma);
  }

  /** log probability of the bucket [x - step/2, x + step/2] (cut to [low, high]) under the truncated kernel. */
  static double logBucket(double x, double step, double mu, double sigma, double low, double high) {
    double lo = Math.max(low, x - step / 2);
    double hi = Math.min(high, x + step / 2);
    return logMass((lo - mu) / sigma, (hi - mu) / sigma) - logMass((low - mu) / sigma, (high - mu) / sigma);
  }

  /** A draw from N(mu, sigma) truncated to [low, high], by inverting the CDF. */
  static double sample(RandomGenerator rng, double mu, double sigma, double low, double high) {
    double a = (low - mu) / sigma;
    double b = (high - mu) / sigma;
    boolean mirror = a > 0; // invert in the lower tail, where the CDF has its precision
    if (mirror) {
      double t = a;
      a = -b;
      b = -t;
    }
    double pa = STANDARD.cumulativeProbability(a);
    double pb = STANDARD.cumulativeProbability(b);
    double z = STANDARD.inverseCumulativeProbability(pa + rng.nextDouble() * (pb - pa));
    if (!Double.isFinite(z)) z = 0.5 * (a + b);
    z = Math.min(b, Math.max(a, z));
    return mu + sigma * (mirror ? -z : z);
  }

  /** log(1 - exp(t)) for t <= 0, stable at both ends (Maechler 2012). */
  static double log1mexp(double t) {
    return t > -Math.log(2) ? Math.log(-Math.expm1(t)) : Math.log1p(-Math.exp(t));
  }
}
