package org.tunebench.cli;

import org.tunebench.app.Objectives;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.tunebench.app.RunningExperiment;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.model.TrialStatus;

/** What run and resume share: live progress, the final table, the exit code. */
final class RunSupport {
  private RunSupport() {}

  /** {@code signals}: installed by the command when it started, so a signal during the set-up is not lost. */
  static int runToEnd(RunningExperiment exp, List<TrialSnapshot> earlier, PrintWriter out, PrintWriter err,
      SignalExit signals, ClusterOption cluster) {
    Duration every = Duration.ofMillis(Long.getLong("tunebench.progress.ms", 5000));
    // Ctrl-C / SIGTERM: live trials and the experiment are recorded INTERRUPTED before the JVM exits (130/143);
    // the signal's exit waits for this command to end (SignalExit), so the database is open while that is written.
    // Posted, not awaited: a signal during the set-up runs this on the main thread, before the loop runs.
    signals.onSignal(() -> exp.controller().interrupt("interrupted by a signal (Ctrl-C or SIGTERM)"));
    Thread hook = new Thread(() -> exp.controller().interrupt("the JVM is shutting down"), "tunebench-interrupt");
    Runtime.getRuntime().addShutdownHook(hook);
    List<TrialSnapshot> trials;
    String status;
    var spec = exp.spec();
    err.println("Running " + spec.name() + ": " + spec.search().type() + " search, " + spec.scheduler().type()
        + " scheduler, " + Objectives.describe(spec.objectives()) + ", "
        + (spec.maxConcurrentTrials() == 0 ? "as many trials at a time as resources allow"
            : "up to " + spec.maxConcurrentTrials() + " trials at a time")
        + "; progress every " + every.toSeconds() + " s");
    err.flush();
    try (ProgressReporter progress = new ProgressReporter(exp.spec(), err, every)) {
      progress.seed(earlier);
      exp.controller().addListener(progress);
      status = exp.run();
      var lost = exp.controller().storeFailure();
      if (lost.isPresent()) {
        throw new StoreLostException(lost.get());
      }
      trials = exp.controller().snapshots().join();
    } finally {
      signals.onSignal(null);
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException alreadyShuttingDown) {
        // the hook is running; nothing to undo
      }
      exp.close();
    }
    List<String> metrics = exp.spec().objectives().stream().map(o -> o.metric()).toList();
    java.util.Set<Integer> front = Objectives.front(exp.spec().objectives(), trials);
    out.print(TrialTable.render(trials, metrics, front));
    long errored = trials.stream().filter(t -> t.status() == TrialStatus.ERRORED).count();
    if (front != null) {
      out.println("Pareto front (" + front.size() + " of " + trials.size() + " trials): " + front.stream().sorted()
          .map(i -> trials.get(i).id()).collect(java.util.stream.Collectors.joining(", ")));
    } else new ProgressReporter(exp.spec(), err, Duration.ofDays(1)).best(trials).ifPresentOrElse(
        b -> out.println("Best trial " + b.id() + ": " + exp.spec().metric() + "=" + TrialTable.format(b.best())
            + " config " + render(b.config())),
        () -> out.println("No trial reported " + exp.spec().metric() + "."));
    out.println(summary(exp.spec().name(), String.valueOf(status), trials.size(), errored));
    if ("INTERRUPTED".equals(status)) {
      err.println("Interrupted" + (signals.signalled() ? " by a signal" : "") + "; its results and checkpoints are kept."
          + " Continue it with: " + Launcher.command() + " resume " + InitCommand.shellWord(exp.spec().name())
          + cluster.again());
    }
    out.flush();
    err.flush();
    boolean allTerminated = trials.stream().allMatch(t -> t.status() == TrialStatus.TERMINATED);
    return signals.exitCode(allTerminated ? TunebenchMain.OK : TunebenchMain.ERRORED_TRIALS);
  }

  /** The history could not be written: an internal fault (exit 3) with the cause on one line. */
  static final class StoreLostException extends RuntimeException {
    StoreLostException(Throwable cause) {
      super("experiment history cannot be written: " + firstLine(cause), cause);
    }

    private static String firstLine(Throwable e) {
      String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      int nl = m.indexOf('\n');
      return nl < 0 ? m : m.substring(0, nl);
    }
  }

  /** The last line of a run; "COMPLETED" would mislead when not one trial got through. */
  static String summary(String name, String status, int trials, long errored) {
    if (trials > 0 && errored == trials && "COMPLETED".equals(status)) {
      return "Experiment " + name + " finished: " + errored + " of " + trials + " trials errored.";
    }
    return "Experiment " + name + " " + status + ": " + trials + " trials, " + errored + " errored.";
  }

  private static String render(Map<String, Object> config) {
    return ShowCommand.toJson(config).toString();
  }
}
