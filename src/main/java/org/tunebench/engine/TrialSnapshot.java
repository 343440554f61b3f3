package org.tunebench.engine;

import java.time.Instant;
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
    String latestCheckpoint) {}
