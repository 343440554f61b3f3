package org.tunebench.ui.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.tunebench.app.RunningExperiment;
import org.tunebench.cluster.AgentProcesses;
import org.tunebench.model.SpecReader;
import org.tunebench.testkit.EngineHarness;
import org.tunebench.testkit.TestJars;

/**
 * The cluster option and the Agents panel on screen, with two real agents on loopback running an experiment
 * started through the option: the panel fills itself (polling once a second) with the agents and their trials.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(180)
class AgentsPanelFxTest {
  static final String SECRET = "agents-panel-secret-0123456789";
  @TempDir Path tmp;
  private final ClusterSettings settings = new ClusterSettings(() -> SECRET);
  private ClusterPane pane;
  private AgentProcesses agents;
  private RunningExperiment exp;

  @Start void start(Stage stage) {
    pane = new ClusterPane(settings, new AgentsViewModel(settings));
    stage.setScene(new Scene(pane, 640, 420));
    stage.show();
  }

  @AfterEach void stop() throws Exception {
    if (exp != null) exp.close();
    if (agents != null) agents.close();
  }

  @Test void theOptionStartsAClusterDriverAndThePanelShowsItsAgentsAndTrials(FxRobot robot) throws Exception {
    TextField port = robot.lookup("#cluster-port").queryAs(TextField.class);
    assertTrue(port.isDisabled(), "the fields follow the option");
    robot.clickOn("#cluster-enabled");
    assertTrue(robot.lookup("#cluster-enabled").queryAs(CheckBox.class).isSelected());
    assertTrue(!port.isDisabled());
    String free = Integer.toString(freePort());
    robot.interact(() -> port.setText(free));
    assertEquals(port.getText(), settings.port.get());

    Path jar = TestJars.build(tmp, "fixture", "fixture.jar", List.of("fixture.Scripted"));
    try (EngineHarness h = new EngineHarness(tmp.resolve("driver"))) {
      ObjectNode s = EngineHarness.spec(jar, "fixture.Scripted", "panel");
      s.put("numSamples", 2);
      s.with("space").put("sleep_ms", 300);
      s.putObject("stop").put("training_iteration", 200);
      Path file = h.write(s);
      exp = settings.launcher(h.store, EngineHarness.fast(), null).start(SpecReader.read(file), file);
      exp.runInBackground();
      String address = settings.live().get(0).address();
      agents = new AgentProcesses(tmp, SECRET);
      agents.start(address, 2);
      agents.start(address, 2);
      long end = System.nanoTime() + 60_000_000_000L;
      while (!(pane.table().getItems().size() == 2 && pane.table().getItems().stream()
          .map(AgentRow::trials).anyMatch(t -> t.contains("00000")) && pane.table().getItems().stream()
          .map(AgentRow::trials).anyMatch(t -> t.contains("00001")))) {
        if (System.nanoTime() > end) throw new AssertionError("panel: " + pane.table().getItems() + "\n" + agents.said());
        Thread.sleep(200);
      }
      WaitForAsyncUtils.waitForFxEvents();
      assertTrue(robot.lookup("#agents-summary").queryAs(Label.class).getText()
          .contains("2 agents · tunebench agent --join " + address));
      // the cells show what the rows hold: an agent's address and capacity are on screen
      AgentRow first = pane.table().getItems().get(0);
      assertTrue(robot.lookup(".table-cell").queryAllAs(javafx.scene.control.TableCell.class).stream()
          .anyMatch(c -> (first.load() + "\n" + first.capacity()).equals(c.getText())), "capacity cell of " + first);
      assertTrue(first.capacity().startsWith("2 CPU"), first.toString());
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
