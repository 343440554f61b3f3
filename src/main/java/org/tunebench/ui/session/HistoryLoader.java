package org.tunebench.ui.session;

import java.nio.file.Path;
import java.time.Instant;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.model.ExperimentSpec;
import org.tunebench.model.SpecReader;
import org.tunebench.store.ExperimentStore;
import org.tunebench.store.StoredEvent;
import org.tunebench.store.StoredExperiment;
import org.tunebench.store.StoredResult;
import org.tunebench.model.TrialStatus;

/** Rebuilds a read-only session of a past experiment from the store: trials, curves, timeline. */
public final class HistoryLoader {
  private HistoryLoader() {}

  public static ExperimentSpec spec(StoredExperiment e) {
    return SpecReader.readStored(e.spec(), Path.of(e.homeDir()), e.name());
  }

  public static ExperimentSession load(ExperimentStore store, StoredExperiment e) {
    ExperimentSession s = new ExperimentSession(e.name(), spec(e));
    java.util.List<TrialSnapshot> trials = store.trials(e.id());
    for (TrialSnapshot t : trials) {
      s.timeline().touch(t.id(), t.createdAt(), TrialStatus.PENDING);
    }
    java.util.List<StoredResult> results = new java.util.ArrayList<>(store.results(e.id(), null));
    java.util.Map<String, java.util.TreeSet<Instant>> resultTimes = new java.util.HashMap<>();
    for (StoredResult r : results) {
      if (r.at() != null) resultTimes.computeIfAbsent(r.trialId(), k -> new java.util.TreeSet<>()).add(r.at());
    }
    for (StoredEvent ev : store.events(e.id())) {
      if (ev.trialId() == null || ev.to() == null) continue;
      try {
        TrialStatus to = TrialStatus.valueOf(ev.to());
        if (ev.reason() != null && ev.reason().startsWith(TrialSnapshot.DRIVER_RESTARTED)) {
          diedAt(s.timeline(), ev.trialId(), resultTimes.get(ev.trialId()), ev.at());
        }
        s.timeline().add(ev.trialId(), ev.at(), to);
        s.table().noteTransition(ev.trialId(), to, ev.reason());
      } catch (IllegalArgumentException ignored) {
        // an experiment-level event, not a trial status
      }
    }
    // after the events: a trial's row reads why it ended from its last status change
    java.util.List<TrialSnapshot> rows = caughtUp(trials, results, s.spec());
    boolean orphaned = e.claimsAnOwner() && e.homeDir() != null
        && org.tunebench.store.OwnerLock.liveOwner(Path.of(e.homeDir())).isEmpty();
    if (orphaned) {
      rows = asInterrupted(s, rows);
      for (TrialSnapshot t : trials) {
        if (t.status() == TrialStatus.RUNNING) diedAt(s.timeline(), t.id(), resultTimes.get(t.id()), null);
      }
    }
    s.table().apply(rows);
    // best-so-far is over wall time, so replay results in the order they arrived, not trial by trial
    results.sort(java.util.Comparator.comparing(StoredResult::at, java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())));
    // PBT exploits replayed among the results by time, so each is marked at the trial's first result after it
    java.util.List<org.tunebench.store.StoredExploit> exploits = new java.util.ArrayList<>(store.exploits(e.id()));
    exploits.sort(java.util.Comparator.comparing(org.tunebench.store.StoredExploit::at,
        java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())));
    int next = 0;
    for (StoredResult r : results) {
      while (next < exploits.size() && r.at() != null && exploits.get(next).at() != null && !exploits.get(next).at().isAfter(r.at())) {
        s.curves().mark(exploits.get(next).trialId(), "exploit", exploits.get(next).donorId());
        next++;
      }
      s.curves().add(r.trialId(), r.metrics(), r.at());
    }
    for (; next < exploits.size(); next++) s.curves().mark(exploits.get(next).trialId(), "exploit", exploits.get(next).donorId());
    // its process died: nothing runs, though only an owner could have written that down; a resume pauses its
    // running trials just so
    s.setStatus(orphaned ? "INTERRUPTED" : e.status());
    s.setStartedAt(e.createdAt());
    s.setEndedAt(e.updatedAt());
    return s;
  }

  /**
   * A trial RUNNING when its process died ran until about its last result, not until the resume: the store has
   * no record of the death, so the timeline ends the RUNNING span at the trial's last result (before
   * {@code before}, if given) and shows it PAUSED from there, as the workbench shows such trials.
   */
  static void diedAt(TimelineModel timeline, String trialId, java.util.NavigableSet<Instant> results, Instant before) {
    java.util.List<TimelineModel.Segment> segs = timeline.rows().get(trialId);
    if (segs == null || segs.isEmpty() || results == null) return;
    TimelineModel.Segment last = segs.get(segs.size() - 1);
    if (last.status() != TrialStatus.RUNNING) return;
    Instant lastResult = before == null ? results.last() : results.lower(before);
    if (lastResult != null && lastResult.toEpochMilli() > last.startMs()) timeline.add(trialId, lastResult, TrialStatus.PAUSED);
  }

  static final String ORPHANED = "interrupted: the process that ran it ended without closing it; Resume continues it";

  /** The RUNNING trials of an experiment whose process died, shown as what they are: paused until a resume. */
  private static java.util.List<TrialSnapshot> asInterrupted(ExperimentSession s, java.util.List<TrialSnapshot> rows) {
    java.util.List<TrialSnapshot> out = new java.util.ArrayList<>();
    for (TrialSnapshot t : rows) {
      if (t.status() != TrialStatus.RUNNING) {
        out.add(t);
        continue;
      }
      s.table().noteTransition(t.id(), TrialStatus.PAUSED, ORPHANED);
      out.add(new TrialSnapshot(t.id(), t.seq(), TrialStatus.PAUSED, t.config(), t.iteration(), t.lastResult(), t.best(),
          t.retries(), t.error(), t.errorStack(), t.dir(), t.parentId(), t.createdAt(), t.timeTotalS(),
          t.latestCheckpoint(), ORPHANED, null, t.attempts()));
    }
    return out;
  }

  /** An unfinished trial's row may lag its results (written up to a second later; a killed driver): they win. */
  private static java.util.List<TrialSnapshot> caughtUp(java.util.List<TrialSnapshot> trials, java.util.List<StoredResult> results,
      ExperimentSpec spec) {
    java.util.Map<String, java.util.List<StoredResult>> byTrial = new java.util.HashMap<>();
    for (StoredResult r : results) byTrial.computeIfAbsent(r.trialId(), k -> new java.util.ArrayList<>()).add(r);
    return trials.stream().map(t -> t.status().isFinished() ? t : org.tunebench.app.ExperimentLauncher.withLastKept(t,
        byTrial.getOrDefault(t.id(), java.util.List.of()), spec.metric(), spec.mode())).toList();
  }
}
