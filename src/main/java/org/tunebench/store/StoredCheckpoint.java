package org.tunebench.store;

import java.time.Instant;

/** A checkpoint folder of a trial; {@code removedAt} set once numToKeep retired it. */
public record StoredCheckpoint(String trialId, int iteration, double timeTotalS, String path, Instant createdAt,
    Instant removedAt) {}
