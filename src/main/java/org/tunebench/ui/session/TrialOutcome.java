package org.tunebench.ui.session;

import java.util.Locale;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.model.TrialStatus;
import org.tunebench.ui.format.Plural;

/**
 * How a trial stands for a reader: the status, plus for a finished trial whether it ran its course or was cut
 * short, and one sentence saying why it ended or what it waits for. Toolkit-free.
 */
public final class TrialOutcome {
  private TrialOutcome() {}

  /** A status change with the driver's reason for it ("stopped by user", "stopped by asha scheduler"). */
  public record Transition(TrialStatus to, String reason) {}

  /**
   * True for a TERMINATED trial that did not run its course: stopped by a scheduler, the user, an experiment
   * budget or a step timeout. Reports of "done", a met stop condition ({@code stop: {training_iteration: N}} is
   * how a spec sets a trial's length) and a trainable that returned are completions.
   */
  public static boolean stoppedEarly(TrialStatus status, String endReason) {
    if (status != TrialStatus.TERMINATED || endReason == null || endReason.isBlank()) return false;
    String r = endReason.toLowerCase(Locale.ROOT);
    if (r.startsWith("reported done") || r.startsWith("stop condition met") || r.startsWith("trainable ")
        || r.startsWith("completed") || r.startsWith("finished")) {
      return r.contains("did not return") || r.contains("timeout") || r.contains("timed out");
    }
    return true;
  }

  /** The pill's text: the status, or STOPPED for a trial cut short. */
  public static String label(TrialStatus status, String endReason) {
    if (status == null) return "";
    if (stoppedEarly(status, endReason)) return "STOPPED";
    return status == TrialStatus.TERMINATED ? "DONE" : status.name();
  }

  /** Why the trial ended or what it waits for, for the reason column; empty when there is nothing to say. */
  public static String reason(TrialSnapshot s) {
    return reason(s, s == null ? null : s.endReason());
  }

  /** As above with the end reason given (the snapshot's, or the reason of the status change to the end). */
  public static String reason(TrialSnapshot s, String endReason) {
    if (s == null || s.status() == null) return "";
    return switch (s.status()) {
      case PENDING -> s.waitingFor() == null ? "" : "waiting for " + s.waitingFor();
      // handed to a cluster executor that has no agent with room yet
      case RUNNING -> s.waitingFor() == null ? "" : "waiting for " + s.waitingFor();
      // why it paused (its user, its scheduler, the workbench closing, its process dying) and so what resumes it
      case PAUSED, TERMINATED -> endReason == null ? "" : endReason;
      case ERRORED -> s.error() != null ? firstLine(s.error()) : endReason != null ? endReason : "error";
      default -> "";
    };
  }

  /** The status pill's tooltip: status in words, the reason, and retried attempts. */
  public static String tooltip(TrialSnapshot s) {
    return tooltip(s, s == null ? null : s.endReason());
  }

  public static String tooltip(TrialSnapshot s, String endReason) {
    if (s == null || s.status() == null) return "";
    StringBuilder b = new StringBuilder(switch (s.status()) {
      case PENDING -> "Pending";
      case RUNNING -> "Running";
      case PAUSED -> "Paused";
      case TERMINATED -> stoppedEarly(s.status(), endReason) ? "Stopped early" : "Completed";
      case ERRORED -> "Errored";
    });
    String why = reason(s, endReason);
    if (!why.isEmpty()) b.append(": ").append(why);
    else if (s.status() == TrialStatus.PENDING) b.append(": waiting to be scheduled");
    if (!s.attempts().isEmpty()) b.append("\n").append(Plural.count(s.attempts().size(), "earlier attempt")).append(" failed: ")
        .append(firstLine(s.attempts().get(s.attempts().size() - 1)));
    return b.toString();
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
