package org.tunebench.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import org.tunebench.app.Steering;
import org.tunebench.store.ExperimentStore;
import org.tunebench.store.StoredCommand;
import picocli.CommandLine.Option;

/** What pause, stop and resume share when they steer a live owner in another process. */
final class SteerSupport {
  /** {@code --timeout S}: how long to wait for the owner's answer. */
  static final class TimeoutOption {
    @Option(names = "--timeout", paramLabel = "S", defaultValue = "15",
        description = "seconds to wait for the live owner's answer (default: ${DEFAULT-VALUE})")
    int seconds;

    Duration duration() {
      if (seconds < 1) throw new org.tunebench.app.BadInputException("--timeout " + seconds + ": at least 1 second");
      return Duration.ofSeconds(seconds);
    }
  }

  private SteerSupport() {}

  /** The exit code for an answered (or unanswered) command; prints the outcome. Null: no live owner. */
  static Integer steer(ExperimentStore store, String name, String action, List<String> trials, Duration timeout,
      PrintWriter out, PrintWriter err) {
    // a trial named twice is one trial: "Paused trials 00000, 00000" said otherwise
    Steering.Outcome o = new Steering(store, timeout).send(name, action, List.copyOf(new java.util.LinkedHashSet<>(trials)));
    if (o.owner() == null) return null;
    if (o.done()) {
      out.println(capitalized(o.message()) + " (in process " + o.owner() + ").");
      out.flush();
      return TunebenchMain.OK;
    }
    if (StoredCommand.REFUSED.equals(o.outcome())) {
      err.println("tunebench: " + action + " refused by process " + o.owner() + ": " + o.message());
      err.flush();
      return TunebenchMain.BAD_INPUT;
    }
    err.println("tunebench: " + action + " not delivered: " + o.message() + "; see: tunebench show " + name);
    err.flush();
    return TunebenchMain.INTERNAL;
  }

  /** Exit 2 for pause/stop of an experiment nobody runs (a finished one has nothing to continue). */
  static int noOwner(ExperimentStore store, String name, String action, PrintWriter err) {
    String status = store.find(name).map(e -> e.status()).orElse("unknown");
    boolean finished = org.tunebench.model.ExperimentStatus.parse(status).isFinished();
    err.println("tunebench: experiment " + name + " is not running in any process (status " + status + "); "
        + "nothing to " + action + (action.equals("stop") || finished ? "" : "; continue it with: tunebench resume " + name));
    err.flush();
    return TunebenchMain.BAD_INPUT;
  }

  private static String capitalized(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
