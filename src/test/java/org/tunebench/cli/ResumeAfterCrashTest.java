package org.tunebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunebench.store.ExperimentStore;
import org.tunebench.store.StoredResult;
import org.tunebench.testkit.EngineHarness;
import org.tunebench.testkit.TestJars;
import org.tunebench.wire.Wire;
import org.tunebench.testkit.HardKill;

/** The driver process is killed with SIGKILL mid-run; {@code tunebench resume} finishes the experiment. */
class ResumeAfterCrashTest {
  @TempDir Path tmp;

  @Test void resumeContinuesFromTheDatabaseAndTheCheckpoints() throws Exception {
    Path jar = TestJars.build(tmp, "fixture", "fixture.jar", List.of("fixture.Scripted"));
    ObjectNode s = EngineHarness.spec(jar, "fixture.Scripted", "crash");
    s.with("space").put("sleep_ms", 80).putObject("slope").putArray("grid").add(1).add(2).add(3);
    s.putObject("stop").put("training_iteration", 12);
    s.putObject("checkpoint").put("frequency", 2);
    s.put("maxConcurrentTrials", 1);
    Path spec = tmp.resolve("crash.json");
    Files.writeString(spec, Wire.JSON.writeValueAsString(s));
    Path db = tmp.resolve("db/tb.mv.db");

    List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(), "-cp",
        classPath(), "-Dtunebench.home=" + tmp.resolve("home"), TunebenchMain.class.getName(), "run",
        spec.toString(), "--db", db.toString()));
    Process driver = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("driver.log").toFile()).start();
    try {
      waitForResults(db, 7, driver, tmp.resolve("driver.log"));
    } finally {
      HardKill.pid(driver.pid());
      driver.waitFor();
    }
    Thread.sleep(1000); // its workers notice the closed pipe and exit

    // still RUNNING as stored (only an owner changes a status), and said to have no owner
    CliTest.Run listed = CliTest.cli("list", "--db", db.toString());
    assertTrue(listed.out().contains("crash\tRUNNING") && listed.out().contains("no live owner"), listed.out());
    JsonNode crashed = Wire.JSON.readTree(CliTest.cli("show", "crash", "--db", db.toString(), "--format", "json").out());
    assertTrue(crashed.path("experiment").path("liveOwner").isNull(), crashed.toString());
    try (ExperimentStore store = ExperimentStore.open(db)) {
      long id = store.find("crash").orElseThrow().id();
      // each trial's progress as its stored results say, though its row may lag them by up to a second
      for (JsonNode t : crashed.path("trials")) {
        int newest = store.results(id, t.path("id").asText()).stream().mapToInt(StoredResult::iteration).max().orElse(0);
        assertEquals(newest, t.path("iterations").asInt(), t.toString());
      }
    }

    CliTest.Run resume = CliTest.cli("resume", "crash", "--db", db.toString());
    assertEquals(0, resume.code(), resume.err() + resume.out());
    JsonNode j = Wire.JSON.readTree(CliTest.cli("show", "crash", "--db", db.toString(), "--format", "json").out());
    assertEquals("COMPLETED", j.path("experiment").path("status").asText());
    assertEquals(3, j.path("trials").size());
    for (JsonNode t : j.path("trials")) {
      assertEquals("TERMINATED", t.path("status").asText(), t.toString());
      assertEquals(12, t.path("iterations").asInt());
      assertEquals(12L * t.path("config").path("slope").asLong(), t.path("best").asLong());
    }
    try (ExperimentStore store = ExperimentStore.open(db)) {
      long id = store.find("crash").orElseThrow().id();
      List<StoredResult> first = store.results(id, "00000");
      // a restart from an even checkpoint may repeat an iteration or two; the counter always matches it
      for (StoredResult r : first) assertEquals((long) r.iteration(), r.metrics().get("counter"));
      assertTrue(store.events(id).stream().anyMatch(e -> e.reason().startsWith("driver restarted")
          || e.reason().startsWith("experiment resumed")), "the restart is in the lifecycle");
    }
  }

  private static void waitForResults(Path db, int n, Process driver, Path log) throws Exception {
    long end = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < end) {
      if (!driver.isAlive()) throw new AssertionError("driver ended early: " + Files.readString(log));
      if (Files.exists(db)) {
        try (ExperimentStore store = ExperimentStore.open(db)) {
          var e = store.find("crash");
          if (e.isPresent() && store.results(e.get().id(), null).size() >= n) return;
        } catch (RuntimeException busy) {
          // the driver may still be creating the file
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the driver stored fewer than " + n + " results in 60 s");
  }

  private static String classPath() {
    List<String> keep = new ArrayList<>();
    for (String p : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!p.endsWith("test-classes")) keep.add(p);
    }
    return String.join(File.pathSeparator, keep);
  }
}
