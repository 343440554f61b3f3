package org.tunebench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;
import org.tunebench.model.TrialStatus;
import org.tunebench.ui.chart.DoubleList;
import org.tunebench.ui.session.ExperimentSession;
import org.tunebench.ui.session.TrialRow;

/** Steering real worker processes by clicking: pause, resume from the checkpoint, stop, fork, pause/resume all, extend, restart. */
@ExtendWith(ApplicationExtension.class)
class SteeringIT {
  MainWindow window;
  ExperimentTab tab;

  @Start void start(Stage stage) throws Exception {
    Path dir = Files.createTempDirectory("tb-ui-it");
    window = new MainWindow(stage, new MainViewModel(dir.resolve("db.mv.db")), UiFixtures.prefs());
    tab = window.openSpec(UiFixtures.longRosenbrock(dir, "steer", 2));
    tabForDebug = tab;
    stage.show();
  }

  /** What the trials look like when a wait times out, so a failure says where it stood. */
  static String debugState() {
    try {
      return "; trials: " + tabForDebug.session().running().controller().snapshots().get(5, TimeUnit.SECONDS).stream()
          .map(t -> t.id() + " " + t.status() + " it=" + t.iteration() + " why=" + t.endReason() + "/" + t.waitingFor())
          .toList();
    } catch (Exception ex) {
      return "; (no state: " + ex + ")";
    }
  }

  static ExperimentTab tabForDebug;

  /**
   * Commands' enabled states follow the trials in the pulse in which their status changes: a button is enabled
   * as soon as the state that allows it shows, as a user clicking at once would find it.
   */
  static void clickWhenEnabled(FxRobot robot, String id) throws Exception {
    WaitForAsyncUtils.waitForFxEvents();
    assertTrue(!robot.lookup(id).query().isDisabled(), id + " is enabled as soon as the trials allow it" + debugState());
    robot.clickOn(id);
  }

  @Stop void stop() {
    window.close();
  }

  /** No tab's frame threw during the test (a throw is caught and logged so the window stays usable). */
  @org.junit.jupiter.api.AfterEach void noFrameFailed() {
    if (window.frameFailures() > 0) {
      throw new AssertionError(window.frameFailures() + " frame(s) threw; the first:", window.firstFrameFailure());
    }
  }

