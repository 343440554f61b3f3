package org.tunebench.engine.search;

import java.util.random.RandomGenerator;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;

/**
 * A Gaussian process on the unit cube with a Matérn 5/2 kernel and one length scale per dimension (ARD),
 * as in Snoek, Larochelle, Adams, "Practical Bayesian Optimization of Machine Learning Algorithms",
 * NeurIPS 2012. Targets are standardised; length scales, signal variance and noise variance are fitted by
 * maximising the log marginal likelihood (Rasmussen and Williams 2006, eq. 2.30) plus a weak log-normal
 * prior on the length scales, which keeps them finite when a dimension barely matters. The optimiser is
 * Commons Math's BOBYQA from two starts; the linear algebra is its Cholesky decomposition.
 */
final class GaussianProcess {
  private static final double LOG_2PI = Math.log(2 * Math.PI);
  private static final double SQRT5 = Math.sqrt(5);
  // numerical floor on the noise, so K stays positive definite for duplicate points
  private static final double JITTER = 1e-6;
  private static final double LOG_LS_MIN = Math.log(0.01);
  private static final double LOG_LS_MAX = Math.log(20);
  private static final double LOG_LS_PRIOR_MEAN = Math.log(0.5);
  private static final double LOG_LS_PRIOR_SD = 1.5;
  private static final double LOG_VAR_MIN = Math.log(0.05);
  private static final double LOG_VAR_MAX = Math.log(20);
  private static final double LOG_NOISE_MIN = Math.log(1e-6);
  private static final double LOG_NOISE_MAX = Math.log(1);

  private final double[][] x;
  private final double[] y; // standardised
  private final int d;
  private final double yMean;
  private final double yStd;
  private double[] lengthScales;
  private double signalVar;
  private double noiseVar;
  private RealMatrix cholL;
  private RealVector alpha;

  private GaussianProcess(double[][] x, double[] rawY) {
    this.x = x;
    this.d = x[0].length;
    double mean = 0;
    for (double v : rawY) mean += v;
    mean /= rawY.length;
    double var = 0;
    for (double v : rawY) var += (v - mean) * (v - mean);
    double std = Math.sqrt(var / rawY.length);
    this.yMean = mean;
    this.yStd = std > 0 && Double.isFinite(std) ? std : 1;
    this.y = new double[rawY.length];
    for (int i = 0; i < rawY.length; i++) y[i] = (rawY[i] - yMean) / yStd;
  }

  /** A GP fitted to points {@code x} (rows in [0,1]^d) with targets {@code y}; {@code rng} seeds the second start. */
  static GaussianProcess fit(double[][] x, double[] y, RandomGenerator rng, int maxEvalPerStart) {
    GaussianProcess gp = new GaussianProcess(x, y);
    int p = gp.d + 2;
    double[] lower = new double[p];
    double[] upper = new double[p];
    double[] start = new double[p];
    double[] second = new double[p];
    for (int i = 0; i < gp.d; i++) {
      lower[i] = LOG_LS_MIN;
      upper[i] = LOG_LS_MAX;
      start[i] = LOG_LS_PRIOR_MEAN;
      second[i] = LOG_LS_MIN + rng.nextDouble() * (Math.log(2) - LOG_LS_MIN);
    }
    lower[gp.d] = LOG_VAR_MIN;
    upper[gp.d] = LOG_VAR_MAX;
    start[gp.d] = second[gp.d] = 0;
    lower[gp.d + 1] = LOG_NOISE_MIN;
    upper[gp.d + 1] = LOG_NOISE_MAX;
    start[gp.d + 1] = second[gp.d + 1] = Math.log(1e-3);
    double[] best = start;
    double bestValue = gp.negLogPosterior(start);
    for (double[] guess : new double[][] {start, second}) {
      try {
        BOBYQAOptimizer opt = new BOBYQAOptimizer(2 * p + 1, 0.5, 1e-3);
        PointValuePair r = opt.optimize(new MaxEval(maxEvalPerStart), GoalType.MINIMIZE,
            new ObjectiveFunction(gp::negLogPosterior), new InitialGuess(guess), new SimpleBounds(lower, upper));
        if (r.getValue() < bestValue) {
          bestValue = r.getValue();
          best = r.getPoint();
        }
      } catch (MathIllegalStateException e) {
        // evaluation budget used up: keep the best of the other start
      }
    }
    gp.setHyperparameters(best);
    return gp;
  }

