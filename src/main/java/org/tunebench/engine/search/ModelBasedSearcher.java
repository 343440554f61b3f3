package org.tunebench.engine.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.tunebench.model.ExperimentSpec;
import org.tunebench.model.ExperimentSpec.Mode;
import org.tunebench.model.SearchSpace;
import org.tunebench.model.SpecException;

/**
 * What TPE and GP share: {@code pointsToEvaluate} first, then {@code nStartupTrials} random configs, then
 * the model's proposals, up to {@code numSamples} in all. Each suggestion draws from its own stream derived
 * from (seed, suggestion number), so the saved state needs no RNG internals: restoring the trial list gives
 * the same next suggestion.
 */
abstract class ModelBasedSearcher implements Searcher {
  protected final SearchSpace space;
  protected final int numSamples;
  protected final String metric;
  protected final Mode mode;
  protected final int nStartupTrials;
  private final List<Map<String, Object>> pointsToEvaluate;
  private long seed;
  protected SearchHistory history = new SearchHistory();
  // last metric seen per running trial, for trials that end without one in their final result
  private final Map<String, double[]> lastMetric = new HashMap<>();
  /** History entries not stored yet ({@link #saveChanges}), and how many were handed out to be stored. */
  private final List<JsonNode> unsaved = new ArrayList<>();
  private long logged;
  /** What is minimised, in order; the first is {@code metric}/{@code mode}. */
  protected final List<ExperimentSpec.Objective> objectives;

  ModelBasedSearcher(SearchSpace space, int numSamples, String metric, Mode mode, int nStartupTrials,
      List<Map<String, Object>> pointsToEvaluate, Long seed) {
    this(space, numSamples, List.of(new ExperimentSpec.Objective(metric, mode)), nStartupTrials, pointsToEvaluate, seed);
  }

  ModelBasedSearcher(SearchSpace space, int numSamples, List<ExperimentSpec.Objective> objectives, int nStartupTrials,
      List<Map<String, Object>> pointsToEvaluate, Long seed) {
    if (objectives.isEmpty()) throw new IllegalArgumentException("needs at least one objective");
    String metric = objectives.get(0).metric();
    Mode mode = objectives.get(0).mode();
    this.objectives = List.copyOf(objectives);
    if (numSamples < 1) throw new IllegalArgumentException("numSamples must be >= 1, got " + numSamples);
    if (nStartupTrials < 0) throw new IllegalArgumentException("nStartupTrials must be >= 0, got " + nStartupTrials);
    this.space = space;
    this.numSamples = numSamples;
    this.metric = metric;
    this.mode = mode;
    this.nStartupTrials = nStartupTrials;
    this.pointsToEvaluate = List.copyOf(pointsToEvaluate);
    this.seed = seed != null ? seed : new SecureRandom().nextLong();
  }

  /**
   * One rule for grid domains with a model: refused, as Ray Tune's Optuna and other model-based searchers
   * refuse {@code grid_search}. Expanding them would multiply {@code numSamples}, and sampling them as a
   * choice (what TPE and GP did before) silently ran each point a random number of times.
   */
  static void refuseGrid(ExperimentSpec spec, String type) {
    spec.space().domains().forEach((dotted, domain) -> {
      if (domain.isGrid()) {
        throw new SpecException(SearchSpace.jsonPath(dotted), "search type " + type + " does not expand grid domains; use choice "
            + "for the model to pick values, or search type random or grid to run every grid point");
      }
    });
  }

  /** GP models one objective; with several, the spec is refused naming the searchers that take them. */
  static void refuseMultiObjective(ExperimentSpec spec, String type) {
    if (spec.multiObjective()) {
      throw new SpecException("$.metric", "search type " + type + " optimises one metric; with "
          + spec.objectives().size() + " objectives use search type tpe (MOTPE), nsga2, random or grid, or give one metric");
    }
  }

  /** The type name written into {@link #save()}. */
  abstract String type();

  /** The model's next config (dotted); called once at least {@code nStartupTrials} trials are done. */
  abstract Map<String, Object> propose(SplittableRandom rng);

  /** Called once the new trial's entry is in the history (NSGA-II tags it with its generation). */
  void suggested(SearchHistory.Entry entry) {}

  public long seed() {
    return seed;
  }

  @Override public Optional<Map<String, Object>> suggest(String trialId) {
    if (isFinished()) return Optional.empty();
    int index = history.suggestedCount();
    SplittableRandom rng = new SplittableRandom(mix(seed, index));
    Map<String, Object> dotted;
    if (index < pointsToEvaluate.size()) {
      dotted = DottedConfig.prune(space, PointsToEvaluate.overlay(DottedConfig.sample(space, rng), pointsToEvaluate.get(index)));
    } else if (history.doneCount() < Math.max(1, nStartupTrials)) {
      dotted = DottedConfig.sample(space, rng);
    } else {
      dotted = propose(rng);
    }
    history.add(trialId, dotted);
    suggested(history.get(trialId));
    unsaved.add(SearchHistory.added(history.get(trialId)));
    return Optional.of(DottedConfig.nest(space, dotted));
  }

