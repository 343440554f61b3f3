package org.tunebench.engine;

import org.tunebench.engine.schedule.Decision;
import org.tunebench.model.ExperimentSpec;

/**
 * Turns a decision about a trial's result into the worker's reply, and arms what the reply starts: the step
 * timeout of a step that goes on, the grace of a pause or stop. A class-API worker is told where to save a
 * checkpoint when one is due; a function-API worker saves its own.
 */
final class ReplyPlanner {
  private final ExperimentSpec spec;
  private final CheckpointManager checkpoints;
  private final TrialTimers timers;
  private final DriverOptions options;

  ReplyPlanner(ExperimentSpec spec, CheckpointManager checkpoints, TrialTimers timers, DriverOptions options) {
    this.spec = spec;
    this.checkpoints = checkpoints;
    this.timers = timers;
    this.options = options;
  }

  private static boolean isClassApi(Trial t) {
    return "class".equals(t.kind);
  }

  /** The reply to {@code t}'s result; null when its worker is already gone. */
  WorkerReply reply(Trial t, Decision d) {
    if (t.worker == null) return null;
    boolean wantsCheckpoint = t.checkpointRequested;
    t.checkpointRequested = false;
    if (t.exploit != null && d != Decision.STOP) return exploitReply(t);
    WorkerReply reply;
    switch (d) {
      case CONTINUE -> {
        int f = spec.checkpoint().frequency();
        boolean save = isClassApi(t) && ((f > 0 && t.iteration % f == 0) || wantsCheckpoint);
        reply = new WorkerReply.Continue(save ? checkpoints.dirFor(t) : null);
        timers.armStepTimeout(t);
      }
      case PAUSE -> {
        t.intent = Trial.Intent.PAUSE;
        t.stopSent = true;
        reply = new WorkerReply.Stop(isClassApi(t) ? checkpoints.dirFor(t) : null);
        timers.armDeadline(t, options.pauseGrace());
      }
      default -> {
        t.intent = Trial.Intent.STOP;
        t.stopSent = true;
        boolean save = isClassApi(t) && (spec.checkpoint().atEnd() || t.stopAtIteration != null);
        reply = new WorkerReply.Stop(save ? checkpoints.dirFor(t) : null);
        timers.armDeadline(t, options.stopGrace());
      }
    }
    return reply;
  }

  private WorkerReply exploitReply(Trial t) {
    Trial.Exploit e = t.exploit;
    if (isClassApi(t)) {
      timers.armStepTimeout(t);
      return new WorkerReply.Reset(e.newConfig(), e.donorCheckpoint().path());
    }
    t.intent = Trial.Intent.PAUSE;
    t.stopSent = true;
    return new WorkerReply.Stop(null);
  }
}
