package org.tunebench.engine.search;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tunebench.model.Domain;
import org.tunebench.model.ExperimentSpec;
import org.tunebench.model.ExperimentSpec.Mode;
import org.tunebench.model.SearchSpace;
import org.tunebench.model.SpecException;

/**
 * Tree-structured Parzen Estimator search ({@code search.type} tpe): Bergstra, Bardenet, Bengio, Kégl,
 * "Algorithms for Hyper-Parameter Optimization", NeurIPS 2011. After {@code nStartupTrials} random configs,
 * the finished trials are split into the best {@code gamma} share (density l(x)) and the rest (g(x)); the
 * next config is the best of {@code nEiCandidates} draws from l by l(x)/g(x), which orders candidates as
 * expected improvement does. Mirrors Optuna 3.1's {@code TPESampler} (Watanabe 2023, "Tree-Structured
 * Parzen Estimator: Understanding Its Algorithm Components..." explains its choices), with its parameter
 * names in camelCase: nStartupTrials, nEiCandidates, gamma, priorWeight, considerEndpoints, multivariate
 * (Falkner et al. 2018's joint kernels), constantLiar (running trials count as the worst observed, so
 * parallel trials spread out), seed. Grid domains are modelled like choices; constants pass through.
 */
public final class TpeSearcher extends ModelBasedSearcher {
  public static final String TYPE = "tpe";
  public static final List<String> PARAMS = List.of("nStartupTrials", "nEiCandidates", "gamma", "priorWeight",
      "considerEndpoints", "multivariate", "group", "constantLiar", PointsToEvaluate.PARAM, "warmStart");
  // Optuna's default_gamma caps the good set at 25 trials
  private static final int GAMMA_CAP = 25;

  /** The TPE parameters; {@link #DEFAULTS} are Optuna's. */
  public record Options(int nStartupTrials, int nEiCandidates, double gamma, double priorWeight,
      boolean considerEndpoints, boolean multivariate, boolean group, boolean constantLiar) {
    public Options {
      if (group && !multivariate) throw new IllegalArgumentException("group needs multivariate: true");
      if (nStartupTrials < 0) throw new IllegalArgumentException("nStartupTrials must be >= 0");
      if (nEiCandidates < 1) throw new IllegalArgumentException("nEiCandidates must be >= 1");
      if (!(gamma > 0 && gamma <= 1)) throw new IllegalArgumentException("gamma must lie in (0, 1]");
      if (!(priorWeight > 0) || !Double.isFinite(priorWeight)) throw new IllegalArgumentException("priorWeight must be > 0");
    }
  }

  public static final Options DEFAULTS = new Options(10, 24, 0.1, 1.0, false, false, false, false);

  private final Options options;
  private final List<TpeParam> params = new ArrayList<>();

  public TpeSearcher(SearchSpace space, int numSamples, String metric, Mode mode, Options options,
      List<Map<String, Object>> pointsToEvaluate, Long seed) {
    this(space, numSamples, List.of(new ExperimentSpec.Objective(metric, mode)), options, pointsToEvaluate, seed);
  }

  /** With two or more objectives this is MOTPE, Optuna 3.1's multi-objective TPE. */
  public TpeSearcher(SearchSpace space, int numSamples, List<ExperimentSpec.Objective> objectives, Options options,
      List<Map<String, Object>> pointsToEvaluate, Long seed) {
    super(space, numSamples, objectives, options.nStartupTrials(), pointsToEvaluate, seed);
    this.options = options;
    space.domains().forEach((path, d) -> {
      if (!d.isConstant()) params.add(TpeParam.of(path, d));
    });
  }

  /** The searcher for a spec with {@code search.type} tpe; every parameter is checked and named on error. */
  public static TpeSearcher create(ExperimentSpec spec) {
    ObjectNode p = spec.search().params();
    SearcherRegistry.rejectUnknownParams(p, PARAMS);
    refuseGrid(spec, TYPE);
    SearchParams sp = new SearchParams(p);
    if (sp.bool("group", false) && !sp.bool("multivariate", false)) {
      throw new SpecException("$.search.group", "group needs \"multivariate\": true (as in Optuna)");
    }
    Options o = new Options(
        sp.intAtLeast("nStartupTrials", DEFAULTS.nStartupTrials(), 0),
        sp.intAtLeast("nEiCandidates", DEFAULTS.nEiCandidates(), 1),
        sp.fraction("gamma", DEFAULTS.gamma()),
        sp.positive("priorWeight", DEFAULTS.priorWeight()),
        sp.bool("considerEndpoints", DEFAULTS.considerEndpoints()),
        sp.bool("multivariate", DEFAULTS.multivariate()),
        sp.bool("group", DEFAULTS.group()),
        sp.bool("constantLiar", DEFAULTS.constantLiar()));
    return new TpeSearcher(spec.space(), spec.numSamples(), spec.objectives(), o,
        PointsToEvaluate.parse(p, spec.space()), spec.search().seed());
  }

