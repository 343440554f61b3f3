package org.tunebench.ui.run;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.control.TextInputDialog;
import javafx.stage.Window;
import org.tunebench.engine.TuneController;
import org.tunebench.model.TrialStatus;
import org.tunebench.ui.session.ExperimentSession;
import org.tunebench.ui.session.TrialRow;

/**
 * Steering commands for one trial, shared by the context menu, the Trial menu, the toolbar and shortcuts.
 * Commands go to the driver's queue; a refusal (e.g. extending a RUNNING trial) comes back as a message.
 */
public final class TrialActions {
  private final ExperimentSession session;
  private final Consumer<String> problem;
  /** Whether the status bar shows a refusal of ours: the next command that succeeds takes it away. */
  private boolean refused;

  public TrialActions(ExperimentSession session, Consumer<String> problem) {
    this.session = session;
    this.problem = problem;
  }

  public boolean canPause(TrialRow r) { return live(r) && (r.status() == TrialStatus.RUNNING || r.status() == TrialStatus.PENDING); }
  public boolean canResume(TrialRow r) { return live(r) && r.status() == TrialStatus.PAUSED; }
  public boolean canStop(TrialRow r) { return live(r) && !r.status().isFinished(); }
  public boolean canRestart(TrialRow r) { return live(r) && r.status().isFinished(); }
  public boolean canExtend(TrialRow r) { return live(r) && r.status() == TrialStatus.TERMINATED; }
  public boolean canFork(TrialRow r) { return live(r); }

  private boolean live(TrialRow r) {
    return r != null && session.isLive();
  }

  private TuneController c() {
    return session.running().controller();
  }

  public void pause(TrialRow r) { if (canPause(r)) report(c().pauseTrial(r.id()), "pause " + r.id()); }
  public void resume(TrialRow r) { if (canResume(r)) report(c().resumeTrial(r.id()), "resume " + r.id()); }
  public void stop(TrialRow r) { if (canStop(r)) report(c().stopTrial(r.id()), "stop " + r.id()); }
  public void restart(TrialRow r) { if (canRestart(r)) report(c().restartTrial(r.id()), "restart " + r.id()); }

  public void extend(TrialRow r, Window owner) {
    if (!canExtend(r)) return;
    TextInputDialog d = new TextInputDialog("10");
    if (owner != null) d.initOwner(owner);
    d.setTitle("Extend trial");
    String reason = r.snapshot() == null ? null : r.snapshot().endReason();
    d.setHeaderText("Continue trial " + r.id() + " from its last checkpoint for N more iterations"
        + (reason != null && reason.startsWith("completed: trainable returned")
            ? "\nIts trainable returned on its own: with the same config it returns again at once. To train longer,"
                + " fork it with a config that does (e.g. more iterations)."
            : ""));
    d.setContentText("N:");
    Optional<String> n = d.showAndWait();
    n.ifPresent(t -> {
      try {
        report(c().extendTrial(r.id(), Integer.parseInt(t.trim())), "extend " + r.id());
      } catch (NumberFormatException e) {
        refuse("extend: '" + t + "' is not a whole number");
      }
    });
  }

  public void fork(TrialRow r, Window owner) {
    if (!canFork(r)) return;
    // a trial that completed (met the stop condition) would hand its fork one iteration: offer the extend's default;
    // one stopped early trains on until the stop condition, as a running one does
    String reason = r.snapshot() == null ? null : r.snapshot().endReason();
    String iterations = r.status() == TrialStatus.TERMINATED && reason != null && reason.startsWith("completed") ? "10" : "";
    ConfigDialog.fork(owner, "New trial from " + r.id() + "'s latest checkpoint; edit hyperparameters",
        session.table().configKeys(), r::configValue, iterations, this::configProblem)
        .ifPresent(f -> report(c().forkTrial(r.id(), f.changes(), f.iterations()), "fork " + r.id()));
  }

  /** A new trial with a hand-picked config (defaults: the selected trial's, else the first trial's). */
  public void addTrial(TrialRow template, Window owner) {
    if (!session.isLive()) return;
    TrialRow base = template != null ? template : session.table().rows().isEmpty() ? null : session.table().rows().get(0);
    ConfigDialog.show(owner, "Add trial", "A trial with a hand-picked config", session.table().configKeys(),
        k -> base == null ? null : base.configValue(k), false, this::configProblem)
        .ifPresent(cfg -> report(c().addTrial(cfg), "add trial"));
  }

  /** The driver's own check of a typed value (text for a number, a fraction for an integer), before the dialog closes. */
  private String configProblem(java.util.Map<String, Object> values) {
    return session.spec() == null ? null : session.spec().space().configProblem(values);
  }

  void report(CompletableFuture<?> f, String what) {
    f.whenComplete((v, e) -> {
      Throwable cause = e == null ? null : e.getCause() != null ? e.getCause() : e;
      Platform.runLater(() -> {
        if (cause != null) {
          refuse(what + ": " + cause.getMessage());
        } else if (refused) {
          refused = false;
          problem.accept(null);
        }
      });
    });
  }

  private void refuse(String message) {
    refused = true;
    problem.accept(message);
  }
}
