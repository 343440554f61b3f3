package org.tunebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunebench.testkit.EngineHarness;
import org.tunebench.testkit.TestJars;
import org.tunebench.wire.Wire;

/** {@code tunebench pause/resume/stop NAME [TRIAL...]} steer a {@code run} in another process. */
class SteeringFromAnotherProcessTest {
  @TempDir Path tmp;
  private Process run;

  @AfterEach void kill() throws Exception {
    if (run != null) {
      run.descendants().forEach(ProcessHandle::destroyForcibly);
      run.destroyForcibly().waitFor();
    }
  }

  @Test void pauseResumeAndStopReachTheRunAndSayWhatCameOfThem() throws Exception {
    Path jar = TestJars.build(tmp, "fixture", "fixture.jar", List.of("fixture.Scripted"));
    ObjectNode s = EngineHarness.spec(jar, "fixture.Scripted", "steer");
    s.with("space").put("sleep_ms", 50).putObject("slope").putArray("grid").add(1).add(2);
    s.putObject("stop").put("training_iteration", 2000);
    s.putObject("checkpoint").put("frequency", 5);
    s.put("maxConcurrentTrials", 2);
    Path spec = tmp.resolve("steer.json");
    Files.writeString(spec, Wire.JSON.writeValueAsString(s));
    Path db = tmp.resolve("db/tb.mv.db");
    String dbArg = db.toString();
    run = new ProcessBuilder(TwoProcessesTest.command(tmp.resolve("home"), "run", spec.toString(), "--db", dbArg))
        .redirectErrorStream(true).redirectOutput(tmp.resolve("run.log").toFile()).start();
    awaitStatus(db, "steer", "00000", "RUNNING", true);
    awaitStatus(db, "steer", "00001", "RUNNING", true);

    CliTest.Run pause = CliTest.cli("pause", "steer", "00000", "00000", "--db", dbArg); // named twice: once
    assertEquals(0, pause.code(), pause.err());
    assertTrue(pause.out().contains("Paused trial 00000 of steer (in process " + run.pid() + "@"), "out: " + pause.out() + " err: " + pause.err());
    awaitStatus(db, "steer", "00000", "PAUSED", false);

    CliTest.Run unknown = CliTest.cli("pause", "steer", "00000", "00099", "--db", dbArg);
    assertEquals(2, unknown.code(), unknown.err());
    assertTrue(unknown.err().contains("no trial '00099'"), unknown.err());
    CliTest.Run notPaused = CliTest.cli("resume", "steer", "00001", "--db", dbArg);
    assertEquals(2, notPaused.code(), notPaused.err());
    assertTrue(notPaused.err().contains("trial 00001 is RUNNING: only PAUSED trials can be resumed"), notPaused.err());

    CliTest.Run resume = CliTest.cli("resume", "steer", "00000", "--db", dbArg);
    assertEquals(0, resume.code(), resume.err());
    awaitStatus(db, "steer", "00000", "RUNNING", false);

    CliTest.Run stop = CliTest.cli("stop", "steer", "--db", dbArg);
    assertEquals(0, stop.code(), stop.err());
    assertTrue(stop.out().contains("Stopped experiment steer"), stop.out());
    assertTrue(run.waitFor(60, TimeUnit.SECONDS), Files.readString(tmp.resolve("run.log")));

    CliTest.Run nobody = CliTest.cli("pause", "steer", "--db", dbArg);
    assertEquals(2, nobody.code(), nobody.err());
    assertTrue(nobody.err().contains("is not running in any process"), nobody.err());

    // an owner that does not answer in time: a clear line and exit 3; the command is not carried out later
    List<String> mute = TwoProcessesTest.command(tmp.resolve("home"), "run", spec.toString(), "--name", "mute",
        "--db", dbArg);
    mute.add(1, "-Dtunebench.steering.pollMs=600000");
    run = new ProcessBuilder(mute).redirectErrorStream(true).redirectOutput(tmp.resolve("mute.log").toFile()).start();
    awaitStatus(db, "mute", "00000", "RUNNING", true);
    CliTest.Run late = CliTest.cli("pause", "mute", "--timeout", "2", "--db", dbArg);
    assertEquals(3, late.code(), late.err());
    assertTrue(late.err().contains("no answer from process " + run.pid() + "@"), late.err());
  }

  private static void awaitStatus(Path db, String name, String trial, String status, boolean withResults)
      throws Exception {
    long end = System.currentTimeMillis() + 90_000;
    String last = null;
    while (System.currentTimeMillis() < end) {
      if (Files.exists(db.resolveSibling("tb.lock.db"))) {
        CliTest.Run show = CliTest.cli("show", name, "--db", db.toString(), "--format", "json");
        if (show.code() == 0) {
          for (JsonNode t : Wire.JSON.readTree(show.out()).path("trials")) {
            if (t.path("id").asText().equals(trial)) {
              last = t.toString();
              if (t.path("status").asText().equals(status) && (!withResults || t.path("iterations").asInt() > 1)) return;
            }
          }
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("trial " + trial + " never " + status + ": " + last);
  }

}
