package org.tunebench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.tunebench.ui.command.ActionFactory;
import org.tunebench.ui.command.Command;
import org.tunebench.ui.command.CommandSet;
import org.tunebench.ui.command.StandardAction;

/** Shortcuts run their command whenever it can run: never blocked by a stale enabled state or a closed tab. */
@ExtendWith(ApplicationExtension.class)
class CommandShortcutsFxTest {
  final AtomicBoolean canResume = new AtomicBoolean(false);
  final AtomicInteger resumed = new AtomicInteger();
  CommandSet commands;
  VBox root;
  TableView<String> table;

  @Start void start(Stage stage) {
    commands = new CommandSet().put(StandardAction.RESUME_TRIAL, new Command(canResume::get, resumed::incrementAndGet));
    ActionFactory f = new ActionFactory(commands);
    MenuBar bar = new MenuBar(f.menu("_Trial", StandardAction.RESUME_TRIAL));
    // a trial table's context menu registers the same shortcut, as the run dashboard's does
    table = new TableView<>();
    table.setContextMenu(f.contextMenu(StandardAction.RESUME_TRIAL));
    root = new VBox(bar, new Label("focus"), table);
    Scene scene = new Scene(root, 400, 300);
    stage.setScene(scene);
    f.keepShortcuts(scene);
    stage.show();
  }

  void ctrlU(FxRobot robot) {
    robot.press(KeyCode.CONTROL).press(KeyCode.U).release(KeyCode.U).release(KeyCode.CONTROL);
    WaitForAsyncUtils.waitForFxEvents();
  }

  @Test void aShortcutPressedBeforeTheNextRefreshSeesTheNewState(FxRobot robot) {
    ctrlU(robot);
    assertEquals(0, resumed.get(), "nothing to resume: the shortcut does nothing");
    assertTrue(!commands.get(StandardAction.RESUME_TRIAL).isExecutable());
    // the trial was paused a moment ago; nothing refreshed the command since
    canResume.set(true);
    ctrlU(robot);
    assertEquals(1, resumed.get(), "the shortcut re-evaluated its command and ran it");
  }

  @Test void aShortcutOutlivesATableThatLeavesTheScene(FxRobot robot) {
    canResume.set(true);
    // closing an experiment tab takes its table (and the context menu's registration of Ctrl+U) out of the scene
    robot.interact(() -> root.getChildren().remove(table));
    WaitForAsyncUtils.waitForFxEvents();
    ctrlU(robot);
    assertEquals(1, resumed.get(), "Ctrl+U still resumes after the table left");
  }
}
