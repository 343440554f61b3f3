package org.tunebench.engine;

import static org.tunebench.engine.CheckpointManager.fromWhere;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.tunebench.engine.schedule.TrialScheduler;
import org.tunebench.model.ExperimentStatus;
import org.tunebench.model.TrialStatus;

/**
 * What a user asks of a live experiment (the workbench, the CLI, steering from another process), each request
 * checked and carried out on the driver's loop, in order with everything else it does. The moves that a
 * trial's flow shares with the scheduler (pause, stop, a new trial) stay with the driver.
 */
final class UserCommands implements ExperimentControl {
  /** The driver's own moves that a command starts. */
  interface Driver {
    void pause(Trial t, String reason);

    void stop(Trial t, String reason, boolean leaves);

    Trial addTrial(Map<String, Object> config, String parentId, String reason);

    void stopAll(String reason);

    /** Whether the experiment's stop condition holds for this trial's newest result. */
    boolean stopMet(Trial t);
  }

  private final EventLoop loop;
  private final TrialRegistry registry;
  private final TrialLifecycle lifecycle;
  private final ExperimentLifecycle experiment;
  private final CheckpointManager checkpoints;
  private final TrialScheduler scheduler;
  private final DriverFlags flags;
  private final Driver driver;
  private final org.tunebench.model.SearchSpace space;

  UserCommands(EventLoop loop, TrialRegistry registry, TrialLifecycle lifecycle, ExperimentLifecycle experiment,
      CheckpointManager checkpoints, TrialScheduler scheduler, DriverFlags flags, Driver driver,
      org.tunebench.model.SearchSpace space) {
    this.space = space;
    this.loop = loop;
    this.registry = registry;
    this.lifecycle = lifecycle;
    this.experiment = experiment;
    this.checkpoints = checkpoints;
    this.scheduler = scheduler;
    this.flags = flags;
    this.driver = driver;
  }

  @Override public CompletableFuture<List<TrialSnapshot>> snapshots() {
    return loop.ask(() -> registry.all().stream().map(Trial::snapshot).toList());
  }

  @Override public CompletableFuture<Void> pauseTrial(String id) {
    return loop.ask(() -> { driver.pause(registry.find(id), "paused by user"); return null; });
  }

  @Override public CompletableFuture<Void> resumeTrial(String id) {
    return loop.ask(() -> {
      Trial t = registry.find(id);
      if (t.status != TrialStatus.PAUSED) throw new IllegalStateException("trial " + id + " is " + t.status + ", not PAUSED");
      t.pausedByScheduler = false;
      t.resumedByUser = flags.paused;
      t.restore = checkpoints.restorePoint(t);
      userWantsToRun("trial " + id + " resumed by user");
      lifecycle.setStatus(t, TrialStatus.PENDING, "resumed by user" + fromWhere(t, t.restore));
      return null;
    });
  }

  @Override public CompletableFuture<Void> stopTrial(String id) {
    return loop.ask(() -> {
      Trial t = registry.find(id);
      if (t.status.isFinished()) throw new IllegalStateException("trial " + id + " is already " + t.status);
      driver.stop(t, "stopped by user", true);
      return null;
    });
  }

  @Override public CompletableFuture<Void> restartTrial(String id) {
    return loop.ask(() -> {
      Trial t = registry.find(id);
      if (!t.status.isFinished()) throw new IllegalStateException("trial " + id + " is " + t.status + "; only ERRORED or TERMINATED trials restart");
      t.retries = 0;
      if (t.error != null) t.attempts.add(t.error);
      t.error = null;
      t.errorStack = null;
      t.stopAtIteration = null;
      t.restore = checkpoints.restorePoint(t);
      userWantsToRun("trial " + id + " restarted by user");
      lifecycle.setStatus(t, TrialStatus.PENDING, "restarted by user" + fromWhere(t, t.restore));
      scheduler.onTrialAdd(t); // it left the scheduler when it ended; Ray's requeue adds it again
      flags.schedulerDirty = true;
      return null;
    });
  }

  @Override public CompletableFuture<Void> extendTrial(String id, int more) {
    return loop.ask(() -> {
      Trial t = registry.find(id);
      if (t.status != TrialStatus.TERMINATED) throw new IllegalStateException("trial " + id + " is " + t.status + "; only TERMINATED trials can be extended");
      if (more < 1) throw new IllegalArgumentException("extend by at least 1 iteration");
      CheckpointRef c = checkpoints.restorePoint(t);
      if (c == null) throw new IllegalStateException("trial " + id + " has no checkpoint to continue from (set checkpoint.atEnd)");
      t.restore = c;
      t.stopAtIteration = c.iteration() + more;
      t.stopAtWhy = "extended by user";
      userWantsToRun("trial " + id + " extended by user");
      lifecycle.setStatus(t, TrialStatus.PENDING, "extended by user to iteration " + t.stopAtIteration + fromWhere(t, c));
      scheduler.onTrialAdd(t);
      flags.schedulerDirty = true;
      return null;
    });
  }

