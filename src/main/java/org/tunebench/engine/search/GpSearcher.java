package org.tunebench.engine.search;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tunebench.model.ExperimentSpec;
import org.tunebench.model.ExperimentSpec.Mode;
import org.tunebench.model.SearchSpace;

/**
 * Bayesian optimisation with a Gaussian process ({@code search.type} gp): Snoek, Larochelle, Adams,
 * "Practical Bayesian Optimization of Machine Learning Algorithms", NeurIPS 2012 (Matérn 5/2 ARD kernel,
 * fitted hyperparameters), with the numerically stable log expected improvement of Ament et al. 2023 as
 * acquisition. After {@code nStartupTrials} random configs, each suggestion fits the GP to the finished
 * trials on the unit cube ({@link UnitEncoder}), their losses warped by a fitted power transform
 * ({@link OutputWarp}) so that a few huge losses do not flatten the model around the good ones, scores
 * {@code nCandidates} random points plus points near the best trials, and refines the best few by a
 * shrinking local search. Running trials enter the fit at the mean (warped) observed loss (the "constant
 * liar" CL-mean of Ginsbourger et al. 2010), so parallel trials do not all get the same point.
 * Parameters: nStartupTrials, nCandidates, pointsToEvaluate, seed.
 */
public final class GpSearcher extends ModelBasedSearcher {
  public static final String TYPE = "gp";
  public static final List<String> PARAMS = List.of("nStartupTrials", "nCandidates", PointsToEvaluate.PARAM, "warmStart");
  public static final int DEFAULT_STARTUP = 10;
  public static final int DEFAULT_CANDIDATES = 2000;
  // the refinement budget: a few of the best candidates, each moved this many times
  private static final int REFINE_STARTS = 5;
  private static final int REFINE_STEPS = 60;
  private static final int FIT_EVALS = 300;
  // per refinement step, the chance that a categorical leaf tries another category
  private static final double CATEGORY_SWITCH = 0.1;

  private final int nCandidates;
  private final UnitEncoder encoder;

  public GpSearcher(SearchSpace space, int numSamples, String metric, Mode mode, int nStartupTrials, int nCandidates,
      List<Map<String, Object>> pointsToEvaluate, Long seed) {
    super(space, numSamples, metric, mode, nStartupTrials, pointsToEvaluate, seed);
    if (nCandidates < 1) throw new IllegalArgumentException("nCandidates must be >= 1, got " + nCandidates);
    this.nCandidates = nCandidates;
    this.encoder = new UnitEncoder(space);
  }

  public static GpSearcher create(ExperimentSpec spec) {
    ObjectNode p = spec.search().params();
    SearcherRegistry.rejectUnknownParams(p, PARAMS);
    refuseGrid(spec, TYPE);
    refuseMultiObjective(spec, TYPE);
    SearchParams sp = new SearchParams(p);
    return new GpSearcher(spec.space(), spec.numSamples(), spec.metric(), spec.mode(),
        sp.intAtLeast("nStartupTrials", DEFAULT_STARTUP, 0), sp.intAtLeast("nCandidates", DEFAULT_CANDIDATES, 1),
        PointsToEvaluate.parse(p, spec.space()), spec.search().seed());
  }

  @Override String type() {
    return TYPE;
  }

