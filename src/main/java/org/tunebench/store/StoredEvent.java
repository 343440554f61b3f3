package org.tunebench.store;

import java.time.Instant;

/** One lifecycle move of a trial; {@code from} is null for its creation. */
public record StoredEvent(String trialId, Instant at, String from, String to, String reason) {}
