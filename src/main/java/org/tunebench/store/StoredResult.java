package org.tunebench.store;

import java.time.Instant;
import java.util.Map;

/** One result as the driver stored it (the trainable's metrics plus the driver's fields). */
public record StoredResult(String trialId, int iteration, Instant at, Map<String, Object> metrics) {}