  @Override public boolean isFinished() {
    return history.suggestedCount() >= numSamples;
  }

  @Override public void onTrialResult(String trialId, Map<String, Object> result) {
    double[] v = lossesOf(result);
    if (v != null && history.isRunning(trialId)) lastMetric.put(trialId, v);
  }

  @Override public void onTrialComplete(String trialId, Map<String, Object> lastResult, boolean errored) {
    double[] v = lossesOf(lastResult);
    if (v == null) v = lastMetric.get(trialId);
    lastMetric.remove(trialId);
    boolean running = history.isRunning(trialId);
    history.complete(trialId, v);
    if (running) unsaved.add(SearchHistory.ended(history.get(trialId)));
  }

  /** Every objective of {@code result} as a loss (a max objective negated), or null when one is missing. */
  private double[] lossesOf(Map<String, Object> result) {
    if (result == null) return null;
    double[] out = new double[objectives.size()];
    for (int i = 0; i < out.length; i++) {
      if (!(result.get(objectives.get(i).metric()) instanceof Number n) || Double.isNaN(n.doubleValue())) return null;
      out[i] = objectives.get(i).mode() == Mode.MAX ? -n.doubleValue() : n.doubleValue();
    }
    return out;
  }

  @Override public void addEvaluated(Map<String, Object> config, double value) {
    if (!Double.isFinite(value)) throw new IllegalArgumentException("an evaluated point needs a finite value, got " + value);
    if (objectives.size() > 1) throw new IllegalArgumentException("an evaluated point has one value, this experiment " + objectives.size() + " objectives");
    Map<String, Object> dotted;
    try {
      dotted = DottedConfig.fromNested(space, config, true);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("evaluated " + e.getMessage(), e);
    }
    history.addEvaluated(dotted, mode == Mode.MAX ? -value : value);
    unsaved.add(SearchHistory.warm(history.entries().get(history.size() - 1)));
  }

  @Override public JsonNode save() {
    ObjectNode state = JsonNodeFactory.instance.objectNode();
    state.put("type", type());
    state.put("seed", seed);
    state.put("suggested", history.suggestedCount());
    state.set("trials", history.toJson());
    return state;
  }

  /**
   * Seed and counts as the state, the history as entries: one per suggestion, per end and per warm-start
   * point, each handed out once. The stored entries rebuild the history on resume.
   */
  @Override public SearcherSave saveChanges() {
    List<JsonNode> appended = List.copyOf(unsaved);
    unsaved.clear();
    logged += appended.size();
    ObjectNode state = JsonNodeFactory.instance.objectNode();
    state.put("type", type());
    state.put("seed", seed);
    state.put("suggested", history.suggestedCount());
    state.put("entries", logged);
    return new SearcherSave(state, appended);
  }

  @Override public void restore(JsonNode state) {
    restore(state, List.of());
  }

  @Override public void restore(JsonNode state, List<JsonNode> appended) {
    long suggested = SavedState.count(state, type());
    JsonNode s = state.get("seed");
    if (s == null || !s.isIntegralNumber()) throw new IllegalArgumentException("saved " + type() + " state has no seed: " + state);
    SearchHistory restored;
    List<JsonNode> toStore;
    if (state.has("trials")) {
      // a whole state (save(), or stored before entries were): its history goes to the entries at the next save
      if (!appended.isEmpty()) throw new IllegalArgumentException("saved " + type() + " state holds its trials and has entries too");
      restored = SearchHistory.fromJson(state.get("trials"));
      toStore = restored.asEntries();
    } else {
      long entries = state.path("entries").asLong(-1);
      if (entries != appended.size()) {
        throw new IllegalArgumentException("saved " + type() + " state counts " + entries + " history entries, " + appended.size() + " are stored");
      }
      restored = new SearchHistory();
      for (JsonNode e : appended) restored.apply(e);
      toStore = List.of();
    }
    if (restored.suggestedCount() != suggested) throw new IllegalArgumentException("saved " + type() + " state: count and trial list differ");
    seed = s.longValue();
    history = restored;
    lastMetric.clear();
    unsaved.clear();
    unsaved.addAll(toStore);
    logged = state.has("trials") ? 0 : appended.size();
  }

  /** SplitMix64's finaliser over seed and index: independent streams for neighbouring suggestions. */
  static long mix(long seed, long index) {
    long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
