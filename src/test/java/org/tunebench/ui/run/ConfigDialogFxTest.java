package org.tunebench.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The fork dialog's iterations: prefilled for a completed trial, checked before OK, blank for "until the stop condition". */
@ExtendWith(ApplicationExtension.class)
class ConfigDialogFxTest {
  private Stage stage;

  @Start void start(Stage stage) {
    this.stage = stage;
    stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 300, 200));
    stage.show();
  }

  @Test void theForkDialogReturnsTheIterationsAndRefusesAWrongNumber(FxRobot robot) {
    AtomicReference<Optional<ConfigDialog.Fork>> out = new AtomicReference<>();
    Platform.runLater(() -> out.set(ConfigDialog.fork(stage, "fork", List.of("lr"), k -> 0.1, "10", ConfigDialog.NO_CHECK)));
    WaitForAsyncUtils.waitForFxEvents();
    TextField more = robot.lookup("#fork-iterations").queryAs(TextField.class);
    assertEquals("10", more.getText());
    robot.interact(() -> more.setText("1.5"));
    robot.clickOn("OK");
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(null, out.get(), "the dialog stays open");
    String error = robot.lookup(".error-text").queryAs(Label.class).getText();
    assertEquals("Iterations to train: '1.5' is not a whole number of at least 1 (blank: until the stop condition)", error);
    robot.interact(() -> {
      more.setText(" 3 ");
      robot.lookup("#cfg-lr").queryAs(TextField.class).setText("0.2");
    });
    robot.clickOn("OK");
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(new ConfigDialog.Fork(Map.of("lr", 0.2), 3), out.get().orElseThrow());
  }

  @Test void blankIterationsTrainUntilTheStopCondition(FxRobot robot) {
    AtomicReference<Optional<ConfigDialog.Fork>> out = new AtomicReference<>();
    Platform.runLater(() -> out.set(ConfigDialog.fork(stage, "fork", List.of("lr"), k -> 0.1, "", ConfigDialog.NO_CHECK)));
    WaitForAsyncUtils.waitForFxEvents();
    robot.clickOn("OK");
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(new ConfigDialog.Fork(Map.of(), null), out.get().orElseThrow());
  }

  @Test void aValueTheCheckRefusesKeepsTheDialogOpenWithTheReason(FxRobot robot) {
    AtomicReference<Optional<Map<String, Object>>> out = new AtomicReference<>();
    ConfigDialog.Check lrIsANumber = v -> v.get("lr") instanceof Number ? null : "lr: '" + v.get("lr") + "' is not a number (lr is loguniform)";
    Platform.runLater(() -> out.set(ConfigDialog.show(stage, "Add trial", "add", List.of("lr"), k -> 0.1, false, lrIsANumber)));
    WaitForAsyncUtils.waitForFxEvents();
    robot.interact(() -> robot.lookup("#cfg-lr").queryAs(TextField.class).setText("abc"));
    robot.clickOn("OK");
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(null, out.get(), "the dialog stays open, the typed values with it");
    assertEquals("abc", robot.lookup("#cfg-lr").queryAs(TextField.class).getText());
    assertEquals("lr: 'abc' is not a number (lr is loguniform)", robot.lookup(".error-text").queryAs(Label.class).getText());
    robot.interact(() -> robot.lookup("#cfg-lr").queryAs(TextField.class).setText("0.02"));
    robot.clickOn("OK");
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(Map.of("lr", 0.02), out.get().orElseThrow());
  }

  @Test void addTrialHasNoIterationsField(FxRobot robot) {
    AtomicReference<Optional<Map<String, Object>>> out = new AtomicReference<>();
    Platform.runLater(() -> out.set(ConfigDialog.show(stage, "Add trial", "add", List.of("lr"), k -> 0.1, false)));
    WaitForAsyncUtils.waitForFxEvents();
    assertTrue(robot.lookup("#fork-iterations").tryQuery().isEmpty());
    robot.clickOn("OK");
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(Map.of("lr", 0.1), out.get().orElseThrow());
  }
}
