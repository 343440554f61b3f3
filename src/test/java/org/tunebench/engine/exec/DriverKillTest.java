package org.tunebench.engine.exec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunebench.testkit.EngineHarness;
import org.tunebench.testkit.TestJars;
import org.tunebench.wire.Wire;

/** A driver process killed with SIGKILL leaves nothing behind: no worker, no process a trial started. */
class DriverKillTest {
  @TempDir Path tmp;

  @Test void nothingATrialStartedOutlivesADriverKilledWithSigkill() throws Exception {
    Path jar = TestJars.build(tmp, "hardening", "hardening.jar", List.of("hardening.Probe"));
    ObjectNode s = EngineHarness.spec(jar, "hardening.Probe", "orphans");
    s.put("numSamples", 2);
    s.with("space").put("spawn_sleep", 1).put("sleep_ms", 100);
    s.putObject("stop").put("training_iteration", 100_000);
    Path spec = tmp.resolve("orphans.json");
    Files.writeString(spec, Wire.JSON.writeValueAsString(s));
    List<String> cmd = List.of(JvmCommand.javaBinary(), "-cp", JvmCommand.classPath(),
        "-Dtunebench.home=" + tmp.resolve("home"), "org.tunebench.cli.TunebenchMain", "run", spec.toString(),
        "--db", tmp.resolve("db/tb.mv.db").toString());
    Process driver = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("driver.log").toFile()).start();
    List<ProcessHandle> tree = new ArrayList<>();
    try {
      long end = System.nanoTime() + 90_000_000_000L;
      while (System.nanoTime() < end) {
        tree = driver.descendants().toList();
        long sleeps = tree.stream().filter(p -> p.info().command().orElse("").endsWith("sleep")).count();
        if (sleeps >= 2) break;
        assertTrue(driver.isAlive(), "the driver ended early: " + Files.readString(tmp.resolve("driver.log")));
        Thread.sleep(100);
      }
      assertTrue(tree.stream().filter(p -> p.info().command().orElse("").endsWith("sleep")).count() >= 2,
          "two trials each started a sleep: " + tree);
    } finally {
      new ProcessBuilder("kill", "-9", Long.toString(driver.pid())).start().waitFor();
      driver.waitFor();
    }
    long end = System.nanoTime() + 20_000_000_000L;
    List<ProcessHandle> left = tree;
    while (System.nanoTime() < end) {
      left = left.stream().filter(ProcessHandle::isAlive).toList();
      if (left.isEmpty()) break;
      Thread.sleep(50);
    }
    for (ProcessHandle p : left) p.destroyForcibly();
    assertTrue(left.isEmpty(), "outlived the driver: " + left.stream().map(p -> p.pid() + " "
        + p.info().commandLine().orElse("?")).toList());
  }
}
