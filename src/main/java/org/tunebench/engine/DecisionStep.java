package org.tunebench.engine;

import java.util.Map;
import org.tunebench.engine.schedule.Decision;
import org.tunebench.engine.schedule.TrialScheduler;
import org.tunebench.engine.stop.Stopper;
import org.tunebench.model.ExperimentSpec;

/**
 * What happens to a trial after one durable result: the user's or driver's own intent first, then the
 * trial's own {@code done}, the stoppers (first, as in Ray), then the scheduler. Sets the reason the trial
 * will end or pause with, so users see which of them decided.
 */
final class DecisionStep {
  private final ExperimentSpec spec;
  private final TrialScheduler scheduler;
  private final Stopper stopper;

  DecisionStep(ExperimentSpec spec, TrialScheduler scheduler, Stopper stopper) {
    this.spec = spec;
    this.scheduler = scheduler;
    this.stopper = stopper;
  }

  Decision decide(Trial t, Map<String, Object> result) {
    if (t.intent == Trial.Intent.STOP) return Decision.STOP;
    if (t.intent == Trial.Intent.PAUSE) return Decision.PAUSE;
    boolean done = Boolean.TRUE.equals(result.get("done"));
    if (t.stopAtIteration != null) {
      if (!done && t.iteration < t.stopAtIteration) return Decision.CONTINUE;
      t.intentReason = done ? "completed: reported done" : "completed: reached iteration " + t.stopAtIteration + " (" + t.stopAtWhy + ")";
      return Decision.STOP;
    }
    if (done || stopper.stopTrial(t.id, result)) {
      t.intentReason = done ? "completed: reported done" : "completed: stop condition met at iteration " + t.iteration;
      scheduler.onTrialComplete(t, result);
      return Decision.STOP;
    }
    t.exploitRefused = false;
    Decision d = scheduler.onTrialResult(t, result);
    if (d == Decision.PAUSE && t.exploitRefused) {
      // the pause was only to swap in the donor's state, which does not exist yet: train on instead
      d = Decision.CONTINUE;
    }
    String by = spec.scheduler().type() + " scheduler";
    if (d == Decision.STOP) {
      String completed = scheduler.completedBy(t, result);
      t.intentReason = completed != null ? completed : "stopped early by " + by + " at iteration " + t.iteration;
      scheduler.onTrialComplete(t, result);
    } else if (d == Decision.PAUSE) {
      t.pausedByScheduler = true;
      t.intentReason = "paused by " + by + " at iteration " + t.iteration;
    }
    return d;
  }

  /**
   * On resume, for a trial that was RUNNING: why its last stored result already ended it (the killed driver
   * stored the result but never answered it), or null when it should run on. Without this, the trial restarted
   * from the checkpoint of that iteration and trained one iteration past its stop condition (torture
   * driver-kill).
   */
  String endedOnResume(Trial t) {
    Map<String, Object> last = t.lastResult;
    if (last == null) return null;
    if (Boolean.TRUE.equals(last.get("done"))) return "completed: reported done";
    if (t.stopAtIteration != null) {
      return t.iteration >= t.stopAtIteration ? "completed: reached iteration " + t.stopAtIteration + " (" + t.stopAtWhy + ")" : null;
    }
    return stopMet(t) ? "completed: stop condition met at iteration " + t.iteration : null;
  }

  /** Whether the experiment's stoppers are met by the trial's newest result. */
  boolean stopMet(Trial t) {
    return t.lastResult != null && stopper.alreadyMet(t.id, t.lastResult);
  }

  /** The trial has ended for good: stoppers drop what they kept about it. */
  void forget(String trialId) {
    stopper.forget(trialId);
  }

  /** True when a stopper ends the whole experiment (experiment plateau, time budget). */
  boolean stopAll() {
    return stopper.stopAll();
  }
}
