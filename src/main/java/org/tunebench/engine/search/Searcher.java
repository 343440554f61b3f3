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

  /** The trial ended; {@code lastResult} may be null when it errored before reporting. */
  default void onTrialComplete(String trialId, Map<String, Object> lastResult, boolean errored) {}

  /** Everything needed to continue the search after a driver restart. */
  JsonNode save();

  void restore(JsonNode state);
}
