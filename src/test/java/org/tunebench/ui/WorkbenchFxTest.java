package org.tunebench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;
import org.tunebench.ui.chart.Palette;

/** The window, the setup screen and the theme, headless (Monocle). */
@ExtendWith(ApplicationExtension.class)
class WorkbenchFxTest {
  MainWindow window;
  Path dir;

  @Start void start(Stage stage) throws Exception {
    dir = Files.createTempDirectory("tb-ui-fx");
    window = new MainWindow(stage, new MainViewModel(dir.resolve("db.mv.db")), UiFixtures.prefs());
    window.openSpec(UiFixtures.projectDir().resolve("sample-projects/rosenbrock/rosenbrock.json"));
    stage.show();
  }

  @Stop void stop() {
    window.close();
  }

  @Test void theSampleOpensInSetupReadyToStart(FxRobot robot) {
    assertEquals("rosenbrock-asha", robot.lookup("#setup-name").queryAs(TextField.class).getText());
    assertEquals("loss", robot.lookup("#setup-metric").queryAs(TextField.class).getText());
    assertEquals("x", robot.lookup("#space-name-0").queryAs(TextField.class).getText());
    assertTrue(robot.lookup("Run").tryQuery().isPresent());
    ExperimentTab tab = window.current().orElseThrow();
    assertEquals(null, tab.setup().validate(null) == null ? tab.setup().message.get() : null);
  }

  @Test void aBadBoundShowsThePlainMessageAndStartRefuses(FxRobot robot) {
    robot.doubleClickOn("#space-args-0").eraseText(10).write("2, -2");
    WaitForAsyncUtils.waitForFxEvents();
    String err = robot.lookup("#space-error-0").queryAs(Label.class).getText();
    assertTrue(err.contains("$.space.x"), err);
    robot.clickOn("#setup-start");
    WaitForAsyncUtils.waitForFxEvents();
    assertTrue(robot.lookup("#setup-message").queryAs(Label.class).getText().contains("$.space.x"));
    assertEquals(0, window.viewModel().experiments().size(), "nothing was started");
  }

  @Test void themeSwitchRecoloursCharts(FxRobot robot) {
    robot.interact(() -> window.setTheme(Theme.LIGHT));
    var light = Palette.current();
    robot.interact(() -> window.setTheme(Theme.DARK));
    var dark = Palette.current();
    assertNotEquals(light.bg(), dark.bg());
    assertTrue(dark.bg().getBrightness() < 0.3, "dark background from dark.css");
    assertEquals(javafx.scene.paint.Color.web("#f85149"), dark.status(org.tunebench.model.TrialStatus.ERRORED), "status colour read from dark.css");
    robot.interact(() -> window.setTheme(Theme.LIGHT));
  }
}
