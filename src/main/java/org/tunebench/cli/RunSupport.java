package org.tunebench.cli;

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

  static int runToEnd(RunningExperiment exp, List<TrialSnapshot> earlier, PrintWriter out, PrintWriter err) {
    Duration every = Duration.ofMillis(Long.getLong("tunebench.progress.ms", 5000));
    Thread hook = new Thread(() -> {
      exp.controller().shutdown();
      exp.journal().flush();
    }, "tunebench-interrupt");
    Runtime.getRuntime().addShutdownHook(hook);
    List<TrialSnapshot> trials;
    String status;
    var spec = exp.spec();
    err.println("Running " + spec.name() + ": " + spec.search().type() + " search, " + spec.scheduler().type()
        + " scheduler, metric " + spec.metric() + " (" + spec.mode().json() + "), "
        + (spec.maxConcurrentTrials() == 0 ? "as many trials at a time as resources allow"
            : "up to " + spec.maxConcurrentTrials() + " trials at a time")
        + "; progress every " + every.toSeconds() + " s");
    err.flush();
    try (ProgressReporter progress = new ProgressReporter(exp.spec(), err, every)) {
      progress.seed(earlier);
      exp.controller().addListener(progress);
      status = exp.run();
      trials = exp.controller().snapshots().join();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException alreadyShuttingDown) {
        // the hook is running; nothing to undo
      }
      exp.close();
    }
    out.print(TrialTable.render(trials, exp.spec().metric()));
    long errored = trials.stream().filter(t -> t.status() == TrialStatus.ERRORED).count();
    new ProgressReporter(exp.spec(), err, Duration.ofDays(1)).best(trials).ifPresentOrElse(
        b -> out.println("Best trial " + b.id() + ": " + exp.spec().metric() + "=" + TrialTable.format(b.best())
            + " config " + render(b.config())),
        () -> out.println("No trial reported " + exp.spec().metric() + "."));
    out.println(summary(exp.spec().name(), String.valueOf(status), trials.size(), errored));
    out.flush();
    err.flush();
    boolean allTerminated = trials.stream().allMatch(t -> t.status() == TrialStatus.TERMINATED);
    return allTerminated ? TunebenchMain.OK : TunebenchMain.ERRORED_TRIALS;
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
