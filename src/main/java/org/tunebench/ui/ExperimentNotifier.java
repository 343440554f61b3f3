package org.tunebench.ui;

import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.util.Duration;
import javafx.stage.Window;
import org.controlsfx.control.Notifications;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.ui.format.Numbers;
import org.tunebench.ui.session.ExperimentClock;
import org.tunebench.ui.session.ExperimentSession;
import org.tunebench.ui.session.TrialRow;

/**
 * Desktop-style notifications for one live session: a trial errored, the experiment finished (with its best
 * result). Falls back to the status bar when notifications cannot be shown.
 */
final class ExperimentNotifier {
  private final Window owner;
  private final Consumer<String> fallback;
  private final ErrorBurst burst = new ErrorBurst();
  private final PauseTransition gather = new PauseTransition(Duration.millis(700));

  ExperimentNotifier(Window owner, Consumer<String> fallback) {
    this.owner = owner;
    this.fallback = fallback;
    gather.setOnFinished(e -> tellErrors());
  }

  void watch(ExperimentSession s) {
    s.onTrialError(this::trialErrored);
    s.statusProperty().addListener((o, was, now) -> {
      if (s.isLive() && ExperimentClock.isFinal(now) && !ExperimentClock.isFinal(was)) finished(s, now);
    });
  }

  /** "rosenbrock-asha completed · best loss 1.94e-14 (trial 00003)"; with several objectives, the Pareto front. */
  static String finishedText(ExperimentSession s, String status) {
    if (s.spec().multiObjective()) return s.name() + " " + status.toLowerCase(java.util.Locale.ROOT) + frontText(s);
    TrialRow best = null;
    for (TrialRow r : s.table().rows()) {
      Double b = r.bestProperty().get();
      if (b == null || Double.isNaN(b)) continue;
      if (best == null || s.spec().mode().better(b, best.bestProperty().get())) best = r;
    }
    String word = status.toLowerCase(java.util.Locale.ROOT);
    String head = s.name() + " " + word;
    return best == null ? head + " · no results"
        : head + " · best " + s.spec().metric() + " " + Numbers.format(best.bestProperty().get()) + " (trial " + best.id() + ")";
  }

  /**
   * Several objectives have no single best: " · Pareto front: 3 of 20 trials (00002, 00007, 00011)", by the
   * trials' last results as {@code show} marks them; at most five ids are named.
   */
  static String frontText(ExperimentSession s) {
    java.util.List<org.tunebench.app.analysis.ParetoTable.Trial> ts = new java.util.ArrayList<>();
    for (TrialRow r : s.table().rows()) {
      ts.add(new org.tunebench.app.analysis.ParetoTable.Trial(r.id(), r.config(), r.lastResultProperty().get()));
    }
    var p = org.tunebench.app.analysis.ParetoTable.of(s.spec().objectives(), ts);
    if (p.size() == 0) return " · no results";
    java.util.List<String> ids = p.frontIds();
    String named = String.join(", ", ids.subList(0, Math.min(5, ids.size()))) + (ids.size() > 5 ? ", …" : "");
    return " · Pareto front: " + ids.size() + " of " + p.size() + " trials (" + named + ")";
  }

  private void finished(ExperimentSession s, String status) {
    String text = finishedText(s, status);
    try {
      Notifications n = Notifications.create().owner(owner).title("Experiment " + status.toLowerCase(java.util.Locale.ROOT)).text(text);
      if ("COMPLETED".equals(status)) n.showInformation();
      else n.showWarning();
    } catch (RuntimeException e) {
      fallback.accept(text);
    }
  }

  private void trialErrored(TrialSnapshot s) {
    if (s == null) return;
    // errors within a moment of each other become one notification
    if (burst.add(s)) gather.playFromStart();
  }

  private void tellErrors() {
    ErrorBurst.Told told = burst.drain();
    if (told == null) return;
    try {
      Notifications.create().owner(owner).title(told.title()).text(told.text()).showError();
    } catch (RuntimeException e) {
      fallback.accept(told.title() + ": " + told.text());
    }
  }
}
