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
    super(space, numSamples, metric, mode, options.nStartupTrials(), pointsToEvaluate, seed);
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
    refuseMultiObjective(spec, TYPE);
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
    return new TpeSearcher(spec.space(), spec.numSamples(), spec.metric(), spec.mode(), o,
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
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < scored.size(); i++) order.add(i);
    // running trials (constant liar) score +infinity: always in the bad group
    order.sort(Comparator.comparingDouble(i -> scored.get(i).state == SearchHistory.State.DONE ? scored.get(i).loss : Double.POSITIVE_INFINITY));
    boolean[] isBelow = new boolean[scored.size()];
    for (int i = 0; i < nBelow; i++) isBelow[order.get(i)] = true;
    List<SearchHistory.Entry> below = new ArrayList<>();
    List<SearchHistory.Entry> above = new ArrayList<>();
    for (int i = 0; i < scored.size(); i++) (isBelow[i] ? below : above).add(scored.get(i));

    Map<String, Object> chosen = new LinkedHashMap<>();
    ParzenEstimator.Options po = new ParzenEstimator.Options(options.priorWeight(), options.considerEndpoints(), options.multivariate());
    for (List<TpeParam> group : groups()) {
      // Optuna splits all trials by loss first, then each parameter learns from the trials that used it
      List<SearchHistory.Entry> groupBelow = using(group, below);
      List<SearchHistory.Entry> groupAbove = using(group, above);
      ParzenEstimator l = new ParzenEstimator(group, coordinates(group, groupBelow), po);
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
