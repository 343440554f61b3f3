package org.tunebench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.model.SpecReader;
import org.tunebench.model.TrialStatus;
import org.tunebench.ui.run.RunDashboardView;
import org.tunebench.ui.command.ActionFactory;
import org.tunebench.ui.command.CommandSet;
import org.tunebench.ui.session.ExperimentSession;

/**
 * What the run dashboard shows as the driver reports: configs replaced by PBT exploits, why trials ended or
 * wait, the stopped-early pill, and a clock that stops at the end. Events enter through the session's real
 * batcher, exactly as the driver's listener calls arrive.
 */
@ExtendWith(ApplicationExtension.class)
class LiveStateFxTest {
  ExperimentSession session;
  RunDashboardView view;

  @Start void start(Stage stage) {
    session = new ExperimentSession("mlp-pbt", SpecReader.read(UiFixtures.projectDir().resolve("sample-projects/pbt-mlp/pbt-mlp.json")));
    view = new RunDashboardView(session, new ActionFactory(new CommandSet()), r -> {}, UiFixtures.prefs());
    stage.setScene(new Scene(view, 1400, 700));
    stage.show();
  }

  static TrialSnapshot snap(String id, TrialStatus s, int iter, Map<String, Object> config, String endReason, String waitingFor) {
    return new TrialSnapshot(id, Integer.parseInt(id), s, config, iter, Map.of("accuracy", 0.5), 0.5, 0, null, null,
        null, null, Instant.now(), iter, null, endReason, waitingFor, List.of());
  }

  private void pump(FxRobot robot) {
    robot.interact(() -> {
      while (session.pump()) { /* drain everything queued */ }
      view.frame();
    });
    WaitForAsyncUtils.waitForFxEvents();
  }

  private String cell(FxRobot robot, String trialId, String column) {
    int row = -1;
    for (int i = 0; i < view.table().getItems().size(); i++) if (view.table().getItems().get(i).id().equals(trialId)) row = i;
    var col = view.table().getColumns().stream().filter(c -> c.getText().equals(column)).findFirst().orElseThrow();
    int r = row;
    return robot.lookup(".table-cell").queryAllAs(TableCell.class).stream()
        .filter(c -> c.getTableColumn() == col && c.getIndex() == r)
        .map(c -> c.getGraphic() instanceof Label l ? l.getText() : c.getText())
        .findFirst().orElse(null);
  }

  @Test void aPbtExploitReplacesTheConfigInTheTableAndSaysSo(FxRobot robot) {
    var b = session.batcher();
    b.trialAdded(snap("00001", TrialStatus.RUNNING, 10, Map.of("lr", 0.069, "momentum", 0.8), null, null));
    b.trialAdded(snap("00003", TrialStatus.RUNNING, 10, Map.of("lr", 0.0031, "momentum", 0.99), null, null));
    pump(robot);
    assertEquals("0.069", cell(robot, "00001", "lr"));
    Map<String, Object> newConfig = Map.of("lr", 0.0037241, "momentum", 0.99);
    b.exploit("00001", "00003", newConfig);
    pump(robot);
    assertEquals("0.003724", cell(robot, "00001", "lr"), "the table follows the exploit at once");
    assertEquals("0.99", cell(robot, "00001", "momentum"));
    assertEquals("exploited 00003 at 10", cell(robot, "00001", "config change"));
    // the driver's next snapshot carries the same config: the marker stays
    b.result(snap("00001", TrialStatus.RUNNING, 11, newConfig, null, null), Map.of("accuracy", 0.6));
    pump(robot);
    assertEquals("exploited 00003 at 10", cell(robot, "00001", "config change"));
    assertEquals("0.003724", cell(robot, "00001", "lr"));
  }

  @Test void copyGivesFullPrecisionWhereTheCellShowsFourDigits(FxRobot robot) {
    session.batcher().trialAdded(snap("00001", TrialStatus.RUNNING, 10, Map.of("lr", 0.0038857123, "momentum", 0.9), null, null));
    pump(robot);
    assertEquals("0.003886", cell(robot, "00001", "lr"));
    String[] lines = view.table().copyText(view.table().getItems().get(0)).split("\n");
    List<String> head = List.of(lines[0].split("\t"));
    List<String> values = List.of(lines[1].split("\t"));
    assertEquals("0.0038857123", values.get(head.indexOf("lr")));
    assertEquals("00001", values.get(head.indexOf("id")));
  }

  @Test void endReasonsWaitingAndStoppedEarlyAreVisible(FxRobot robot) {
    var b = session.batcher();
    Map<String, Object> c = Map.of("lr", 0.01, "momentum", 0.9);
    b.trialAdded(snap("00001", TrialStatus.TERMINATED, 40, c, "stop condition met", null));
    b.trialAdded(snap("00002", TrialStatus.TERMINATED, 5, c, "stopped by asha scheduler at rung 1", null));
    b.trialAdded(snap("00004", TrialStatus.PENDING, 0, c, null, "a CPU (0.25 wanted, 0 free)"));
    pump(robot);
    assertEquals("DONE", cell(robot, "00001", "status"));
    assertEquals("STOPPED", cell(robot, "00002", "status"), "cut short reads differently from completed");
    assertEquals("stopped by asha scheduler at rung 1", cell(robot, "00002", "reason"));
    assertEquals("waiting for a CPU (0.25 wanted, 0 free)", cell(robot, "00004", "reason"));
    Label pill = robot.lookup(".status-stopped").queryAs(Label.class);
    assertTrue(pill.getStyleClass().contains("status-badge"));
  }

  @Test void theStatusChangeReasonStandsInWhileTheSnapshotHasNoEndReason(FxRobot robot) {
    var b = session.batcher();
    Map<String, Object> c = Map.of("lr", 0.01, "momentum", 0.9);
    b.trialAdded(snap("00001", TrialStatus.RUNNING, 3, c, null, null));
    pump(robot);
    b.statusChanged(snap("00001", TrialStatus.TERMINATED, 3, c, null, null), TrialStatus.RUNNING, "stopped by user");
    pump(robot);
    assertEquals("STOPPED", cell(robot, "00001", "status"));
    assertEquals("stopped by user", cell(robot, "00001", "reason"));
  }

  @Test void theClockStopsWhenTheExperimentEnds(FxRobot robot) throws Exception {
    Instant start = Instant.now().minusSeconds(11);
    session.setStartedAt(start);
    session.batcher().experimentStatus("RUNNING", null);
    pump(robot);
    session.batcher().experimentStatus("COMPLETED", "all trials finished");
    // a trial error notice in the same frame must not hide the experiment's real status
    session.batcher().experimentStatus("TRIAL_ERRORED", "trial 00002: boom");
    pump(robot);
    assertEquals("COMPLETED", session.statusProperty().get());
    String at = StatusText.elapsed(session, Instant.now());
    String later = StatusText.elapsed(session, Instant.now().plusSeconds(41));
    assertEquals(at, later, "elapsed does not grow after the end");
    assertEquals("elapsed 0:11", at);
    assertEquals("", StatusText.eta(session, Instant.now()), "no ETA for a finished experiment");
    assertFalse(session.clockRunning(), "the timeline's now stops too");
  }
}
