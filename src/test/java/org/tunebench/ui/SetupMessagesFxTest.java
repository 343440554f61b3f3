package org.tunebench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;
import org.tunebench.testkit.TestJars;

/** The Setup view's messages and the status bar say what holds now, not what held before the last edit. */
@ExtendWith(ApplicationExtension.class)
class SetupMessagesFxTest {
  MainWindow window;
  Path dir;

  @Start void start(Stage stage) throws Exception {
    dir = Files.createTempDirectory("tb-ui-messages");
    window = new MainWindow(stage, new MainViewModel(dir.resolve("db.mv.db")), UiFixtures.prefs());
    stage.show();
  }

  @Stop void stop() {
    window.close();
  }

  private Path spec(String name, Path jar) throws Exception {
    return UiFixtures.rosenbrockWith(dir, name, jar);
  }

  Label label(String id) {
    return (Label) window.current().orElseThrow().getContent().lookup(id);
  }

  void validate(FxRobot robot) throws Exception {
    robot.clickOn("#setup-validate");
    WorkbenchLayoutFxTest.await("the check comes back", () -> !label("#setup-message").getText().isEmpty());
  }

  @Test void aGoodJarTakesTheOlderErrorAwayInBothPlaces(FxRobot robot) throws Exception {
    Path empty = TestJars.build(dir, "fixture", "empty.jar", List.of());
    Path good = TestJars.build(dir, "fixture", "fixture.jar", List.of("fixture.Scripted"));
    robot.interact(() -> window.openSpec(spec("no-trainables", empty)));
    validate(robot);
    assertTrue(label("#setup-message").getText().contains("offers no trainables"), label("#setup-message").getText());
    assertTrue(window.statusMessage().contains("offers no trainables"), window.statusMessage());
    robot.interact(() -> window.current().orElseThrow().setup().chooseJar(good));
    assertEquals("", label("#setup-message").getText());
    assertEquals("", window.statusMessage());
  }

  @Test void anEditThatBreaksTheFormTakesSpecOkAwayAndTheFixTakesTheErrorAway(FxRobot robot) throws Exception {
    Path good = TestJars.build(dir, "fixture", "fixture.jar", List.of("fixture.Scripted"));
    robot.interact(() -> window.openSpec(spec("ok-then-not", good)));
    validate(robot);
    assertTrue(label("#setup-message").getText().startsWith("spec OK"), label("#setup-message").getText());
    robot.doubleClickOn("#space-args-0").eraseText(10).write("2, -2");
    WaitForAsyncUtils.waitForFxEvents();
    Label msg = label("#setup-message");
    assertTrue(msg.getText().contains("$.space.x"), msg.getText());
    assertTrue(msg.getStyleClass().contains("error-text"));
    robot.clickOn("#setup-validate");
    WaitForAsyncUtils.waitForFxEvents();
    assertTrue(window.statusMessage().contains("$.space.x"), window.statusMessage());
    robot.interact(() -> robot.lookup("#space-args-0").queryAs(javafx.scene.control.TextField.class).setText("-2, 2"));
    assertEquals("", label("#setup-message").getText());
    assertEquals("", window.statusMessage());
  }

  @Test void aFileThatIsNoJarIsShownAsAnError(FxRobot robot) throws Exception {
    Path good = TestJars.build(dir, "fixture", "fixture.jar", List.of("fixture.Scripted"));
    Path text = Files.writeString(dir.resolve("notes.jar"), "not a zip");
    robot.interact(() -> window.openSpec(spec("no-jar", good)));
    validate(robot);
    robot.interact(() -> window.current().orElseThrow().setup().chooseJar(text));
    Label jar = label("#setup-jar-message");
    assertEquals("not a JAR file (it cannot be opened as a zip): notes.jar", jar.getText());
    assertTrue(jar.getStyleClass().contains("error-text"), jar.getStyleClass().toString());
    assertEquals(jar.getText(), label("#setup-message").getText(), "no 'spec OK' naming the previous JAR's trainable");
  }
}
