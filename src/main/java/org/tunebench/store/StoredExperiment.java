package org.tunebench.store;

import java.time.Instant;

/** One experiment row. {@code spec} is the spec JSON as the experiment was started. */
public record StoredExperiment(long id, String name, String status, String metric, String mode, String spec,
    String specPath, String homeDir, Instant createdAt, Instant updatedAt, String searcherState) {}
