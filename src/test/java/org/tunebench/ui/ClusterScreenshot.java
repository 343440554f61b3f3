package org.tunebench.ui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.tunebench.cluster.AgentProcesses;
import org.tunebench.testkit.EngineHarness;
import org.tunebench.testkit.TestJars;
import org.tunebench.wire.Wire;

/**
 * Takes assets/cluster-agents.png from the real window under Xvfb (not a test; run by hand like
 * {@link ScreenshotTour}): the cluster option on, with a secret file, an experiment running on two real agents
 * on loopback, and the Agents panel beside the setup form.
 */
public final class ClusterScreenshot {
  public static void main(String[] args) throws Exception {
    ScreenshotTour.out = Path.of(args.length > 0 ? args[0] : "assets").toAbsolutePath();
    Path dir = Files.createTempDirectory("tb-cluster-shot");
    String secret = "screenshot-cluster-secret-0123456789";
    Path secretFile = dir.resolve("cluster.secret");
    Files.writeString(secretFile, secret + "\n");
    Files.setPosixFilePermissions(secretFile, PosixFilePermissions.fromString("rw-------"));
    Path jar = TestJars.build(dir, "fixture", "fixture.jar", List.of("fixture.Scripted"));
    ObjectNode s = EngineHarness.spec(jar, "fixture.Scripted", "cluster-sweep");
    s.put("numSamples", 8); // two agents hold six: the last two wait PENDING with the reason
    s.with("space").put("sleep_ms", 400).putObject("slope").putArray("uniform").add(0.5).add(2.0);
    s.putObject("stop").put("training_iteration", 400);
    s.putObject("checkpoint").put("frequency", 5);
    Path spec = dir.resolve("cluster-sweep.json");
    Files.writeString(spec, Wire.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(s));

    CountDownLatch up = new CountDownLatch(1);
    Platform.startup(up::countDown);
    up.await();
    MainViewModel vm = new MainViewModel(dir.resolve("db.mv.db"));
    vm.cluster().enabled.set(true);
    vm.cluster().port.set("47531");
    vm.cluster().secretFile.set(secretFile.toString());
    ScreenshotTour.fx(() -> {
      Stage st = new Stage();
      WindowPrefs prefs = UiFixtures.prefs();
      prefs.put("window.width", 1440);
      prefs.put("window.height", 900);
      ScreenshotTour.window = new MainWindow(st, vm, prefs);
      st.setX(0);
      st.setY(0);
      st.show();
      return null;
    });
    ExperimentTab tab = ScreenshotTour.fx(() -> ScreenshotTour.window.openSpec(spec));
    Thread.sleep(3000);
    ScreenshotTour.fx(() -> { tab.start(); return null; });
    ScreenshotTour.waitFor(60, () -> !vm.cluster().live().isEmpty());
    String address = vm.cluster().live().get(0).address();
    try (AgentProcesses agents = new AgentProcesses(dir, secret)) {
      agents.start(address, 2);
      agents.start(address, 1);
      ScreenshotTour.waitFor(90, () -> ScreenshotTour.row(tab, "00002") != null
          && ScreenshotTour.row(tab, "00002").iterationProperty().get() >= 3);
      ScreenshotTour.fx(() -> { tab.showSetup(); return null; });
      Thread.sleep(3000);
      ScreenshotTour.shot("cluster-agents.png");
      ScreenshotTour.fx(() -> { tab.showRun(); return null; });
      Thread.sleep(2000);
      ScreenshotTour.shot("cluster-run.png");
    }
    Platform.exit();
    System.exit(0);
  }
}