  public Options options() {
    return options;
  }

  @Override String type() {
    return TYPE;
  }

  @Override Map<String, Object> propose(SplittableRandom rng) {
    // scores in suggestion order (Optuna orders by trial number, and its weights favour recent trials)
    List<SearchHistory.Entry> scored = new ArrayList<>();
    for (SearchHistory.Entry e : history.entries()) {
      if (e.state == SearchHistory.State.DONE || options.constantLiar() && e.state == SearchHistory.State.RUNNING) scored.add(e);
    }
    int n = (int) history.doneCount();
    int nBelow = Math.min((int) Math.ceil(options.gamma() * n), GAMMA_CAP);
    boolean[] isBelow = objectives.size() > 1 ? belowByPareto(scored, nBelow) : belowByLoss(scored, nBelow);
    List<SearchHistory.Entry> below = new ArrayList<>();
    List<SearchHistory.Entry> above = new ArrayList<>();
    for (int i = 0; i < scored.size(); i++) (isBelow[i] ? below : above).add(scored.get(i));
    Map<SearchHistory.Entry, Double> belowWeights = objectives.size() > 1 ? hypervolumeWeights(below) : null;

    Map<String, Object> chosen = new LinkedHashMap<>();
    ParzenEstimator.Options po = new ParzenEstimator.Options(options.priorWeight(), options.considerEndpoints(), options.multivariate());
    for (List<TpeParam> group : groups()) {
      // Optuna splits all trials by loss first, then each parameter learns from the trials that used it
      List<SearchHistory.Entry> groupBelow = using(group, below);
      List<SearchHistory.Entry> groupAbove = using(group, above);
      double[] lw = null;
      if (belowWeights != null) {
        lw = new double[groupBelow.size()];
        for (int i = 0; i < lw.length; i++) lw[i] = belowWeights.get(groupBelow.get(i));
      }
      ParzenEstimator l = new ParzenEstimator(group, coordinates(group, groupBelow), po, lw);
      ParzenEstimator g = new ParzenEstimator(group, coordinates(group, groupAbove), po);
      double[][] candidates = l.sample(rng, options.nEiCandidates());
      double bestScore = Double.NEGATIVE_INFINITY;
      Object[] best = null;
      for (double[] c : candidates) {
        // score the value the trial would get, i.e. after rounding to the domain's grid, as Optuna does
        Object[] values = new Object[group.size()];
        double[] x = new double[group.size()];
        for (int j = 0; j < group.size(); j++) {
          values[j] = group.get(j).toValue(c[j]);
          x[j] = group.get(j).toInternal(values[j]);
        }
        double score = l.logPdf(x) - g.logPdf(x);
        if (best == null || score > bestScore) {
          bestScore = score;
          best = values;
        }
      }
      for (int j = 0; j < group.size(); j++) chosen.put(group.get(j).path(), best[j]);
    }
    Map<String, Object> dotted = new LinkedHashMap<>();
    for (Map.Entry<String, Domain> e : space.domains().entrySet()) {
      if (!DottedConfig.isActive(space, e.getKey(), dotted)) continue;
      dotted.put(e.getKey(), e.getValue().isConstant() ? e.getValue().sample(rng) : chosen.get(e.getKey()));
    }
    return dotted;
  }

