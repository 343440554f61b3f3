package org.tunebench.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.tunebench.model.TrialStatus;

/** An immutable copy of one trial's state, for the store, the UI and reports. */
public record TrialSnapshot(
    String id,
    int seq,
    TrialStatus status,
    Map<String, Object> config,
    int iteration,
    Map<String, Object> lastResult,
    Double best,
    int retries,
    String error,
    String errorStack,
    String dir,
    String parentId,
    Instant createdAt,
    double timeTotalS,
    String latestCheckpoint,
    /** Why the trial ended (scheduler and rung, stopper, user, budget, step timeout, error); null while live. */
    String endReason,
    /** What a PENDING trial waits for (resources, a concurrency slot, the searcher); null otherwise. */
    String waitingFor,
    /** The error of each failed attempt that was retried, oldest first; {@code error} is the final one only. */
    List<String> attempts) {

  public TrialSnapshot {
    attempts = attempts == null ? List.of() : List.copyOf(attempts);
  }
}
