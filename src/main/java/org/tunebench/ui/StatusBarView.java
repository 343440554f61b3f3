package org.tunebench.ui;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.tunebench.engine.ResourcePool;
import org.tunebench.model.TrialStatus;
import org.tunebench.ui.format.Numbers;
import org.tunebench.ui.session.ExperimentSession;

/**
 * The status bar: the selected tab's experiment (progress, running trials, elapsed, ETA), how many experiments
 * run in all tabs, the CPUs in use (the agents' for a cluster experiment), and the last problem.
 */
final class StatusBarView extends HBox {
  private final Label progress = new Label();
  private final Label running = new Label();
  private final Label cpu = new Label();
  private final Label elapsed = new Label();
  private final Label eta = new Label();
  private final Label allRunning = new Label();
  private final Label message = new Label();

  StatusBarView(String dbFile) {
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    Label db = new Label("db: " + homeAbbreviated(dbFile));
    db.setTooltip(new javafx.scene.control.Tooltip(dbFile));
    db.getStyleClass().add("muted");
    db.setMinWidth(0);
    message.getStyleClass().add("error-text");
    message.setMinWidth(0);
    progress.setId("sb-progress");
    running.setId("sb-running");
    elapsed.setId("sb-elapsed");
    eta.setId("sb-eta");
    allRunning.setId("sb-all-running");
    cpu.setId("sb-cpu");
    message.setId("sb-message");
    for (Label l : List.of(progress, running, cpu, elapsed, eta, allRunning)) l.setMinWidth(Region.USE_PREF_SIZE);
    getChildren().addAll(progress, running, elapsed, eta, allRunning, cpu, message, spacer, db);
    getStyleClass().add("status-bar");
  }

  /** Refreshes every label (a couple of times a second): the selected tab's session and all open ones. */
  /**
   * @param selected the selected tab's session, empty when that tab is not an experiment or not started
   * @param experimentTab whether the selected tab is an experiment's (History and Compare tabs are not)
   */
  void update(Optional<ExperimentSession> selected, boolean experimentTab, List<ExperimentSession> all, ResourcePool pool, Instant now) {
    cpu.setText(cpuText(selected, pool));
    long runningExperiments = all.stream().filter(s -> s != null && s.clockRunning()).count();
    allRunning.setText(runningExperiments == 0 ? "" : runningExperiments + (runningExperiments == 1 ? " experiment" : " experiments") + " running in all tabs");
    if (selected.isEmpty()) {
      // "not started" only names an experiment tab before Start; History or Compare have nothing to start
      progress.setText(experimentTab ? "this tab: not started" : runningExperiments == 0 ? "no experiment running" : "");
      running.setText("");
      elapsed.setText("");
      eta.setText("");
      return;
    }
    ExperimentSession x = selected.get();
    progress.setText(x.name() + ": " + StatusText.progress(x));
    running.setText(x.table().count(TrialStatus.RUNNING) + " running, " + x.table().count(TrialStatus.PAUSED) + " paused");
    elapsed.setText(StatusText.elapsed(x, now));
    eta.setText(StatusText.eta(x, now));
  }

  /**
   * This machine's CPUs in use; for a selected experiment whose trials run on cluster agents, what its pool holds
   * there instead (the agents' room for its trials), since none of its trials use this machine's CPUs.
   */
  static String cpuText(Optional<ExperimentSession> selected, ResourcePool local) {
    ResourcePool agents = selected.map(ExperimentSession::running).filter(r -> r.controller().pool().isElastic())
        .map(r -> r.controller().pool()).orElse(null);
    if (agents == null) return "CPU " + Numbers.format(local.usedCpus()) + "/" + Numbers.format(local.cpus());
    return "CPU on agents " + Numbers.format(agents.usedCpus()) + "/" + Numbers.format(agents.cpus());
  }

  /** "~/.tunebench/tunebench.mv.db": the part a user knows by heart goes, the rest is in the tooltip. */
  static String homeAbbreviated(String path) {
    String home = System.getProperty("user.home");
    if (path == null || home == null || home.isEmpty() || home.equals("/")) return path;
    return path.startsWith(home + java.io.File.separator) ? "~" + path.substring(home.length()) : path;
  }

  void problem(String text) {
    message.setText(text == null ? "" : text);
  }

  String problem() {
    return message.getText();
  }
}
