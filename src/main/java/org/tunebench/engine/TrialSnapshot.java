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
    /** What a PENDING trial waits for, to be read after "waiting for" ("resources: 1 CPU (0 of 2 free)"); null otherwise. */
    String waitingFor,
    /** The error of each failed attempt that was retried, oldest first; {@code error} is the final one only. */
    List<String> attempts) {
  /**
   * How a status reason ends when the trial's newest checkpoint was gone at a restore (deleted, lost in a crash): it
   * starts over or from an older one, which a user must see ({@code run} repeats such a reason on stderr).
   */
  public static final String CHECKPOINT_GONE = " is gone)";

  /** How the status reason of a trial that a resumed driver found RUNNING (its process had died) begins. */
  public static final String DRIVER_RESTARTED = "driver restarted";


  public TrialSnapshot {
    attempts = attempts == null ? List.of() : List.copyOf(attempts);
  }
}