  /** The {@code nBelow} finished trials of least loss; running trials (constant liar) are never below. */
  private static boolean[] belowByLoss(List<SearchHistory.Entry> scored, int nBelow) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < scored.size(); i++) order.add(i);
    order.sort(Comparator.comparingDouble(i -> scored.get(i).state == SearchHistory.State.DONE ? scored.get(i).loss : Double.POSITIVE_INFINITY));
    boolean[] isBelow = new boolean[scored.size()];
    for (int i = 0; i < nBelow; i++) isBelow[order.get(i)] = true;
    return isBelow;
  }

  /**
   * MOTPE's good set (Ozaki et al. 2020, as Optuna 3.1's {@code _split_observation_pairs}): whole fronts of
   * the non-dominated sort while they fit in {@code nBelow}, then the rest of the next front chosen by
   * hypervolume subset selection.
   */
  private static boolean[] belowByPareto(List<SearchHistory.Entry> scored, int nBelow) {
    List<Integer> done = new ArrayList<>();
    for (int i = 0; i < scored.size(); i++) if (scored.get(i).state == SearchHistory.State.DONE) done.add(i);
    double[][] losses = new double[done.size()][];
    for (int i = 0; i < losses.length; i++) losses[i] = finite(scored.get(done.get(i)).losses);
    int[] rank = MultiObjective.ranks(losses);
    boolean[] isBelow = new boolean[scored.size()];
    int taken = 0;
    for (int r = 0; taken < nBelow; r++) {
      List<Integer> front = new ArrayList<>();
      for (int i = 0; i < rank.length; i++) if (rank[i] == r) front.add(i);
      if (front.isEmpty()) break;
      if (taken + front.size() <= nBelow) {
        for (int i : front) isBelow[done.get(i)] = true;
        taken += front.size();
        continue;
      }
      double[][] pts = new double[front.size()][];
      for (int i = 0; i < pts.length; i++) pts[i] = losses[front.get(i)];
      for (int i : MultiObjective.selectByHypervolume(pts, nBelow - taken, MultiObjective.reference(pts))) {
        isBelow[done.get(front.get(i))] = true;
      }
      break;
    }
    return isBelow;
  }

  /**
   * Optuna 3.1's weights of the good set with several objectives: each trial's hypervolume contribution
   * (plus EPS), divided by the largest; one trial alone weighs 1.
   */
  private static Map<SearchHistory.Entry, Double> hypervolumeWeights(List<SearchHistory.Entry> below) {
    Map<SearchHistory.Entry, Double> w = new java.util.HashMap<>();
    if (below.size() == 1) w.put(below.get(0), 1.0);
    if (below.size() < 2) return w;
    double[][] pts = new double[below.size()][];
    for (int i = 0; i < pts.length; i++) pts[i] = finite(below.get(i).losses);
    double[] c = MultiObjective.contributions(pts, MultiObjective.reference(pts));
    double max = 0;
    for (int i = 0; i < c.length; i++) max = Math.max(max, c[i] += MultiObjective.EPS);
    for (int i = 0; i < c.length; i++) w.put(below.get(i), Math.min(1, Math.max(0, c[i] / max)));
    return w;
  }

  // a diverged trial reports +-Infinity; hypervolumes need finite coordinates
  private static double[] finite(double[] v) {
    double[] out = v.clone();
    for (int i = 0; i < out.length; i++) out[i] = Math.max(-1e300, Math.min(1e300, out[i]));
    return out;
  }

  /**
   * The parameter groups modelled jointly, as Optuna 3.1: independent TPE models each parameter alone;
   * multivariate models the always-active parameters jointly and each conditional one alone; with group,
   * the parameters active under the same condition form one joint group each.
   */
  List<List<TpeParam>> groups() {
    Map<Object, List<TpeParam>> byCondition = new LinkedHashMap<>();
    List<List<TpeParam>> groups = new ArrayList<>();
    for (TpeParam p : params) {
      SearchSpace.Condition c = space.condition(p.path());
      if (!options.multivariate() || c != null && !options.group()) {
        groups.add(List.of(p));
      } else {
        Object key = c == null ? "" : c;
        List<TpeParam> g = byCondition.get(key);
        if (g == null) {
          g = new ArrayList<>();
          byCondition.put(key, g);
          groups.add(g);
        }
        g.add(p);
      }
    }
    return groups;
  }

  private static List<SearchHistory.Entry> using(List<TpeParam> group, List<SearchHistory.Entry> entries) {
    List<SearchHistory.Entry> out = new ArrayList<>(entries.size());
    for (SearchHistory.Entry e : entries) {
      boolean all = true;
      for (TpeParam p : group) all &= e.config.containsKey(p.path());
      if (all) out.add(e);
    }
    return out;
  }

  private static double[][] coordinates(List<TpeParam> group, List<SearchHistory.Entry> entries) {
    double[][] obs = new double[entries.size()][group.size()];
    for (int i = 0; i < entries.size(); i++) {
      for (int j = 0; j < group.size(); j++) obs[i][j] = group.get(j).toInternal(entries.get(i).config.get(group.get(j).path()));
    }
    return obs;
  }

}
