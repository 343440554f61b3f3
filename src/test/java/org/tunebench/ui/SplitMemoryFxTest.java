package org.tunebench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.tunebench.ui.run.RunDashboardView;

/** A split remembers where the user dragged its divider, and nothing else (not a squeezed window's position). */
@ExtendWith(ApplicationExtension.class)
class SplitMemoryFxTest {
  final WindowPrefs prefs = UiFixtures.prefs();
  SplitPane split;
  Label left;

  @Start void start(Stage stage) {
    left = new Label("left");
    StackPane a = new StackPane(left);
    StackPane b = new StackPane(new Label("right"));
    split = new SplitPane(a, b);
    RunDashboardView.remember(prefs, split, "split.test", 0.5);
    stage.setScene(new Scene(split, 600, 300));
    stage.show();
  }

  @Test void aClickInsideASqueezedSplitSavesNothing(FxRobot robot) {
    // a small window pushed the divider against a pane's minimum size
    robot.interact(() -> split.setDividerPositions(0.2));
    robot.clickOn(left);
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(-1, prefs.get("split.test", -1), 0, "the squeezed position was not saved");
  }

  @Test void aDraggedDividerIsSaved(FxRobot robot) {
    javafx.scene.Node divider = robot.lookup(".split-pane-divider").query();
    robot.drag(divider, MouseButton.PRIMARY).moveBy(120, 0).release(MouseButton.PRIMARY);
    WaitForAsyncUtils.waitForFxEvents();
    double saved = prefs.get("split.test", -1);
    assertTrue(saved > 0.55, "the dragged position was saved: " + saved);
    assertEquals(split.getDividerPositions()[0], saved, 1e-9);
  }
}
