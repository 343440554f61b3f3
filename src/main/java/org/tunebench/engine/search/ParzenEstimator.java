package org.tunebench.engine.search;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A Parzen estimator over one or more parameters, as Optuna 3.1's {@code _ParzenEstimator}: one kernel per
 * observation plus a prior kernel, each kernel a product over the parameters of a truncated normal
 * (numeric) or a smoothed one-hot distribution (categorical). Kernel weights follow Optuna's
 * {@code default_weights}: equal up to 25 observations, older ones ramped down beyond that.
 *
 * <p>{@link #logPdf} matches Optuna 3.1's {@code log_pdf} to rounding, including its omission of the
 * {@code -log(sigma)} normaliser of continuous kernels (so it is not a normalised density; l/g ranking is
 * what TPE needs). {@code ParzenEstimatorOptunaTest} holds golden values computed by Optuna 3.1.0.
 */
final class ParzenEstimator {
  // Optuna's SIGMA0_MAGNITUDE: multivariate bandwidth is 0.2 * n^(-1/(d+4)) of the range (Scott-like rule)
  private static final double SIGMA0_MAGNITUDE = 0.2;

  /** The TPE knobs that shape an estimator. */
  record Options(double priorWeight, boolean considerEndpoints, boolean multivariate) {}

  private final List<TpeParam> params;
  private final double[] logWeights;
  private final double[] weights;
  private final double[][] mus;      // [param][kernel], null row for categoricals
  private final double[][] sigmas;
  private final double[][][] catProbs; // [param][kernel][choice], null for numerics

  /** {@code obs[i][j]}: observation i's coordinate ({@link TpeParam#toInternal}) for {@code params.get(j)}. */
  ParzenEstimator(List<TpeParam> params, double[][] obs, Options options) {
    this(params, obs, options, null);
  }

  /** With {@code obsWeights} (one per observation) instead of {@link #defaultWeights}: MOTPE's good set. */
  ParzenEstimator(List<TpeParam> params, double[][] obs, Options options, double[] obsWeights) {
    this.params = params;
    int n = obs.length;
    int k = n + 1; // Optuna's consider_prior=True: the prior kernel is always there
    weights = new double[k];
    double[] w = obsWeights != null ? obsWeights : defaultWeights(n);
    System.arraycopy(w, 0, weights, 0, n);
    weights[n] = options.priorWeight();
    double sum = 0;
    for (double x : weights) sum += x;
    logWeights = new double[k];
    for (int i = 0; i < k; i++) {
      weights[i] /= sum;
      logWeights[i] = Math.log(weights[i]);
    }
    int p = params.size();
    mus = new double[p][];
    sigmas = new double[p][];
    catProbs = new double[p][][];
    double sigma0 = SIGMA0_MAGNITUDE * Math.pow(Math.max(n, 1), -1.0 / (p + 4));
    for (int j = 0; j < p; j++) {
      TpeParam param = params.get(j);
      double[] col = new double[n];
      for (int i = 0; i < n; i++) col[i] = obs[i][j];
      if (param.isCategorical()) {
        catProbs[j] = categorical(col, param.choices(), options.priorWeight());
      } else {
        mus[j] = new double[k];
        System.arraycopy(col, 0, mus[j], 0, n);
        mus[j][n] = 0.5 * (param.low() + param.high());
        sigmas[j] = bandwidths(mus[j], param.low(), param.high(), options, sigma0);
      }
    }
  }

  /** Optuna's {@code default_weights}: ones up to 25, else a linear ramp from 1/n for all but the last 25. */
  static double[] defaultWeights(int n) {
    double[] w = new double[n];
    java.util.Arrays.fill(w, 1.0);
    if (n >= 25) {
      int ramp = n - 25;
      for (int i = 0; i < ramp; i++) w[i] = ramp == 1 ? 1.0 / n : 1.0 / n + (1.0 - 1.0 / n) * i / (ramp - 1);
    }
    return w;
  }

  /** Each observed choice gets weight 1 plus priorWeight/(n+1) smoothing on every choice; the prior is uniform. */
  private static double[][] categorical(double[] col, int choices, double priorWeight) {
    int n = col.length;
    double[][] probs = new double[n + 1][choices];
    double fill = priorWeight / (n + 1);
    for (int i = 0; i <= n; i++) {
      java.util.Arrays.fill(probs[i], fill);
      if (i < n) probs[i][(int) col[i]] += 1;
      double s = 0;
      for (double x : probs[i]) s += x;
      for (int c = 0; c < choices; c++) probs[i][c] /= s;
    }
    return probs;
  }

  /**
   * Optuna's univariate bandwidth: the larger gap to a sorted neighbour (the bounds act as neighbours at the
   * ends only with considerEndpoints), clipped to [range / min(100, kernels + 1), range] (the "magic clip");
   * the prior kernel spans the whole range.
   */
  private static double[] bandwidths(double[] mus, double low, double high, Options options, double sigma0) {
    int k = mus.length;
    double range = high - low;
    double[] sig = new double[k];
    if (options.multivariate()) {
      java.util.Arrays.fill(sig, sigma0 * range);
    } else {
      Integer[] order = new Integer[k];
      for (int i = 0; i < k; i++) order[i] = i;
      java.util.Arrays.sort(order, (x, y) -> Double.compare(mus[x], mus[y]));
      double[] s = new double[k + 2];
      s[0] = low;
      for (int i = 0; i < k; i++) s[i + 1] = mus[order[i]];
      s[k + 1] = high;
      double[] sorted = new double[k];
      for (int i = 0; i < k; i++) sorted[i] = Math.max(s[i + 1] - s[i], s[i + 2] - s[i + 1]);
      if (!options.considerEndpoints() && k + 2 >= 4) {
        sorted[0] = s[2] - s[1];
        sorted[k - 1] = s[k] - s[k - 1];
      }
      for (int i = 0; i < k; i++) sig[order[i]] = sorted[i];
    }
    double minSigma = range / Math.min(100.0, 1.0 + k);
    for (int i = 0; i < k; i++) sig[i] = Math.min(range, Math.max(minSigma, sig[i]));
    sig[k - 1] = range; // the prior kernel
    return sig;
  }

  /** {@code size} draws, each from one kernel chosen by weight; rows are coordinates per parameter. */
  double[][] sample(RandomGenerator rng, int size) {
    double[][] out = new double[size][params.size()];
    for (int s = 0; s < size; s++) {
      int kernel = pick(rng, weights);
      for (int j = 0; j < params.size(); j++) {
        TpeParam p = params.get(j);
        out[s][j] = p.isCategorical()
            ? pick(rng, catProbs[j][kernel])
            : TruncatedNormal.sample(rng, mus[j][kernel], sigmas[j][kernel], p.low(), p.high());
      }
    }
    return out;
  }

  /** log of the mixture density (probability for discrete parameters) at coordinates {@code x}. */
  double logPdf(double[] x) {
    int k = weights.length;
    double[] comp = logWeights.clone();
    for (int j = 0; j < params.size(); j++) {
      TpeParam p = params.get(j);
      for (int i = 0; i < k; i++) {
        if (p.isCategorical()) {
          comp[i] += Math.log(catProbs[j][i][(int) x[j]]);
        } else if (p.step() > 0) {
          comp[i] += TruncatedNormal.logBucket(x[j], p.step(), mus[j][i], sigmas[j][i], p.low(), p.high());
        } else {
          // Optuna 3.1's _truncnorm.logpdf leaves out -log(scale): each kernel's density is scaled by its
          // bandwidth, which favours wide kernels (the prior, isolated points) over tight clusters. We keep
          // that on purpose: it is what the benchmark compares against, and it searches better (BENCHMARKS.md)
          comp[i] += TruncatedNormal.logPdf(x[j], mus[j][i], sigmas[j][i], p.low(), p.high()) + Math.log(sigmas[j][i]);
        }
      }
    }
    double max = Double.NEGATIVE_INFINITY;
    for (double c : comp) max = Math.max(max, c);
    if (max == Double.NEGATIVE_INFINITY) return max;
    double s = 0;
    for (double c : comp) s += Math.exp(c - max);
    return max + Math.log(s);
  }

  private static int pick(RandomGenerator rng, double[] probs) {
    double u = rng.nextDouble();
    double cum = 0;
    for (int i = 0; i < probs.length; i++) {
      cum += probs[i];
      if (u < cum) return i;
    }
    return probs.length - 1;
  }
}