  @Override public CompletableFuture<String> forkTrial(String id, Map<String, Object> changes, Integer more) {
    return loop.ask(() -> {
      Trial parent = registry.find(id);
      refuseIfMistyped(changes);
      if (more != null && more < 1) throw new IllegalArgumentException("a fork trains at least 1 iteration");
      CheckpointRef from = checkpoints.restorePoint(parent);
      if (more == null && from != null && from.iteration() == parent.iteration && driver.stopMet(parent)) {
        // its first result would meet the condition again: the fork would train one iteration and end
        throw new IllegalStateException("trial " + id + " already met the stop condition at iteration "
            + parent.iteration + "; a fork from there needs a number of further iterations");
      }
      Map<String, Object> config = ConfigMaps.merge(parent.config, changes);
      userWantsToRun("trial " + id + " forked by user");
      Trial t = driver.addTrial(config, parent.id, "forked from " + parent.id
          + (more == null ? "" : " for " + more + (more == 1 ? " iteration" : " iterations")));
      t.restore = from;
      if (more != null) {
        t.stopAtIteration = (from == null ? 0 : from.iteration()) + more;
        t.stopAtWhy = "the iterations given at its fork";
      }
      return t.id;
    });
  }

  @Override public CompletableFuture<String> addTrial(Map<String, Object> config) {
    return loop.ask(() -> {
      refuseIfMistyped(config);
      userWantsToRun("trial added by user");
      return driver.addTrial(ConfigMaps.copy(config), null, "added by user").id;
    });
  }

  @Override public CompletableFuture<Void> pauseAll() {
    return loop.ask(() -> {
      refuseIfFinished("pause");
      flags.paused = true;
      for (Trial t : registry.all()) if (t.status == TrialStatus.RUNNING) driver.pause(t, "experiment paused by user");
      experiment.moveTo(ExperimentStatus.PAUSED, "paused by user");
      return null;
    });
  }

  @Override public CompletableFuture<Void> resumeAll() {
    return loop.ask(() -> {
      refuseIfFinished("resume");
      flags.paused = false;
      userWantsToRun("resumed by user");
      for (Trial t : registry.all()) {
        if (t.status == TrialStatus.PENDING) lifecycle.waiting(t, null); // no longer for the experiment; schedule says what for
        if (t.status == TrialStatus.PAUSED) {
          t.pausedByScheduler = false;
          t.restore = checkpoints.restorePoint(t);
          lifecycle.setStatus(t, TrialStatus.PENDING, "experiment resumed" + fromWhere(t, t.restore));
        }
      }
      experiment.moveTo(ExperimentStatus.RUNNING, "resumed by user");
      return null;
    });
  }

  @Override public CompletableFuture<Void> stopAll() {
    return loop.ask(() -> {
      refuseIfFinished("stop");
      driver.stopAll("stopped by user");
      return null;
    });
  }

  @Override public CompletableFuture<Void> setMaxConcurrentTrials(int n) {
    return loop.ask(() -> {
      if (n < 0) throw new IllegalArgumentException("maxConcurrentTrials must be 0 (resources only) or more");
      flags.maxConcurrent = n;
      return null;
    });
  }

  /** A value typed by hand that its trainable could not read ("abc" for a learning rate) fails here, not in a worker. */
  private void refuseIfMistyped(Map<String, Object> config) {
    String p = space.configProblem(config);
    if (p != null) throw new IllegalArgumentException(p);
  }

  /**
   * A finished experiment stays finished: the workbench keeps its loop for a trial's restart, extend or fork,
   * which reopen it one trial at a time, but the whole of it is not paused, resumed or stopped again.
   */
  private void refuseIfFinished(String action) {
    ExperimentStatus s = experiment.status();
    if (s.isFinished()) throw new IllegalStateException("experiment is " + s + " (finished); nothing to " + action);
  }

  /** After a stop of the experiment, a user may still run single trials again (GUI). */
  private void userWantsToRun(String why) {
    flags.stopping = false;
    if (experiment.status().isFinished()) experiment.moveTo(ExperimentStatus.RUNNING, why);
  }
}
