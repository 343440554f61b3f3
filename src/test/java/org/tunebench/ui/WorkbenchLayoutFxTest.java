package org.tunebench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;
import org.tunebench.testkit.TestJars;
import org.tunebench.ui.command.ActionFactory;
import org.tunebench.ui.command.StandardAction;

/** The window at 1024×700: nothing truncated; Validate runs Start's checks; the status bar; shortcuts in Help. */
@ExtendWith(ApplicationExtension.class)
class WorkbenchLayoutFxTest {
  MainWindow window;
  Path dir;

  @Start void start(Stage stage) throws Exception {
    dir = Files.createTempDirectory("tb-ui-layout");
    MainViewModel vm = new MainViewModel(dir.resolve("db.mv.db"));
    StoreFixtures.fill(vm.store(), dir, "past", 20, 10, 1);
    vm.refresh();
    window = new MainWindow(stage, vm, UiFixtures.prefs());
    stage.setWidth(1024);
    stage.setHeight(700);
    stage.show();
  }

  @Stop void stop() {
    window.close();
  }

  static void await(String what, BooleanSupplier cond) throws Exception {
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
      WaitForAsyncUtils.waitForFxEvents();
      return cond.getAsBoolean();
    });
    assertTrue(cond.getAsBoolean(), what);
  }

  /** A labeled control shows its whole text when it is at least as wide as it wants to be. */
  static void assertWhole(Labeled l) {
    assertTrue(l.getWidth() + 0.5 >= l.prefWidth(-1), "'" + l.getText() + "' is squeezed to " + l.getWidth() + " < " + l.prefWidth(-1));
  }

  private Path spec(String name, Path jar) throws Exception {
    return UiFixtures.rosenbrockWith(dir, name, jar);
  }

  @Test void setupAndRunDashboardAreWholeAt1024x700(FxRobot robot) throws Exception {
    robot.interact(() -> window.openSpec(UiFixtures.projectDir().resolve("sample-projects/rosenbrock/rosenbrock.json")));
    WaitForAsyncUtils.waitForFxEvents();
    ComboBox<?> mode = robot.lookup("#setup-mode").queryAs(ComboBox.class);
    assertTrue(mode.getWidth() + 0.5 >= mode.prefWidth(-1), "the mode combo is not squeezed blank: " + mode.getWidth());
    assertWhole(robot.lookup("#setup-validate").queryAs(Button.class));
    assertWhole(robot.lookup("#setup-start").queryAs(Button.class));

    robot.doubleClickOn("past");
    await("the past experiment opens", () -> robot.lookup("#run-dashboard").tryQuery().isPresent());
    for (String id : List.of("#run-pause-all", "#run-resume-all", "#run-stop-all", "#run-add-trial")) {
      assertWhole(robot.lookup(id).queryAs(Button.class));
    }
    assertWhole(robot.lookup("#run-status").queryAs(Label.class));
    javafx.scene.Node filter = robot.lookup("#trial-filter").query();
    double right = filter.localToScene(filter.getBoundsInLocal()).getMaxX();
    assertTrue(right <= window.stage().getScene().getWidth() + 0.5,
        "the run bar fits the window (wider, the whole dashboard was cut on the right): its filter ends at " + right);
    assertTableKeepsItsShare(robot, "at 1024");
    // a window made smaller keeps the split's proportions (the curve controls wrap rather than hold the curves
    // pane wide and squeeze the table to a sliver), and gets them back when made larger
    robot.interact(() -> window.stage().setWidth(1270));
    WaitForAsyncUtils.waitForFxEvents();
    robot.interact(() -> window.stage().setWidth(1024));
    WaitForAsyncUtils.waitForFxEvents();
    assertTableKeepsItsShare(robot, "after growing to 1270 and back to 1024");
  }

  static void assertTableKeepsItsShare(FxRobot robot, String when) {
    double table = robot.lookup("#trial-table").query().getBoundsInLocal().getWidth();
    double curves = robot.lookup("#curves-pane").query().getBoundsInLocal().getWidth();
    assertTrue(table >= 0.45 * (table + curves), "the table keeps its share " + when + ": " + table + " of " + (table + curves));
  }

  @Test void validateChecksTheJarAndSaysHowToBuildIt(FxRobot robot) throws Exception {
    Path missing = spec("no-jar", dir.resolve("not-built/rosenbrock-trainable.jar"));
    robot.interact(() -> window.openSpec(missing));
    robot.clickOn("#setup-validate");
    await("the check comes back", () -> !message().getText().isEmpty());
    Label msg = message();
    assertTrue(msg.getText().startsWith("JAR not found"), msg.getText());
    assertTrue(msg.getText().contains("mvn"), "says how to build it: " + msg.getText());
    assertTrue(msg.getStyleClass().contains("error-text"));

    Path jar = TestJars.build(dir, "fixture", "fixture.jar", List.of("fixture.Scripted"));
    Path good = spec("with-jar", jar);
    robot.interact(() -> window.openSpec(good));
    robot.clickOn("#setup-validate");
    await("the check comes back", () -> message().getText().startsWith("spec OK") || message().getStyleClass().contains("error-text") && !message().getText().isEmpty());
    Label ok = message();
    assertTrue(ok.getText().startsWith("spec OK"), ok.getText());
    assertTrue(ok.getStyleClass().contains("ok-text"));
  }

  @Test void anEmptyMainAreaSaysHowToBegin(FxRobot robot) throws Exception {
    Label hint = robot.lookup("#start-hint").queryAs(Label.class);
    assertTrue(hint.isVisible());
    String shortcut = javafx.scene.input.KeyCombination.keyCombination("Shortcut+O").getDisplayText();
    assertTrue(hint.getText().contains("File › Open spec…, " + shortcut), hint.getText());
    assertTrue(hint.getText().contains("File › New experiment"), hint.getText());
    assertTrue(hint.getWidth() > 0 && hint.localToScene(0, 0).getX() > 300, "centred beside the sidebar");
    robot.interact(() -> window.openSpec(UiFixtures.projectDir().resolve("sample-projects/rosenbrock/rosenbrock.json")));
    assertFalse(hint.isVisible(), "an open tab hides it");
  }

  /** The selected tab's Setup message (every open tab has one). */
  Label message() {
    return (Label) window.current().orElseThrow().getContent().lookup("#setup-message");
  }

  /** A name the database or an open tab already has gets a free "-2", "-3" (judged without a database query). */
  @Test void aSpecOpenedTwiceGetsAFreeName(FxRobot robot) throws Exception {
    Path past = spec("past", dir.resolve("any.jar"));
    robot.interact(() -> window.openSpec(past));
    robot.interact(() -> window.openSpec(past));
    WaitForAsyncUtils.waitForFxEvents();
    List<String> names = window.tabs().getTabs().stream().filter(t -> t instanceof ExperimentTab)
        .map(t -> ((ExperimentTab) t).setup().name.get()).toList();
    assertEquals(List.of("past-2", "past-3"), names);
  }

  @Test void statusBarNamesTheSelectedTabsExperiment(FxRobot robot) throws Exception {
    robot.doubleClickOn("past");
    await("the past experiment opens", () -> robot.lookup("#run-dashboard").tryQuery().isPresent());
    await("the status bar names it", () -> robot.lookup("#sb-progress").queryAs(Label.class).getText().startsWith("past: "));
    assertTrue(robot.lookup("#sb-progress").queryAs(Label.class).getText().contains("/20 done"));
  }

  @Test void everySteeringActionHasAShortcutListedInHelp(FxRobot robot) {
    String list = ActionFactory.shortcutList();
    for (StandardAction a : StandardAction.values()) {
      if (a.group() == StandardAction.Group.EXPERIMENT || a.group() == StandardAction.Group.TRIAL) {
        assertFalse(a.accelerator() == null, a + " has a shortcut");
        assertTrue(list.contains(a.label()), a + " is listed");
      }
    }
    robot.press(javafx.scene.input.KeyCode.F1).release(javafx.scene.input.KeyCode.F1);
    WaitForAsyncUtils.waitForFxEvents();
    Node text = robot.lookup("#shortcut-list").query();
    assertTrue(((javafx.scene.control.TextArea) text).getText().contains("Pause trial"));
    robot.clickOn("Close");
  }
}