  @Override Map<String, Object> propose(SplittableRandom rng) {
    if (encoder.dims() == 0) return encoder.decode(new double[0]); // only constants
    List<SearchHistory.Entry> done = history.done();
    List<SearchHistory.Entry> running = history.running();
    int n = done.size() + running.size();
    double[][] x = new double[n][];
    double[] y = new double[n];
    double[] losses = new double[done.size()];
    for (int j = 0; j < losses.length; j++) losses[j] = clampLoss(done.get(j).loss);
    // the GP sees the warped losses; the mean a running trial is counted at is taken after warping, so
    // one huge loss does not make every lie a bad value
    double[] warped = OutputWarp.warp(losses);
    double meanLoss = 0;
    for (double v : warped) meanLoss += v;
    meanLoss /= warped.length;
    int i = 0;
    for (SearchHistory.Entry e : done) {
      x[i] = encoder.encode(e.config);
      y[i] = warped[i];
      i++;
    }
    for (SearchHistory.Entry e : running) {
      x[i] = encoder.encode(e.config);
      y[i++] = meanLoss;
    }
    GaussianProcess gp = GaussianProcess.fit(x, y, rng, FIT_EVALS);
    // the incumbent is the best finished trial, not a lie
    double best = Double.POSITIVE_INFINITY;
    for (int j = 0; j < done.size(); j++) best = Math.min(best, gp.predictTarget(j));

    List<double[]> candidates = new ArrayList<>(nCandidates + nCandidates / 4);
    for (int c = 0; c < nCandidates; c++) candidates.add(encoder.random(rng));
    // a quarter more around the best trials: the acquisition's optimum is usually near them
    Integer[] byLoss = new Integer[done.size()];
    for (int j = 0; j < byLoss.length; j++) byLoss[j] = j;
    Arrays.sort(byLoss, Comparator.comparingDouble(j -> done.get(j).loss));
    int top = Math.min(5, byLoss.length);
    for (int c = 0; c < nCandidates / 4; c++) candidates.add(perturb(x[byLoss[c % top]], 0.05, 0, rng));

    double[] scores = new double[candidates.size()];
    for (int c = 0; c < scores.length; c++) scores[c] = acquisition(gp, candidates.get(c), best);
    Integer[] order = new Integer[scores.length];
    for (int c = 0; c < order.length; c++) order[c] = c;
    Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));

    double[] bestX = candidates.get(order[0]);
    double bestScore = scores[order[0]];
    for (int s = 0; s < Math.min(REFINE_STARTS, order.length); s++) {
      double[] cur = candidates.get(order[s]);
      double curScore = scores[order[s]];
      double step = 0.1;
      for (int t = 0; t < REFINE_STEPS; t++) {
        double[] next = perturb(cur, step, CATEGORY_SWITCH, rng);
        double v = acquisition(gp, next, best);
        if (v > curScore) {
          cur = next;
          curScore = v;
        } else {
          step = Math.max(1e-3, step * 0.9);
        }
      }
      if (curScore > bestScore) {
        bestScore = curScore;
        bestX = cur;
      }
    }
    return encoder.decode(bestX);
  }

  /** log EI at the config {@code x} would become (snapped to the domain), so discrete steps are scored fairly. */
  private double acquisition(GaussianProcess gp, double[] x, double best) {
    double[] ms = gp.predict(encoder.snap(x));
    return LogExpectedImprovement.of(ms[0], ms[1], best);
  }

  /**
   * {@code x} moved by N(0, sd) on the numeric dimensions, reflected back into [0, 1]. Clamping instead
   * put a point mass on the bounds: any step past an edge landed exactly on it, and a quarter to a third of
   * the proposals ended with a coordinate there. With {@code switchProb} > 0, each categorical leaf also
   * moves to another category with that probability, so refinement can change a choice too.
   */
  private double[] perturb(double[] x, double sd, double switchProb, SplittableRandom rng) {
    double[] out = x.clone();
    for (int k = 0; k < out.length; k++) {
      if (encoder.isNumeric(k)) out[k] = reflect(out[k] + sd * nextGaussian(rng));
    }
    if (switchProb > 0) encoder.switchCategories(out, switchProb, rng);
    return out;
  }

  /** {@code u} folded into [0, 1] as a mirror would: -0.1 becomes 0.1, 1.2 becomes 0.8. */
  static double reflect(double u) {
    double t = Math.abs(u) % 2;
    return t > 1 ? 2 - t : t;
  }

  private static double nextGaussian(SplittableRandom rng) {
    return rng.nextGaussian();
  }

  // a diverged trial reports +-Infinity; the GP needs finite targets
  private static double clampLoss(double v) {
    return Math.max(-1e300, Math.min(1e300, v));
  }
}
