package org.tunebench.ui.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.tunebench.app.RunningExperiment;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.model.ExperimentSpec;
import org.tunebench.model.TrialStatus;
import org.tunebench.ui.events.EngineBatch;
import org.tunebench.ui.events.EngineEventBatcher;
import org.tunebench.ui.events.FrameBudget;

/**
 * One open experiment in the workbench: live (with a driver to steer) or read-only from the store.
 * Holds the table, curve and timeline models that the views draw; fed batch by batch on the FX thread.
 */
public final class ExperimentSession {
  private final String name;
  private final ExperimentSpec spec;
  private final TrialTableViewModel table;
  private final CurveStore curves;
  private final TimelineModel timeline = new TimelineModel();
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("NEW");
  private final EngineEventBatcher batcher = new EngineEventBatcher();
  private final List<Consumer<TrialSnapshot>> errorListeners = new ArrayList<>();
  private RunningExperiment running;
  private Instant startedAt;
  private Instant endedAt;
  /** Results this session received since its driver was attached: the pace of this run, not of earlier ones. */
  private long resultsSinceStart;
  private String statusReason;

  public ExperimentSession(String name, ExperimentSpec spec) {
    this.name = name;
    this.spec = spec;
    this.table = new TrialTableViewModel(spec.objectives().stream().map(ExperimentSpec.Objective::metric).toList());
    java.util.Set<String> constants = new java.util.HashSet<>();
    spec.space().domains().forEach((k, d) -> { if (d.isConstant()) constants.add(k); });
    table.setConstantKeys(constants);
    this.curves = new CurveStore(spec.metric(), spec.mode());
  }

  /** Wires a live driver: its events reach this session through the batcher. */
  private final javafx.beans.property.ObjectProperty<java.util.Set<String>> brushed =
      new javafx.beans.property.SimpleObjectProperty<>();

  public void attach(RunningExperiment r) {
    this.running = r;
    this.startedAt = Instant.now();
    this.endedAt = null;
    this.resultsSinceStart = 0;
    runsAgain();
    r.controller().addListener(batcher);
  }

  /**
   * A driver now runs it. An experiment stored RUNNING whose process died opened as INTERRUPTED, and its resumed
   * driver sends no status change (the store already says RUNNING): without this the header kept saying
   * INTERRUPTED while its trials ran.
   */
  void runsAgain() {
    status.set("RUNNING"); // only an unfinished experiment is started or resumed (History refuses a finished one)
  }

  public void apply(EngineBatch b) {
    for (EngineBatch.StatusEvent c : b.statusChanges()) table.noteTransition(c.trialId(), c.to(), c.reason());
    table.apply(b.latest().values());
    // after the snapshots: a snapshot taken before the exploit must not put the old config back
    for (EngineBatch.ExploitEvent x : b.exploits()) {
      table.exploited(x.trialId(), x.donorId(), x.newConfig());
      curves.mark(x.trialId(), "exploit", x.donorId());
    }
    for (TrialSnapshot s : b.latest().values()) timeline.touch(s.id(), s.createdAt() == null ? Instant.now() : s.createdAt(), TrialStatus.PENDING);
    for (EngineBatch.ResultEvent r : b.results()) curves.add(r.trialId(), r.result(), r.at());
    resultsSinceStart += b.results().size();
    for (EngineBatch.StatusEvent c : b.statusChanges()) {
      timeline.add(c.trialId(), c.at(), c.to());
      if (c.to() == TrialStatus.ERRORED) {
        TrialSnapshot s = b.latest().get(c.trialId());
        for (Consumer<TrialSnapshot> l : errorListeners) l.accept(s);
      }
    }
    if (b.experimentStatus() != null && !b.experimentStatus().startsWith("TRIAL_")) {
      statusReason = b.experimentReason();
      Instant at = b.experimentStatusAt() == null ? Instant.now() : b.experimentStatusAt();
      endedAt = ExperimentClock.isFinal(b.experimentStatus()) ? at : null;
      status.set(b.experimentStatus());
    }
  }

  /** Drains and applies queued events in chunks until the frame's budget is spent; true if any. */
  public boolean pump() {
    long end = System.nanoTime() + FrameBudget.APPLY_NANOS;
    boolean any = false;
    do {
      EngineBatch b = batcher.drain(FrameBudget.CHUNK_EVENTS);
      if (b.isEmpty()) break;
      apply(b);
      any = true;
    } while (System.nanoTime() < end);
    return any;
  }

  public void onTrialError(Consumer<TrialSnapshot> l) { errorListeners.add(l); }
  public String name() { return name; }
  public ExperimentSpec spec() { return spec; }
  public TrialTableViewModel table() { return table; }
  public CurveStore curves() { return curves; }
  /** The trials inside the Analysis view's parallel-coordinates brushes; null when nothing is brushed. */
  public javafx.beans.property.ObjectProperty<java.util.Set<String>> brushedProperty() { return brushed; }
  public TimelineModel timeline() { return timeline; }
  public EngineEventBatcher batcher() { return batcher; }
  public RunningExperiment running() { return running; }
  public boolean isLive() { return running != null; }
  public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
  public void setStatus(String s) { status.set(s); }
  public Instant startedAt() { return startedAt; }
  /** Results received since {@link #startedAt()}; a resumed run's earlier iterations are not in it. */
  public long resultsSinceStart() { return resultsSinceStart; }
  public void setStartedAt(Instant t) { startedAt = t; }
  public Instant endedAt() { return endedAt; }
  /** The driver's reason for the last experiment status (e.g. "all trials finished"); null if none. */
  public String statusReason() { return statusReason; }
  /** True while time passes for this experiment: live and not ended (the elapsed clock and timeline's "now"). */
  public boolean clockRunning() { return isLive() && startedAt != null && endedAt == null; }
  public void setEndedAt(Instant t) { endedAt = t; }

  /** Stops the driver's workers and releases the journal (window closing, tab closed). */
  public void close() {
    if (running != null) {
      try {
        running.controller().shutdown();
        running.controller().finished().orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).exceptionally(e -> null).join();
      } finally {
        running.close();
        running = null;
      }
    }
  }
}