  static void await(String what, int seconds, BooleanSupplier cond) throws Exception {
    try {
      WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> {
        WaitForAsyncUtils.waitForFxEvents();
        return cond.getAsBoolean();
      });
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("not within " + seconds + " s: " + what + debugState(), e);
    }
    assertTrue(cond.getAsBoolean(), what);
  }

  TrialRow row(String id) {
    ExperimentSession s = tab.session();
    return s == null ? null : s.table().row(id);
  }

  void select(FxRobot robot, String id) {
    robot.interact(() -> {
      @SuppressWarnings("unchecked") TableView<TrialRow> t = robot.lookup("#trial-table").queryAs(TableView.class);
      t.getSelectionModel().select(row(id));
      t.requestFocus();
    });
  }

  void contextMenu(FxRobot robot, String id, String item) {
    javafx.scene.Node rowNode = robot.lookup(".table-row-cell")
        .match((javafx.scene.control.TableRow<TrialRow> r) -> r.getItem() != null && r.getItem().id().equals(id)).query();
    robot.rightClickOn(rowNode);
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(id, robot.lookup("#trial-table").queryAs(TableView.class).getSelectionModel().getSelectedItem() instanceof TrialRow r ? r.id() : null);
    // Monocle's headless glass turns a secondary press into a selection but not always into a
    // CONTEXT_MENU_REQUESTED event; open the table's own menu at the row then, and click its item
    robot.interact(() -> {
      var menu = robot.lookup("#trial-table").queryAs(TableView.class).getContextMenu();
      if (!menu.isShowing()) menu.show(rowNode, javafx.geometry.Side.BOTTOM, 20, 0);
    });
    javafx.scene.Node entry = robot.lookup(".context-menu .label")
        .match((javafx.scene.control.Label l) -> item.equals(l.getText())).query();
    robot.clickOn(entry);
  }

  @Test void pauseResumeStopAndForkByClicking(FxRobot robot) throws Exception {
    robot.clickOn("#setup-start");
    await("trial 00000 runs", 60, () -> row("00000") != null && row("00000").status() == TrialStatus.RUNNING
        && row("00000").iterationProperty().get() >= 4);

    // pause by the context menu
    contextMenu(robot, "00000", "Pause trial");
    await("trial 00000 is PAUSED", 30, () -> row("00000").status() == TrialStatus.PAUSED);
    int pausedAt = row("00000").iterationProperty().get();
    assertNotNull(row("00000").snapshot().latestCheckpoint(), "pause checkpoints");

    // resume by the shortcut (Trial > Resume), pressed as soon as the pause shows
    select(robot, "00000");
    robot.press(KeyCode.CONTROL).press(KeyCode.U).release(KeyCode.U).release(KeyCode.CONTROL);
    await("trial 00000 continues past " + pausedAt, 60, () -> row("00000").status() == TrialStatus.RUNNING
        && row("00000").iterationProperty().get() >= pausedAt + 2);
    DoubleList iters = tab.session().curves().curve("00000").iteration;
    for (int i = 1; i < iters.size(); i++) {
      assertTrue(iters.get(i) > 1, "resumed from the checkpoint, not from iteration 1: " + iters.get(i) + " at " + i);
    }

    // stop the other trial
    contextMenu(robot, "00001", "Stop trial");
    await("trial 00001 is TERMINATED", 30, () -> row("00001").status() == TrialStatus.TERMINATED);

    // fork 00000 with a new learning rate
    contextMenu(robot, "00000", "Fork trial…");
    // select the whole field: a double click selects one "word" of 0.0123680536…, and backspaces from there
    // left the digits after the caret in place
    robot.clickOn("#cfg-lr").press(KeyCode.CONTROL).press(KeyCode.A).release(KeyCode.A).release(KeyCode.CONTROL).write("0.0123");
    robot.clickOn("OK");
    await("the fork exists", 30, () -> row("00002") != null);
    assertEquals("00000", row("00002").snapshot().parentId());
    assertEquals(0.0123, ((Number) row("00002").config().get("lr")).doubleValue(), 1e-12);
    await("the fork runs", 60, () -> row("00002").status() == TrialStatus.RUNNING && row("00002").iterationProperty().get() > 0);
  }

  int iteration(String id) {
    return row(id).iterationProperty().get();
  }

  /**
   * The iteration of the checkpoint the driver will continue from (the snapshot's latest). The journal
   * writes asynchronously, so this waits until the store has that checkpoint's row.
   */
  int latestCheckpointIteration(String id) throws Exception {
    var store = window.viewModel().store();
    long exp = store.find(tab.session().name()).orElseThrow().id();
    String path = row(id).snapshot().latestCheckpoint();
    assertNotNull(path, "a stopped trial has a checkpoint");
    await("the store has checkpoint " + path, 30, () -> store.checkpoints(exp).stream().anyMatch(c -> path.equals(c.path())));
    return store.checkpoints(exp).stream().filter(c -> path.equals(c.path())).findFirst().orElseThrow().iteration();
  }

  @Test void pauseAllResumeAllExtendAndRestartAnErroredTrial(FxRobot robot) throws Exception {
    robot.clickOn("#setup-start");
    await("both trials run", 60, () -> row("00001") != null && row("00000").status() == TrialStatus.RUNNING
        && row("00001").status() == TrialStatus.RUNNING && iteration("00000") >= 3 && iteration("00001") >= 3);

    // pause all, resume all (the dashboard buttons)
    clickWhenEnabled(robot, "#run-pause-all");
    await("all PAUSED", 30, () -> row("00000").status() == TrialStatus.PAUSED && row("00001").status() == TrialStatus.PAUSED);
    int p0 = iteration("00000");
    int p1 = iteration("00001");
    assertTrue(tab.session().timeline().rows().get("00000").stream().anyMatch(x -> x.status() == TrialStatus.PAUSED));
    clickWhenEnabled(robot, "#run-resume-all");
    await("all continue", 60, () -> row("00000").status() == TrialStatus.RUNNING && row("00001").status() == TrialStatus.RUNNING
        && iteration("00000") >= p0 + 2 && iteration("00001") >= p1 + 2);

    // stop both, then extend 00000 by 5 from its last checkpoint
    contextMenu(robot, "00001", "Stop trial");
    contextMenu(robot, "00000", "Stop trial");
    await("both TERMINATED", 30, () -> row("00000").status() == TrialStatus.TERMINATED && row("00001").status() == TrialStatus.TERMINATED);
    int ckpt = latestCheckpointIteration("00000");
    int resultsBefore = tab.session().curves().curve("00000").size();
    contextMenu(robot, "00000", "Extend trial…");
    robot.interact(() -> robot.lookup(".dialog-pane .text-field").queryAs(TextField.class).setText("5"));
    robot.clickOn("OK");
    await("00000 reaches iteration " + (ckpt + 5) + " and terminates", 120, () -> row("00000").status() == TrialStatus.TERMINATED
        && iteration("00000") == ckpt + 5);
    DoubleList iters = tab.session().curves().curve("00000").iteration;
    // it trained on from the checkpoint: the iterations after it that the stop had reached were trained again,
    // and the live curve, as the store, keeps each iteration once (the pause and resume above did the same)
    assertTrue(resultsBefore >= ckpt, resultsBefore + " results before, checkpoint at " + ckpt);
    assertEquals(ckpt + 5, iters.size(), "each iteration once");
    for (int i = 0; i < iters.size(); i++) assertEquals(i + 1, iters.get(i), 1e-9, "iteration at " + i);

    // a hand-picked trial whose lr the trainable rejects: it errors, a notification says so; restart it
    clickWhenEnabled(robot, "#run-add-trial");
    robot.clickOn("#cfg-lr").press(KeyCode.CONTROL).press(KeyCode.A).release(KeyCode.A).release(KeyCode.CONTROL).write("-1");
    robot.clickOn("OK");
    await("the bad trial is ERRORED", 90, () -> row("00002") != null && row("00002").status() == TrialStatus.ERRORED);
    assertTrue(row("00002").snapshot().error().contains("lr"), row("00002").snapshot().error());
    await("a ControlsFX notification tells the user", 10, () -> robot.lookup(".notification-bar").tryQuery().isPresent());
    int segmentsBefore = tab.session().timeline().rows().get("00002").size();
    contextMenu(robot, "00002", "Restart trial");
    await("the restarted trial ran again and errored again", 90, () -> {
      var segs = tab.session().timeline().rows().get("00002");
      return segs.size() > segmentsBefore + 1 && row("00002").status() == TrialStatus.ERRORED;
    });
    var segs = tab.session().timeline().rows().get("00002");
    assertEquals(TrialStatus.ERRORED, segs.get(segmentsBefore - 1).status(), "it was ERRORED before the restart");
  }

  @Test void stopAndQuitAskFirstWhileTrialsRunAndTheClockStopsAtTheEnd(FxRobot robot) throws Exception {
    robot.clickOn("#setup-start");
    await("both trials run", 60, () -> row("00001") != null && row("00000").status() == TrialStatus.RUNNING
        && row("00001").status() == TrialStatus.RUNNING && iteration("00000") >= 2);

    // Stop experiment asks; Cancel keeps everything running
    clickWhenEnabled(robot, "#run-stop-all");
    await("a confirmation", 10, () -> robot.lookup("#confirm-dialog").tryQuery().isPresent());
    robot.clickOn("Cancel");
    await("the dialog closes", 10, () -> robot.lookup("#confirm-dialog").tryQuery().isEmpty());
    assertEquals(TrialStatus.RUNNING, row("00000").status());

    // Quit asks too; Cancel keeps the window
    robot.press(KeyCode.CONTROL).press(KeyCode.Q).release(KeyCode.Q).release(KeyCode.CONTROL);
    await("a confirmation", 10, () -> robot.lookup("#confirm-dialog").tryQuery().isPresent());
    robot.clickOn("Cancel");
    await("the dialog closes", 10, () -> robot.lookup("#confirm-dialog").tryQuery().isEmpty());
    assertTrue(window.stage().isShowing());

    // now stop for real: every trial ends STOPPED by the user, the clock stops, a notification names the best
    clickWhenEnabled(robot, "#run-stop-all");
    await("a confirmation", 10, () -> robot.lookup("#confirm-dialog").tryQuery().isPresent());
    // the dialog's button: the dashboard and the toolbar have a "Stop experiment" button too
    robot.clickOn(robot.from(robot.lookup("#confirm-dialog").queryAll())
        .lookup((javafx.scene.control.Button b) -> "Stop experiment".equals(b.getText())).queryButton());
    await("the experiment ends", 60, () -> org.tunebench.ui.session.ExperimentClock.isFinal(tab.session().statusProperty().get()));
    await("every trial TERMINATED", 30, () -> row("00000").status() == TrialStatus.TERMINATED && row("00001").status() == TrialStatus.TERMINATED);
    java.time.Instant now = java.time.Instant.now();
    assertEquals(StatusText.elapsed(tab.session(), now), StatusText.elapsed(tab.session(), now.plusSeconds(60)), "the clock stopped");
    await("a notification says it finished", 10, () -> robot.lookup(".notification-bar").tryQuery().isPresent());
  }
}
