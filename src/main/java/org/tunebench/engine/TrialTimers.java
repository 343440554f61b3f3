package org.tunebench.engine;

import java.time.Duration;
import java.util.function.BiConsumer;
import org.tunebench.model.TrialStatus;

/**
 * The two clocks on a running trial, as loop events: a pause's or stop's grace (a worker that has not ended by then
 * is killed and the trial ends as asked) and {@code stepTimeoutS} (a step, or the time between two reports, longer
 * than that errors the trial). Each arm bumps the trial's token, so only the newest timer of an attempt fires.
 */
final class TrialTimers {
  private final EventLoop loop;
  private final DriverOptions options;
  private final Double stepTimeoutS;
  private final BiConsumer<Trial, String> graceOver;
  private final BiConsumer<Trial, String> stepTimedOut;

  /**
   * {@code graceOver}: the worker outlived its grace (the text says so, to append to the end reason);
   * {@code stepTimedOut}: no result within {@code stepTimeoutS} (the text is the error).
   */
  TrialTimers(EventLoop loop, DriverOptions options, Double stepTimeoutS, BiConsumer<Trial, String> graceOver,
      BiConsumer<Trial, String> stepTimedOut) {
    this.loop = loop;
    this.options = options;
    this.stepTimeoutS = stepTimeoutS;
    this.graceOver = graceOver;
    this.stepTimedOut = stepTimedOut;
  }

  /** Both clocks off: the trial ended, or left RUNNING. */
  static void disarm(Trial t) {
    t.deadlineToken++;
    t.stepToken++;
  }

  /** The grace of the trial's pause or stop, whichever it was asked. */
  void armGrace(Trial t) {
    armDeadline(t, t.intent == Trial.Intent.PAUSE ? options.pauseGrace() : options.stopGrace());
  }

  /** If the worker has not finished by then, {@code graceOver} ends it. */
  void armDeadline(Trial t, Duration grace) {
    long token = ++t.deadlineToken;
    long attempt = t.attempt;
    loop.after(grace, () -> {
      if (t.attempt != attempt || t.deadlineToken != token || t.status != TrialStatus.RUNNING) return;
      graceOver.accept(t, " (worker killed: its step did not return within " + grace.toSeconds() + " s)");
    });
  }

  /**
   * {@code stepTimeoutS}: a step (class API) or the time between two reports (function API) longer than this
   * kills the worker and errors the trial, retried under {@code failure.maxRetries} like any failure.
   */
  void armStepTimeout(Trial t) {
    Double limit = stepTimeoutS;
    if (limit == null) return;
    long token = ++t.stepToken;
    long attempt = t.attempt;
    loop.after(Duration.ofMillis((long) (limit * 1000)), () -> {
      if (t.attempt != attempt || t.stepToken != token || t.status != TrialStatus.RUNNING || t.awaitingReply
          || t.intent != Trial.Intent.NONE) {
        return;
      }
      stepTimedOut.accept(t, "no result for " + seconds(limit) + " s (stepTimeoutS)");
    });
  }

  /**
   * A cluster agent is zipping and sending a checkpoint: a pause's or stop's grace and the step timer wait until it
   * has arrived (a 1 GB model may travel for minutes), so a slow network never cuts a pause short and loses its
   * checkpoint. A transfer that fails or stalls ends the worker on the agent, and that exit comes as any other.
   */
  void holdWhileTravelling(Trial t) {
    t.checkpointTravelling = true;
    disarm(t);
  }

  /** The checkpoint arrived: the worker's own time runs again, a full grace or step from now. */
  void rearmAfterTransfer(Trial t) {
    t.checkpointTravelling = false;
    if (t.intent == Trial.Intent.NONE) armStepTimeout(t);
    else armGrace(t);
  }

  static String seconds(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
