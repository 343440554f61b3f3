package org.tunebench.ui.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.tunebench.engine.EngineListener;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.model.TrialStatus;

/**
 * The one adapter between the driver thread and the UI. Driver callbacks only enqueue (they must return
 * quickly); the FX side calls {@link #drain()} once per pulse and gets one coalesced {@link EngineBatch}.
 * Toolkit-free so it is unit-tested without JavaFX.
 */
public final class EngineEventBatcher implements EngineListener {
  private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
  // The newest not yet drained snapshot per trial. Only the newest is ever shown, so a trial's snapshots are
  // coalesced here as they arrive instead of queued one per result: while the UI is behind (a 1,000-trial
  // stream), the queue held a snapshot per result, hundreds of thousands of objects that every young GC had
  // to copy (pauses of ~100 ms on the FX thread).
  private final ConcurrentHashMap<String, TrialSnapshot> pending = new ConcurrentHashMap<>();

  /** Queued when a trial gets a pending snapshot; drain takes whatever is newest by then. */
  private record Snapshot(String id) {}

  private void snapshot(TrialSnapshot trial) {
    if (pending.put(trial.id(), trial) == null) queue.add(new Snapshot(trial.id()));
  }

  private record Experiment(String status, String reason, Instant at) {}

  @Override public void trialAdded(TrialSnapshot trial) {
    snapshot(trial);
  }

  @Override public void statusChanged(TrialSnapshot trial, TrialStatus from, String reason) {
    snapshot(trial);
    queue.add(new EngineBatch.StatusEvent(trial.id(), Instant.now(), from, trial.status(), reason, trial.error()));
  }

  @Override public void trialUpdated(TrialSnapshot trial) {
    snapshot(trial);
  }

  @Override public void result(TrialSnapshot trial, Map<String, Object> result) {
    snapshot(trial);
    queue.add(new EngineBatch.ResultEvent(trial.id(), result, Instant.now()));
  }

  @Override public void experimentStatus(String status, String reason) {
    // TRIAL_ERRORED is a notice about one trial (its ERRORED status change is queued too), not a status of
    // the experiment: letting it through would hide a real status that arrives in the same frame
    if (status != null && status.startsWith("TRIAL_")) return;
    queue.add(new Experiment(status, reason, Instant.now()));
  }

  @Override public void exploit(String trialId, String donorId, Map<String, Object> newConfig) {
    queue.add(new EngineBatch.ExploitEvent(trialId, donorId, newConfig));
  }

  /** Takes everything queued so far; never blocks. {@code maxEvents} bounds one frame's work. */
  public EngineBatch drain(int maxEvents) {
    Map<String, TrialSnapshot> latest = new LinkedHashMap<>();
    List<EngineBatch.ResultEvent> results = new ArrayList<>();
    List<EngineBatch.StatusEvent> changes = new ArrayList<>();
    List<EngineBatch.ExploitEvent> exploits = new ArrayList<>();
    String status = null;
    String reason = null;
    Instant at = null;
    int n = 0;
    Object e;
    while (n < maxEvents && (e = queue.poll()) != null) {
      n++;
      if (e instanceof Snapshot s) {
        // removed before the trial's next snapshot is put: that one queues a new marker, nothing is lost
        TrialSnapshot t = pending.remove(s.id());
        if (t != null) latest.put(s.id(), t);
      }
      else if (e instanceof EngineBatch.ResultEvent r) results.add(r);
      else if (e instanceof EngineBatch.StatusEvent c) changes.add(c);
      else if (e instanceof EngineBatch.ExploitEvent x) exploits.add(x);
      else if (e instanceof Experiment x) {
        status = x.status();
        reason = x.reason();
        at = x.at();
      }
    }
    return new EngineBatch(latest, results, changes, exploits, status, reason, at, n);
  }

  public EngineBatch drain() {
    return drain(Integer.MAX_VALUE);
  }

  public boolean hasPending() {
    return !queue.isEmpty();
  }
}
