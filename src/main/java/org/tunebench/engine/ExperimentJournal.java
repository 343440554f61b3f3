package org.tunebench.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import org.tunebench.model.TrialStatus;

/**
 * Where the driver writes everything it must not lose. Writes are applied in call order; an implementation
 * may batch them (group commit) but must run {@code onDurable} only once the result is stored for good.
 */
public interface ExperimentJournal {
  void experimentStatus(String status, Instant at);

  void searcherState(JsonNode state);

  /** The scheduler's own bookkeeping ({@code TrialScheduler.save()}), for resume. */
  void schedulerState(JsonNode state);

  void trialSaved(TrialSnapshot trial);

  void statusChanged(String trialId, TrialStatus from, TrialStatus to, String reason, Instant at);

  void result(String trialId, int iteration, Map<String, Object> result, Instant at, Runnable onDurable);

  void checkpointAdded(String trialId, int iteration, double timeTotalS, String path, Instant at);

  void checkpointRemoved(String trialId, String path, Instant at);

  /** A PBT exploit: {@code trialId} took {@code donorId}'s checkpoint and a new config. */
  default void exploit(String trialId, String donorId, Map<String, Object> oldConfig,
      Map<String, Object> newConfig, String checkpoint, Instant at) {}

  /** Blocks until every write so far is stored. */
  void flush();
}
