package org.tunebench.engine.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OutputWarpTest {
  /** Losses spanning four orders of magnitude, as a Rosenbrock valley gives: exp of a normal sample. */
  static double[] logNormal(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] y = new double[n];
    for (int i = 0; i < n; i++) y[i] = Math.exp(2 * rng.nextGaussian());
    return y;
  }

  static double skewness(double[] v) {
    double m = 0;
    for (double t : v) m += t;
    m /= v.length;
    double m2 = 0;
    double m3 = 0;
    for (double t : v) {
      m2 += (t - m) * (t - m);
      m3 += (t - m) * (t - m) * (t - m);
    }
    m2 /= v.length;
    m3 /= v.length;
    return m3 / Math.pow(m2, 1.5);
  }

  @Test void heavilySkewedLossesComeOutNearlySymmetricWithTheirOrderKept() {
    double[] y = logNormal(60, 1);
    assertTrue(skewness(y) > 3, "the sample itself is heavily skewed");
    double[] w = OutputWarp.warp(y);
    assertTrue(Math.abs(skewness(w)) < 0.5, () -> "skewness after warping " + skewness(w));
    for (int i = 0; i < y.length; i++) {
      for (int j = 0; j < y.length; j++) {
        if (y[i] < y[j]) assertTrue(w[i] < w[j], "order kept");
      }
    }
    double mean = 0;
    double var = 0;
    for (double t : w) mean += t / w.length;
    for (double t : w) var += (t - mean) * (t - mean) / w.length;
    assertEquals(0, mean, 1e-9);
    assertEquals(1, var, 1e-9);
  }

  @Test void theGapsBetweenTheBestLossesGrowRelativeToTheWorst() {
    // a loss of 1e5 among values of 1..10: standardised alone, the good ones sit within 0.03 sd of each other
    double[] y = {1, 2, 3, 5, 8, 10, 40, 300, 5000, 100000};
    double[] w = OutputWarp.warp(y);
    double rangeW = w[9] - w[0];
    double rangeY = y[9] - y[0];
    assertTrue((w[5] - w[0]) / rangeW > 50 * (y[5] - y[0]) / rangeY,
        () -> "good losses spread " + (w[5] - w[0]) / rangeW + " of the range");
    assertTrue(OutputWarp.fitLambda(OutputWarp.scaled(y), true) < 0.5);
  }

  @Test void aLongTailOnTheGoodSideIsOnlyStandardised() {
    // negated log-normal: a few very good losses; a power above 1 would squash them together, so none is used
    double[] y = logNormal(60, 2);
    for (int i = 0; i < y.length; i++) y[i] = -y[i];
    assertEquals(OutputWarp.LAMBDA_MAX, OutputWarp.fitLambda(OutputWarp.scaled(y), false), 1e-6);
    assertArrayEquals(standardised(y), OutputWarp.warp(y), 1e-9);
  }

  @Test void theLikelihoodPeakIsFoundInsideTheRange() {
    // log-normal losses: the exponent that makes them normal is 0, a log
    double[] u = OutputWarp.scaled(logNormal(200, 3));
    double lambda = OutputWarp.fitLambda(u, true);
    assertEquals(0, lambda, 0.2);
    double at = OutputWarp.logLikelihood(u, lambda, true);
    assertTrue(at >= OutputWarp.logLikelihood(u, lambda - 0.05, true));
    assertTrue(at >= OutputWarp.logLikelihood(u, lambda + 0.05, true));
  }

  @Test void theTransformsAreTheIdentityAtOneAndALogAtZero() {
    for (double x : new double[] {-3, -0.5, 0, 0.7, 12}) assertEquals(x, OutputWarp.transform(x, 1, false), 1e-12);
    assertEquals(Math.log(3), OutputWarp.transform(2, 0, false), 1e-12);
    assertEquals(-Math.log(3), OutputWarp.transform(-2, 2, false), 1e-12);
    assertEquals(Math.log(5), OutputWarp.transform(5, 0, true), 1e-12);
    assertEquals(4, OutputWarp.transform(5, 1, true), 1e-12);
  }

  @Test void lossesOfBothSignsWithAHeavyBadTailAreCompressedOnThatSide() {
    // negative best losses, a few very bad positive ones (as Styblinski-Tang gives): Yeo-Johnson, lambda < 1
    double[] y = logNormal(60, 4);
    for (int i = 0; i < y.length; i++) y[i] -= 2;
    double[] u = OutputWarp.scaled(y);
    assertTrue(OutputWarp.fitLambda(u, false) < 1);
    double[] w = OutputWarp.warp(y);
    assertTrue(Math.abs(skewness(w)) < skewness(y) / 2, () -> "skewness " + skewness(y) + " -> " + skewness(w));
    for (int i = 0; i < y.length; i++) {
      for (int j = 0; j < y.length; j++) {
        if (y[i] < y[j]) assertTrue(w[i] < w[j], "order kept");
      }
    }
  }

  @Test void constantClampedAndTinyInputsStayFinite() {
    assertArrayEquals(new double[] {0, 0, 0}, OutputWarp.warp(new double[] {4, 4, 4}), 0);
    assertArrayEquals(new double[] {0}, OutputWarp.warp(new double[] {7}), 0);
    // a diverged trial (infinite loss, clamped to 1e300) must not make the others equal
    double[] w = OutputWarp.warp(new double[] {1e300, 1, 2, 3, 5});
    for (double t : w) assertTrue(Double.isFinite(t), "finite");
    assertTrue(w[1] < w[2] && w[2] < w[3] && w[3] < w[4] && w[4] < w[0], "order kept");
    assertTrue(w[4] - w[1] > 0.1, () -> "spread of the finite losses " + (w[4] - w[1]));
    for (double t : OutputWarp.warp(new double[] {-1e300, 1, 2, 1e300})) assertTrue(Double.isFinite(t), "finite");
  }

  static double[] standardised(double[] y) {
    double mean = 0;
    for (double t : y) mean += t / y.length;
    double var = 0;
    for (double t : y) var += (t - mean) * (t - mean) / y.length;
    double sd = Math.sqrt(var);
    double[] z = new double[y.length];
    for (int i = 0; i < y.length; i++) z[i] = (y[i] - mean) / sd;
    return z;
  }
}