  private void setHyperparameters(double[] theta) {
    lengthScales = new double[d];
    for (int i = 0; i < d; i++) lengthScales[i] = Math.exp(theta[i]);
    signalVar = Math.exp(theta[d]);
    noiseVar = Math.exp(theta[d + 1]);
    CholeskyDecomposition chol = decompose(lengthScales, signalVar, noiseVar);
    if (chol == null) {
      // cannot happen with the jitter unless x holds NaN; fall back to a heavily regularised model
      noiseVar = 1;
      chol = decompose(lengthScales, signalVar, noiseVar);
    }
    cholL = chol.getL();
    alpha = chol.getSolver().solve(new ArrayRealVector(y, false));
  }

  private CholeskyDecomposition decompose(double[] ls, double var, double noise) {
    int n = x.length;
    double[][] k = new double[n][n];
    for (int i = 0; i < n; i++) {
      k[i][i] = var + noise + JITTER;
      for (int j = 0; j < i; j++) k[i][j] = k[j][i] = var * matern52(x[i], x[j], ls);
    }
    try {
      return new CholeskyDecomposition(new Array2DRowRealMatrix(k, false));
    } catch (NonPositiveDefiniteMatrixException e) {
      return null;
    }
  }

  /** Minus (log marginal likelihood + log prior of the length scales); theta = (log ls..., log var, log noise). */
  double negLogPosterior(double[] theta) {
    double[] ls = new double[d];
    double prior = 0;
    for (int i = 0; i < d; i++) {
      ls[i] = Math.exp(theta[i]);
      double z = (theta[i] - LOG_LS_PRIOR_MEAN) / LOG_LS_PRIOR_SD;
      prior -= 0.5 * z * z;
    }
    CholeskyDecomposition chol = decompose(ls, Math.exp(theta[d]), Math.exp(theta[d + 1]));
    if (chol == null) return 1e10;
    RealVector a = chol.getSolver().solve(new ArrayRealVector(y, false));
    double fit = 0;
    for (int i = 0; i < y.length; i++) fit += y[i] * a.getEntry(i);
    RealMatrix l = chol.getL();
    double logDet = 0;
    for (int i = 0; i < y.length; i++) logDet += Math.log(l.getEntry(i, i));
    double lml = -0.5 * fit - logDet - 0.5 * y.length * LOG_2PI;
    return -(lml + prior);
  }

  static double matern52(double[] a, double[] b, double[] ls) {
    double r2 = 0;
    for (int i = 0; i < a.length; i++) {
      double t = (a[i] - b[i]) / ls[i];
      r2 += t * t;
    }
    double r = Math.sqrt(r2);
    return (1 + SQRT5 * r + 5.0 / 3.0 * r2) * Math.exp(-SQRT5 * r);
  }

  /** Posterior mean and standard deviation at {@code q}, both in standardised units. */
  double[] predict(double[] q) {
    int n = x.length;
    double[] k = new double[n];
    double mean = 0;
    for (int i = 0; i < n; i++) {
      k[i] = signalVar * matern52(q, x[i], lengthScales);
      mean += k[i] * alpha.getEntry(i);
    }
    RealVector v = new ArrayRealVector(k, false);
    MatrixUtils.solveLowerTriangularSystem(cholL, v); // v := L^-1 k, in place
    double var = signalVar - v.dotProduct(v);
    return new double[] {mean, Math.sqrt(Math.max(var, 1e-12))};
  }

  /** The smallest target seen, standardised: the incumbent for expected improvement. */
  double bestStandardised() {
    double best = Double.POSITIVE_INFINITY;
    for (double v : y) best = Math.min(best, v);
    return best;
  }

  /** The standardised target of training point {@code i}. */
  double predictTarget(int i) {
    return y[i];
  }

  double[] lengthScales() {
    return lengthScales.clone();
  }

  double noiseVar() {
    return noiseVar;
  }
}
