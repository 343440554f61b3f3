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

/** Steering real worker processes by clicking: pause, resume from the checkpoint, stop, fork. */
@ExtendWith(ApplicationExtension.class)
class SteeringIT {
  MainWindow window;
  ExperimentTab tab;

  @Start void start(Stage stage) throws Exception {
    Path dir = Files.createTempDirectory("tb-ui-it");
    window = new MainWindow(stage, new MainViewModel(dir.resolve("db.mv.db")), UiFixtures.prefs());
    tab = window.openSpec(UiFixtures.longRosenbrock(dir, "steer", 2));
    stage.show();
  }

  @Stop void stop() {
    window.close();
  }

  static void await(String what, int seconds, BooleanSupplier cond) throws Exception {
    WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> {
      WaitForAsyncUtils.waitForFxEvents();
      return cond.getAsBoolean();
    });
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
    robot.clickOn(item);
  }

  @Test void pauseResumeStopAndForkByClicking(FxRobot robot) throws Exception {
    robot.clickOn("#setup-start");
    await("trial 00000 runs", 60, () -> row("00000") != null && row("00000").status() == TrialStatus.RUNNING
        && row("00000").iterationProperty().get() >= 4);

    // pause by the context menu
    contextMenu(robot, "00000", "Pause");
    await("trial 00000 is PAUSED", 30, () -> row("00000").status() == TrialStatus.PAUSED);
    int pausedAt = row("00000").iterationProperty().get();
    assertNotNull(row("00000").snapshot().latestCheckpoint(), "pause checkpoints");

    // resume by the shortcut (Trial > Resume)
    select(robot, "00000");
    robot.press(KeyCode.CONTROL).press(KeyCode.U).release(KeyCode.U).release(KeyCode.CONTROL);
    await("trial 00000 continues past " + pausedAt, 60, () -> row("00000").status() == TrialStatus.RUNNING
        && row("00000").iterationProperty().get() >= pausedAt + 2);
    DoubleList iters = tab.session().curves().curve("00000").iteration;
    for (int i = 1; i < iters.size(); i++) {
      assertTrue(iters.get(i) > 1, "resumed from the checkpoint, not from iteration 1: " + iters.get(i) + " at " + i);
    }

    // stop the other trial
    contextMenu(robot, "00001", "Stop");
    await("trial 00001 is TERMINATED", 30, () -> row("00001").status() == TrialStatus.TERMINATED);

    // fork 00000 with a new learning rate
    contextMenu(robot, "00000", "Fork…");
    robot.doubleClickOn("#cfg-lr").eraseText(30).write("0.0123");
    robot.clickOn("OK");
    await("the fork exists", 30, () -> row("00002") != null);
    assertEquals("00000", row("00002").snapshot().parentId());
    assertEquals(0.0123, ((Number) row("00002").config().get("lr")).doubleValue(), 1e-12);
    await("the fork runs", 60, () -> row("00002").status() == TrialStatus.RUNNING && row("00002").iterationProperty().get() > 0);
  }
}
