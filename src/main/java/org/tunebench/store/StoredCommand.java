package org.tunebench.store;

import java.time.Instant;
import java.util.List;

/**
 * A steering command for an experiment's live owner: {@code action} (pause, stop, resume) on {@code trialIds}
 * (empty: the whole experiment). {@code outcome} is null until answered: DONE, REFUSED or EXPIRED (the sender
 * gave up waiting), with a one-line {@code message}.
 */
public record StoredCommand(long id, String action, List<String> trialIds, String requestedBy, Instant requestedAt,
    String outcome, String message) {
  public static final String DONE = "DONE";
  public static final String REFUSED = "REFUSED";
  public static final String EXPIRED = "EXPIRED";
}
