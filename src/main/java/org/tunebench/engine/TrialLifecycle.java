package org.tunebench.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.tunebench.model.TrialStatus;

/**
 * The one place where a trial's status changes (Ray's {@code _set_trial_status}): it refuses moves that
 * {@link TrialStatus#next()} does not allow, records each move (time, from, to, reason) and tells listeners.
 * Why a trial ended and what it waits for live here too, so they can never disagree with its status.
 */
final class TrialLifecycle {
  /** What a PAUSED trial waits for when its scheduler paused it and will start it again (HyperBand, PBT). */
  static final String HELD_BY_SCHEDULER = "its scheduler to resume it";

  private final TrialRegistry registry;
  private final ExperimentJournal journal;
  private final List<EngineListener> listeners;
  private final Clock clock;

  TrialLifecycle(TrialRegistry registry, ExperimentJournal journal, List<EngineListener> listeners, Clock clock) {
    this.registry = registry;
    this.journal = journal;
    this.listeners = listeners;
    this.clock = clock;
  }

  void setStatus(Trial t, TrialStatus to, String reason) {
    TrialStatus from = t.status;
    if (!from.canMoveTo(to)) {
      throw new IllegalStateException("trial " + t.id + " cannot go from " + from + " to " + to + " (" + reason + ")");
    }
    t.status = to;
    registry.moved(from, to);
    t.endReason = to.isFinished() ? reason : null;
    if (to != TrialStatus.PENDING || from == TrialStatus.PAUSED) t.waitingFor = null;
    // stored with the trial, so a resumed driver leaves it to its scheduler as this one would
    if (to == TrialStatus.PAUSED && t.pausedByScheduler) t.waitingFor = HELD_BY_SCHEDULER;
    Instant at = clock.instant();
    journal.statusChanged(t.id, from, to, reason, at);
    TrialSnapshot s = t.snapshot();
    journal.trialSaved(s);
    for (EngineListener l : listeners) l.statusChanged(s, from, reason);
  }

  /** Records a new trial, PENDING. */
  void created(Trial t, String reason) {
    created(t, reason, null);
  }

  /** {@code searcher}: the searcher's state after suggesting {@code t}, stored with it (or null). */
  void created(Trial t, String reason, org.tunebench.engine.search.SearcherSave searcher) {
    registry.add(t);
    TrialSnapshot s = t.snapshot();
    if (searcher != null) journal.trialSuggested(s, searcher.state(), searcher.appended());
    else journal.trialSaved(s);
    journal.statusChanged(t.id, null, TrialStatus.PENDING, reason, t.createdAt);
    for (EngineListener l : listeners) l.trialAdded(s);
  }

  /** What a PENDING trial waits for; saved and shown only when it changes. */
  void waiting(Trial t, String why) {
    waitingIn(TrialStatus.PENDING, t, why);
  }

  /** What a PAUSED trial waits for besides a user (a stop decided before an interrupt); stored with it. */
  void pausedWaiting(Trial t, String why) {
    waitingIn(TrialStatus.PAUSED, t, why);
  }

  /**
   * What a trial handed to its executor waits for before its worker starts (a cluster agent with room); null
   * once it started. A cluster run showed such trials RUNNING with no word on why nothing happened.
   */
  void launchWaiting(Trial t, String why) {
    waitingIn(TrialStatus.RUNNING, t, why);
  }

  private void waitingIn(TrialStatus status, Trial t, String why) {
    if (t.status != status || Objects.equals(t.waitingFor, why)) return;
    t.waitingFor = why;
    TrialSnapshot s = t.snapshot();
    journal.trialSaved(s);
    for (EngineListener l : listeners) l.trialUpdated(s);
  }

  /**
   * A PBT exploit takes hold: the trial's config becomes the donor's, perturbed, and the move is stored (with the
   * old config) and shown; {@code exploitsRecorded} lets a resume tell whether a stored exploit decision got here.
   */
  void exploited(Trial t, Trial.Exploit e) {
    java.util.Map<String, Object> old = t.config;
    t.config = e.newConfig();
    t.exploitsRecorded++;
    journal.exploit(t.id, e.donorId(), old, e.newConfig(), e.donorCheckpoint().path().toString(), clock.instant());
    for (EngineListener l : listeners) l.exploit(t.id, e.donorId(), e.newConfig());
  }

  /** Progress (a result, a new checkpoint, a new config) without a status change. */
  void saved(Trial t) {
    journal.trialSaved(t.snapshot());
  }
}
