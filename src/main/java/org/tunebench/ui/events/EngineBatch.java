package org.tunebench.ui.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.model.TrialStatus;

/**
 * Everything the driver said since the last frame, coalesced: the latest snapshot per trial (older ones are
 * dropped), every result in order (curves need them all), every status change (the timeline needs them all).
 */
public record EngineBatch(
    Map<String, TrialSnapshot> latest,
    List<ResultEvent> results,
    List<StatusEvent> statusChanges,
    List<ExploitEvent> exploits,
    String experimentStatus,
    String experimentReason,
    Instant experimentStatusAt,
    int rawEvents) {

  /** A PBT exploit: the trial now trains from the donor's checkpoint with {@code newConfig}. */
  public record ExploitEvent(String trialId, String donorId, Map<String, Object> newConfig) {}

  /** {@code at}: when the driver took the result (the result's own {@code timestamp} has whole seconds only). */
  public record ResultEvent(String trialId, Map<String, Object> result, Instant at) {}

  public record StatusEvent(String trialId, Instant at, TrialStatus from, TrialStatus to, String reason, String error) {}

  public boolean isEmpty() {
    return rawEvents == 0;
  }
}
