package org.tunebench.engine.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/**
 * Proposes configurations (Ray Tune's {@code Searcher}, Optuna's ask/tell). Called only from the driver's
 * event-loop thread, so implementations need no locking.
 */
public interface Searcher {
  /** The next config (nested map) for a new trial, or empty when there is none right now. */
  Optional<Map<String, Object>> suggest(String trialId);

  /** True when {@link #suggest} will never give another config. */
  boolean isFinished();

  /** An intermediate result of a trial this searcher suggested (or that was added by hand). */
  default void onTrialResult(String trialId, Map<String, Object> result) {}

  /**
   * Whether suggestions depend on the results seen so far (model-based search). The driver asks such a
   * searcher only when a trial can start, so each suggestion sees every result before it; a searcher whose
   * suggestions do not depend on results (random, grid) is asked ahead, so a population exists for schedulers
   * that time-multiplex it (PBT, HyperBand), as Ray Tune keeps pending trials.
   */
  default boolean learnsFromResults() {
    return true;
  }

  /** The trial ended; {@code lastResult} may be null when it errored before reporting. */
  default void onTrialComplete(String trialId, Map<String, Object> lastResult, boolean errored) {}

  /**
   * An already evaluated point (Ray Tune's {@code Searcher.add_evaluated_point}, Optuna's
   * {@code study.add_trial}): warm start from earlier experiments. {@code config} is a nested config of
   * this searcher's space (as a trial's config is stored), {@code value} the experiment's metric in its own
   * mode (not negated). Model-based searchers learn from it as from a finished trial of their own; it does
   * not count towards {@code numSamples} and it is kept by {@link #save()}. Searchers without a model
   * (random, grid) ignore it.
   *
   * @throws IllegalArgumentException when the config does not fit the space (a leaf missing or outside its
   *     domain) or the value is not finite; the caller should skip that point
   */
  default void addEvaluated(Map<String, Object> config, double value) {}

  /** Everything needed to continue the search after a driver restart, as one whole. */
  JsonNode save();

  void restore(JsonNode state);

  /**
   * What to store now, as a small state plus the entries appended since the last call (Optuna's storage keeps
   * trials as rows and a sampler keeps only its seed): what the driver stores at each suggestion, so that
   * costs what changed, not the whole history. Every call's entries must be stored, in order. The default
   * stores {@link #save()} whole (right for searchers whose state stays small: random, grid).
   */
  default SearcherSave saveChanges() {
    return new SearcherSave(save(), java.util.List.of());
  }

  /**
   * Takes back what {@link #saveChanges} stored: its newest {@code state} and every entry appended so far, in
   * order. A state written by {@link #save()} comes with no entries.
   *
   * @throws IllegalArgumentException when they were not written by this kind of searcher or do not agree
   */
  default void restore(JsonNode state, java.util.List<JsonNode> appended) {
    if (!appended.isEmpty()) {
      throw new IllegalArgumentException("saved searcher state has " + appended.size() + " appended entries; this searcher keeps none");
    }
    restore(state);
  }
}
