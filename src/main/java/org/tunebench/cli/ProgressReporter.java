package org.tunebench.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.tunebench.engine.EngineListener;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.model.ExperimentSpec;
import org.tunebench.model.TrialStatus;

/** Live progress on stderr: a compact table every few seconds and errors as they happen (Ray's CLIReporter). */
final class ProgressReporter implements EngineListener, AutoCloseable {
  private final ExperimentSpec spec;
  private final PrintWriter err;
  private final Map<String, TrialSnapshot> trials = new ConcurrentSkipListMap<>();
  private final Instant started = Instant.now();
  private final ScheduledExecutorService timer;
  private volatile boolean changed = true;

  ProgressReporter(ExperimentSpec spec, PrintWriter err, Duration every) {
    this.spec = spec;
    this.err = err;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tunebench-progress");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleAtFixedRate(this::print, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  void seed(List<TrialSnapshot> existing) {
    existing.forEach(t -> trials.put(t.id(), t));
  }

  private final Map<String, String> failures = new java.util.concurrent.ConcurrentHashMap<>();

  @Override public void trialAdded(TrialSnapshot trial) {
    trials.put(trial.id(), trial);
    changed = true;
  }

  @Override public void statusChanged(TrialSnapshot trial, TrialStatus from, String reason) {
    trials.put(trial.id(), trial);
    changed = true;
    if (reason != null && reason.endsWith(TrialSnapshot.CHECKPOINT_GONE)) {
      // it starts over, or from an older checkpoint: hours of training may be lost, which the user must see
      synchronized (err) {
        err.println("Trial " + trial.id() + " " + trial.status() + ": " + reason);
        err.flush();
      }
    }
    if (trial.status() == TrialStatus.ERRORED) {
      failures.put(trial.id(), reason); // said now if it is retried, at trialErrored if it ends so
    } else if (trial.status() == TrialStatus.PENDING && from == TrialStatus.ERRORED) {
      // a failed attempt that is retried is not the trial's end: "ERRORED" here read as if it were
      synchronized (err) {
        err.println("Trial " + trial.id() + " failed: " + failures.remove(trial.id()) + "; " + reason);
        err.flush();
      }
    }
  }

  @Override public void trialErrored(TrialSnapshot trial, String message) {
    failures.remove(trial.id());
    synchronized (err) {
      err.println("Trial " + trial.id() + " ERRORED: " + message);
      err.flush();
    }
  }

  @Override public void trialUpdated(TrialSnapshot trial) {
    trials.put(trial.id(), trial);
    changed = true;
  }

  @Override public void result(TrialSnapshot trial, Map<String, Object> result) {
    trials.put(trial.id(), trial);
    changed = true;
  }

  private void print() {
    if (!changed) return;
    changed = false;
    List<TrialSnapshot> all = new ArrayList<>(trials.values());
    Map<TrialStatus, Integer> counts = new EnumMap<>(TrialStatus.class);
    for (TrialSnapshot t : all) counts.merge(t.status(), 1, Integer::sum);
    StringBuilder b = new StringBuilder();
    Duration d = Duration.between(started, Instant.now());
    b.append("== Status == ").append(spec.name()).append("  running for ")
        .append(String.format("%02d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart()))
        .append("  trials ").append(all.size()).append(' ').append(counts).append('\n');
    best(all).ifPresent(t -> b.append("Best so far: trial ").append(t.id()).append(' ').append(spec.metric())
        .append('=').append(TrialTable.format(t.best())).append('\n'));
    b.append(waiting(all));
    b.append(TrialTable.render(tail(all), spec.metric()));
    synchronized (err) {
      err.print(b);
      err.flush();
    }
  }

  /**
   * Why trials wait, one line per reason ("Waiting (2): resources: 1 CPU (0 of 2 free)"), the most common first, at
   * most three: a cluster run without agents, or trials held back by maxConcurrentTrials, say so here.
   */
  static String waiting(List<TrialSnapshot> all) {
    Map<String, Integer> reasons = new java.util.LinkedHashMap<>();
    for (TrialSnapshot t : all) {
      boolean waits = t.status() == TrialStatus.PENDING || t.status() == TrialStatus.RUNNING;
      if (waits && t.waitingFor() != null && !t.waitingFor().isBlank()) reasons.merge(t.waitingFor(), 1, Integer::sum);
    }
    StringBuilder b = new StringBuilder();
    reasons.entrySet().stream().sorted((x, y) -> Integer.compare(y.getValue(), x.getValue())).limit(3)
        .forEach(e -> b.append("Waiting (").append(e.getValue()).append("): ").append(e.getKey()).append('\n'));
    return b.toString();
  }

  /** Long experiments: running trials first, then the latest few, like Ray's max_progress_rows. */
  private static List<TrialSnapshot> tail(List<TrialSnapshot> all) {
    if (all.size() <= 20) return all;
    List<TrialSnapshot> out = new ArrayList<>();
    for (TrialSnapshot t : all) if (t.status() == TrialStatus.RUNNING) out.add(t);
    for (int i = all.size() - 1; i >= 0 && out.size() < 20; i--) if (!out.contains(all.get(i))) out.add(all.get(i));
    out.sort((a, b) -> Integer.compare(a.seq(), b.seq()));
    return out;
  }

  java.util.Optional<TrialSnapshot> best(List<TrialSnapshot> all) {
    TrialSnapshot best = null;
    for (TrialSnapshot t : all) {
      if (t.best() == null) continue;
      if (best == null || spec.mode().better(t.best(), best.best())) best = t;
    }
    return java.util.Optional.ofNullable(best);
  }

  @Override public void close() {
    timer.shutdownNow();
  }
}
