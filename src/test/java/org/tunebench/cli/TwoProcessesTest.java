package org.tunebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunebench.store.ExperimentStore;
import org.tunebench.testkit.EngineHarness;
import org.tunebench.testkit.TestJars;
import org.tunebench.wire.Wire;

/**
 * Real {@code tunebench} processes sharing one database: the first one open hosts it for the others. Any
 * of them may exit or be killed; the others go on, and an experiment has one live owner at a time.
 */
class TwoProcessesTest {
  @TempDir Path tmp;
  private Path jar;
  private Path db;
  private final List<Process> started = new ArrayList<>();

  @BeforeEach void jar() throws Exception {
    jar = TestJars.build(tmp, "fixture", "fixture.jar", List.of("fixture.Scripted"));
    db = tmp.resolve("db/tb.mv.db");
  }

  @AfterEach void killLeftovers() throws Exception {
    for (Process p : started) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly().waitFor();
    }
  }

  private Path spec(String name, int iterations, int sleepMs) throws Exception {
    ObjectNode s = EngineHarness.spec(jar, "fixture.Scripted", name);
    s.with("space").put("sleep_ms", sleepMs).putObject("slope").putArray("grid").add(1).add(2);
    s.putObject("stop").put("training_iteration", iterations);
    s.putObject("checkpoint").put("frequency", 2);
    s.put("maxConcurrentTrials", 2);
    Path f = tmp.resolve(name + ".json");
    Files.writeString(f, Wire.JSON.writeValueAsString(s));
    return f;
  }

  static List<String> command(Path home, String... args) {
    List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(), "-cp",
        classPath(), "-Dtunebench.home=" + home, "-Dtunebench.progress.ms=500", TunebenchMain.class.getName()));
    cmd.addAll(List.of(args));
    return cmd;
  }

  private Process start(String log, String... args) throws Exception {
    Process p = new ProcessBuilder(command(tmp.resolve("home"), args)).redirectErrorStream(true)
        .redirectOutput(tmp.resolve(log).toFile()).start();
    started.add(p);
    return p;
  }

  private String log(String name) throws Exception {
    return Files.readString(tmp.resolve(name));
  }

  @Test void twoRunsShareADatabaseAndAKilledOneDoesNotBlockTheOtherOrALaterResume() throws Exception {
    Process a = start("a.log", "run", spec("a", 40, 50).toString(), "--db", db.toString());
    waitForResults("a", 4, a);
    Process b = start("b.log", "run", spec("b", 200, 50).toString(), "--db", db.toString());
    waitForResults("b", 4, b);

    // a live experiment has one owner: a second run or resume is refused naming it
    String owner = b.pid() + "@";
    CliTest.Run again = CliTest.cli("run", spec("b", 200, 50).toString(), "--db", db.toString());
    assertEquals(2, again.code(), again.err());
    assertTrue(again.err().contains(owner), again.err());
    // resume of a live experiment goes to its owner (steering), never starts a second driver
    CliTest.Run resume = CliTest.cli("resume", "b", "--db", db.toString());
    assertEquals(0, resume.code(), resume.err());
    assertTrue(resume.out().contains("Resumed experiment b (in process " + owner), resume.out());
    // readers work while both run
    CliTest.Run list = CliTest.cli("list", "--db", db.toString());
    assertEquals(0, list.code(), list.err());
    assertTrue(list.out().contains("a") && list.out().contains("b"), list.out());
    assertTrue(list.out().lines().anyMatch(l -> l.startsWith("b\t") && l.contains("\trun by process " + owner)), list.out());
    assertEquals(0, CliTest.cli("show", "b", "--db", db.toString()).code());

    // the second process dies; the first goes on to the end
    b.descendants().forEach(ProcessHandle::destroyForcibly);
    b.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    assertTrue(a.waitFor(120, TimeUnit.SECONDS), "a must not hang after b died: " + log("a.log"));
    assertEquals(0, a.exitValue(), log("a.log"));
    JsonNode shown = Wire.JSON.readTree(CliTest.cli("show", "a", "--db", db.toString(), "--format", "json").out());
    assertEquals("COMPLETED", shown.path("experiment").path("status").asText(), shown.toString());
    for (JsonNode t : shown.path("trials")) assertEquals(40, t.path("iterations").asInt(), t.toString());

    // the killed owner does not block a later resume
    CliTest.Run resumed = CliTest.cli("resume", "b", "--db", db.toString());
    assertTrue(resumed.code() == 0 || resumed.code() == 1, resumed.err() + resumed.out());
    assertTrue(resumed.out().contains("Experiment b COMPLETED"), resumed.out());
  }

  /** SIGTERM (as Ctrl-C): the journal ends before the database closes, and the run says how to go on. */
  @Test void aSignalledRunEndsItsOwnWayAndSaysHowToContinue() throws Exception {
    Process a = start("s.log", "run", spec("s", 400, 50).toString(), "--db", db.toString());
    waitForResults("s", 4, a);
    a.destroy(); // SIGTERM
    assertTrue(a.waitFor(60, TimeUnit.SECONDS), log("s.log"));
    assertEquals(143, a.exitValue(), log("s.log"));
    String out = log("s.log");
    assertTrue(out.contains("Experiment s INTERRUPTED: 2 trials, 0 errored."), out);
    assertTrue(out.contains("Interrupted by a signal; its results and checkpoints are kept. Continue it with: ")
        && out.contains(" resume s"), out);
    Path trace = db.resolveSibling("tb.trace.db");
    String traced = Files.exists(trace) ? Files.readString(trace) : "";
    assertTrue(!traced.contains("already closed"), "the journal wrote after the database closed:\n" + traced);
    JsonNode shown = Wire.JSON.readTree(CliTest.cli("show", "s", "--db", db.toString(), "--format", "json").out());
    assertEquals("INTERRUPTED", shown.path("experiment").path("status").asText(), shown.toString());
  }

  @Test void theProcessHostingTheDatabaseStaysUntilTheOtherOnesExperimentEnds() throws Exception {
    Process host = start("host.log", "run", spec("short", 100, 50).toString(), "--db", db.toString());
    waitForResults("short", 1, host);
    Process other = start("other.log", "run", spec("long", 200, 50).toString(), "--db", db.toString());
    waitForResults("long", 2, other);
    assertTrue(other.waitFor(120, TimeUnit.SECONDS), "the other run must not hang: " + log("other.log"));
    assertEquals(0, other.exitValue(), log("other.log"));
    assertTrue(host.waitFor(30, TimeUnit.SECONDS), log("host.log"));
    assertEquals(0, host.exitValue(), log("host.log"));
    assertTrue(log("host.log").contains("keeping the database open for long (process " + other.pid() + "@"),
        "host: " + log("host.log") + "\nother: " + log("other.log"));
  }

  @Test void killingTheProcessThatServesTheDatabaseDoesNotStopTheOther() throws Exception {
    Process host = start("host.log", "run", spec("host", 400, 20).toString(), "--db", db.toString());
    waitForResults("host", 4, host);
    Process other = start("other.log", "run", spec("other", 80, 30).toString(), "--db", db.toString());
    waitForResults("other", 6, other);
    host.descendants().forEach(ProcessHandle::destroyForcibly);
    host.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    assertTrue(other.waitFor(120, TimeUnit.SECONDS), "the other run must not hang: " + log("other.log"));
    assertEquals(0, other.exitValue(), log("other.log"));
    try (ExperimentStore store = ExperimentStore.open(db)) {
      long id = store.find("other").orElseThrow().id();
      var results = store.results(id, null);
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (var r : results) assertTrue(seen.add(r.trialId() + "/" + r.iteration()), "stored twice: " + r);
      assertEquals(160, seen.size(), "every result of both trials, once");
    }
  }

  @Test void aRunWhileTheWorkbenchHoldsTheDatabaseOutlivesTheWorkbenchClosing() throws Exception {
    // this JVM opens the database first and so serves it, as the workbench does when it starts first
    ExperimentStore workbench = ExperimentStore.open(db);
    Process r = start("r.log", "run", spec("r", 60, 30).toString(), "--db", db.toString());
    try {
      waitForResults("r", 4, r);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + ": " + log("r.log"), e);
    }
    workbench.close(); // waits while r's experiment runs
    assertTrue(r.waitFor(60, TimeUnit.SECONDS), log("r.log"));
    assertEquals(0, r.exitValue(), log("r.log"));
    JsonNode shown = Wire.JSON.readTree(CliTest.cli("show", "r", "--db", db.toString(), "--format", "json").out());
    for (JsonNode t : shown.path("trials")) assertEquals(60, t.path("iterations").asInt(), t.toString());
  }

  @Test void twoProcessesCreatingANewDatabaseAtOnceBothWork() throws Exception {
    Process x = start("x.log", "run", spec("x", 3, 1).toString(), "--db", db.toString());
    Process y = start("y.log", "run", spec("y", 3, 1).toString(), "--db", db.toString());
    assertTrue(x.waitFor(120, TimeUnit.SECONDS) && y.waitFor(120, TimeUnit.SECONDS), log("x.log") + log("y.log"));
    assertEquals(0, x.exitValue(), log("x.log"));
    assertEquals(0, y.exitValue(), log("y.log"));
  }

  @Test void namesTooLongAndUnusablePathsAreBadInputThatLeaveNothingBehind() throws Exception {
    String longName = "n".repeat(201);
    CliTest.Run r = CliTest.cli("run", spec("ok", 1, 1).toString(), "--name", longName, "--db", db.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("too long"), r.err());
    String wide = "é".repeat(130); // 130 characters, 260 UTF-8 bytes
    ObjectNode s = EngineHarness.spec(jar, "fixture.Scripted", wide);
    Path wideSpec = tmp.resolve("wide.json");
    Files.writeString(wideSpec, Wire.JSON.writeValueAsString(s));
    CliTest.Run w = CliTest.cli("run", wideSpec.toString(), "--db", db.toString());
    assertEquals(2, w.code(), w.err());
    assertTrue(w.err().contains("UTF-8 bytes"), w.err());
    if (Files.exists(db)) {
      try (ExperimentStore store = ExperimentStore.open(db)) {
        assertTrue(store.list().isEmpty(), "no CREATED row is left");
      }
    }
    Files.createDirectories(tmp.resolve("folder.mv.db"));
    CliTest.Run f = CliTest.cli("list", "--db", tmp.resolve("folder.mv.db").toString());
    assertEquals(2, f.code(), f.err());
    assertEquals(1, f.err().strip().lines().count(), f.err());
    Path text = Files.writeString(tmp.resolve("text.mv.db"), "hello");
    CliTest.Run t = CliTest.cli("list", "--db", text.toString());
    assertEquals(2, t.code(), t.err());
    assertTrue(t.err().contains("not a Tunebench database"), t.err());
    assertFalse(t.err().contains("Exception"), t.err());
  }

  /**
   * The process that serves the database is stopped (SIGSTOP): H2 would wait for it forever; `list` gives up after
   * the open wait with one line naming what holds the database (exit 3), and the run goes on once continued.
   */
  @Test void aStoppedProcessServingTheDatabaseDoesNotHangAnotherCommand() throws Exception {
    Process a = start("a.log", "run", spec("a", 60, 50).toString(), "--db", db.toString());
    waitForResults("a", 4, a);
    new ProcessBuilder("kill", "-STOP", Long.toString(a.pid())).start().waitFor();
    try {
      List<String> cmd = command(tmp.resolve("home"), "list", "--db", db.toString());
      cmd.add(1, "-Dtunebench.dbOpenWaitS=3");
      long t0 = System.nanoTime();
      Process list = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("list.log").toFile()).start();
      started.add(list);
      assertTrue(list.waitFor(60, TimeUnit.SECONDS), "list gives up instead of hanging");
      double s = (System.nanoTime() - t0) / 1e9;
      String out = log("list.log").strip();
      assertEquals(3, list.exitValue(), out);
      assertTrue(out.contains("is open in another process") && out.contains("did not answer within 3 s"), out);
      assertFalse(out.contains("Exception"), out);
      assertTrue(s < 45, "gave up after " + s + " s");
      // a steering command's --timeout bounds its whole wait, the database's opening included
      t0 = System.nanoTime();
      Process pause = new ProcessBuilder(command(tmp.resolve("home"), "pause", "a", "--timeout", "2", "--db", db.toString()))
          .redirectErrorStream(true).redirectOutput(tmp.resolve("pause.log").toFile()).start();
      started.add(pause);
      assertTrue(pause.waitFor(60, TimeUnit.SECONDS), "pause gives up instead of hanging");
      s = (System.nanoTime() - t0) / 1e9;
      assertEquals(3, pause.exitValue(), log("pause.log"));
      assertTrue(log("pause.log").contains("did not answer within 2 s"), log("pause.log"));
      assertTrue(s < 15, "pause --timeout 2 gave up after " + s + " s");
    } finally {
      new ProcessBuilder("kill", "-CONT", Long.toString(a.pid())).start().waitFor();
    }
    assertTrue(a.waitFor(90, TimeUnit.SECONDS), "the continued run ends");
    assertEquals(0, a.exitValue(), log("a.log"));
  }

  private void waitForResults(String name, int n, Process driver) throws Exception {
    long end = System.currentTimeMillis() + 90_000;
    while (System.currentTimeMillis() < end) {
      assertTrue(driver.isAlive(), "driver of " + name + " ended early");
      // only as a client of a running process: a test that hosted the database itself would stay until
      // the runs end (ExperimentStore.close waits for other processes' experiments)
      if (Files.exists(db.resolveSibling("tb.lock.db"))) {
        try (ExperimentStore store = ExperimentStore.open(db)) {
          var e = store.find(name);
          if (e.isPresent() && store.results(e.get().id(), null).size() >= n) return;
        } catch (RuntimeException busy) {
          // the driver may still be creating the file
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no results from " + name);
  }

  static String classPath() {
    List<String> keep = new ArrayList<>();
    for (String p : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!p.endsWith("test-classes")) keep.add(p);
    }
    return String.join(File.pathSeparator, keep);
  }
}
