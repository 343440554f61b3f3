package org.tunebench.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunebench.model.TrialStatus;
import org.tunebench.store.StoredEvent;
import org.tunebench.store.StoredResult;
import org.tunebench.testkit.EngineHarness;
import org.tunebench.testkit.TestJars;
import org.tunebench.wire.Wire;
import org.tunebench.testkit.HardKill;

/** The driver with real worker JVMs running real Trainable JARs built from src/test/trainables. */
class WorkerLifecycleTest {
  @TempDir static Path jars;
  static Path fixture;
  static Path conflict;

  @TempDir Path tmp;

  @BeforeAll static void buildJars() throws Exception {
    fixture = TestJars.build(jars, "fixture", "fixture.jar", List.of("fixture.Scripted", "fixture.ScriptedFunction"));
    conflict = TestJars.build(jars, "conflict", "conflict.jar", List.of("fixture.UsesOwnJackson"));
  }

  private static ObjectNode scripted(String name, int iterations) {
    ObjectNode s = EngineHarness.spec(fixture, "fixture.Scripted", name);
    s.putObject("stop").put("training_iteration", iterations);
    return s;
  }

  @Test void classApiRunsToTheEndWithDriverFieldsAndEveryResultStored() throws Exception {
    try (EngineHarness h = new EngineHarness(tmp)) {
      ObjectNode s = scripted("plain", 5);
      s.with("space").putObject("slope").putArray("grid").add(1.0).add(2.0);
      h.start(s, EngineHarness.fast());
      assertEquals("COMPLETED", h.awaitEnd(Duration.ofSeconds(60)));
      List<TrialSnapshot> trials = h.trials();
      assertEquals(2, trials.size());
      for (TrialSnapshot t : trials) {
        assertEquals(TrialStatus.TERMINATED, t.status());
        assertEquals(5, t.iteration());
        Map<String, Object> last = t.lastResult();
        for (String k : List.of("training_iteration", "time_this_iter_s", "time_total_s", "timestamp", "trial_id", "node", "pid")) {
          assertTrue(last.containsKey(k), "driver field " + k + " in " + last);
        }
        assertEquals(t.id(), last.get("trial_id"));
      }
      assertEquals(10.0, trials.get(1).best());
      List<StoredResult> stored = h.store.results(h.experimentId("plain"), null);
      assertEquals(10, stored.size());
    }
  }

  @Test void idleWorkerIsReusedForTheNextTrialOfTheSameJar() throws Exception {
    try (EngineHarness h = new EngineHarness(tmp)) {
      ObjectNode s = scripted("reuse", 2);
      s.put("numSamples", 3).put("maxConcurrentTrials", 1);
      h.start(s, EngineHarness.fast());
      h.awaitEnd(Duration.ofSeconds(60));
      List<TrialSnapshot> trials = h.trials();
      Object pid = trials.get(0).lastResult().get("pid");
      assertEquals(pid, trials.get(1).lastResult().get("pid"));
      assertEquals(pid, trials.get(2).lastResult().get("pid"));
    }
  }

  @Test void functionApiReportsBlockAndItsCheckpointsAreCopiedAndIndexed() throws Exception {
    try (EngineHarness h = new EngineHarness(tmp)) {
      ObjectNode s = EngineHarness.spec(fixture, "fixture.ScriptedFunction", "fn");
      s.with("space").put("iterations", 6).put("every", 2);
      h.start(s, EngineHarness.fast());
      assertEquals("COMPLETED", h.awaitEnd(Duration.ofSeconds(60)));
      TrialSnapshot t = h.trials().get(0);
      assertEquals(TrialStatus.TERMINATED, t.status());
      assertEquals(6, t.iteration());
      assertNotNull(t.latestCheckpoint());
      assertEquals("6", Files.readString(Path.of(t.latestCheckpoint()).resolve("n.txt")).trim());
      assertEquals(3, h.store.checkpoints(h.experimentId("fn")).size());
    }
  }

  @Test void pausedTrialResumesFromItsCheckpointAndCountsOn() throws Exception {
    try (EngineHarness h = new EngineHarness(tmp)) {
      ObjectNode s = scripted("pause", 30);
      s.with("space").put("sleep_ms", 100);
      var exp = h.start(s, EngineHarness.fast());
      h.awaitTrial("00000", t -> t.iteration() >= 3, Duration.ofSeconds(30));
      exp.controller().pauseTrial("00000").join();
      TrialSnapshot paused = h.awaitTrial("00000", t -> t.status() == TrialStatus.PAUSED, Duration.ofSeconds(20));
      int at = paused.iteration();
      assertNotNull(paused.latestCheckpoint(), "pause writes a checkpoint");
      Thread.sleep(300);
      assertEquals(at, h.trial("00000").iteration(), "a paused trial does not go on");
      exp.controller().resumeTrial("00000").join();
      TrialSnapshot later = h.awaitTrial("00000", t -> t.iteration() >= at + 2, Duration.ofSeconds(30));
      assertEquals(TrialStatus.RUNNING, later.status());
      exp.controller().stopTrial("00000").join();
      h.awaitEnd(Duration.ofSeconds(30));
      List<StoredResult> results = h.store.results(h.experimentId("pause"), "00000");
      for (int i = 0; i < results.size(); i++) {
        // the restored counter continues: iteration i+1 reports counter i+1, across the pause
        assertEquals(i + 1, results.get(i).iteration());
        assertEquals((long) (i + 1), results.get(i).metrics().get("counter"));
      }
      List<String> moves = h.store.events(h.experimentId("pause")).stream().map(StoredEvent::to).toList();
      assertEquals(List.of("PENDING", "RUNNING", "PAUSED", "PENDING", "RUNNING", "TERMINATED"), moves);
    }
  }

  /**
   * The experiment is paused and its user resumes one trial: that trial runs (the command says it did), the experiment
   * stays paused, and a trial added meanwhile waits, saying it waits for the experiment.
   */
  @Test void aTrialResumedWhileItsExperimentIsPausedRunsAndTheOthersSayWhatTheyWaitFor() throws Exception {
    try (EngineHarness h = new EngineHarness(tmp)) {
      ObjectNode s = scripted("pauseone", 60);
      s.with("space").put("sleep_ms", 100);
      var exp = h.start(s, EngineHarness.fast());
      h.awaitTrial("00000", t -> t.iteration() >= 2, Duration.ofSeconds(30));
      exp.controller().pauseAll().join();
      int at = h.awaitTrial("00000", t -> t.status() == TrialStatus.PAUSED, Duration.ofSeconds(20)).iteration();
      String added = exp.controller().addTrial(h.trial("00000").config()).join();
      h.awaitTrial(added, t -> "the experiment to be resumed (it is paused)".equals(t.waitingFor()), Duration.ofSeconds(10));
      exp.controller().resumeTrial("00000").join();
      TrialSnapshot later = h.awaitTrial("00000", t -> t.iteration() >= at + 2, Duration.ofSeconds(30));
      assertEquals(TrialStatus.RUNNING, later.status());
      assertEquals(TrialStatus.PENDING, h.trial(added).status(), "only the resumed trial runs");
      assertEquals("PAUSED", h.store.find("pauseone").orElseThrow().status(), "the experiment stays paused");
      exp.controller().stopAll().join();
      h.awaitEnd(Duration.ofSeconds(30));
      // the logs Tunebench writes are 0600 whatever the umask (their folders are 0700)
      try (var files = Files.walk(Path.of(h.store.find("pauseone").orElseThrow().homeDir()))) {
        List<Path> logs = files.filter(p -> p.getFileName().toString().endsWith(".log")).toList();
        assertTrue(logs.stream().anyMatch(p -> p.getFileName().toString().startsWith("worker-")), logs.toString());
        assertTrue(logs.stream().anyMatch(p -> p.getFileName().toString().equals("trial.log")), logs.toString());
        for (Path p : logs) {
          assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), p.toString());
        }
      }
    }
  }

  @Test void failedTrialIsRetriedFromItsLatestCheckpoint() throws Exception {
    try (EngineHarness h = new EngineHarness(tmp)) {
      ObjectNode s = scripted("retry", 10);
      s.with("space").put("fail_once_at", 7).put("once_key", UUID.randomUUID().toString());
      s.putObject("checkpoint").put("frequency", 2);
      s.putObject("failure").put("maxRetries", 1);
      h.start(s, EngineHarness.fast());
      assertEquals("COMPLETED", h.awaitEnd(Duration.ofSeconds(60)));
      TrialSnapshot t = h.trials().get(0);
      assertEquals(TrialStatus.TERMINATED, t.status());
      assertEquals(1, t.retries());
      assertEquals(10, t.iteration());
      List<StoredResult> results = h.store.results(h.experimentId("retry"), "00000");
      List<Integer> iters = results.stream().map(StoredResult::iteration).toList();
      // 1..6 before the failure at 7, then 7..10 after restoring checkpoint_000006
      assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), iters);
      assertEquals(7L, results.get(6).metrics().get("counter"));
      List<StoredEvent> ev = h.store.events(h.experimentId("retry"));
      StoredEvent errored = ev.stream().filter(e -> e.to().equals("ERRORED")).findFirst().orElseThrow();
      assertTrue(errored.reason().contains("transient failure at 7"), errored.reason());
      assertTrue(ev.stream().anyMatch(e -> e.reason().contains("retry 1 of 1 from checkpoint_000006")), ev.toString());
    }
  }

  @Test void killMinus9OfAWorkerErrorsTheTrialWithTheSignalAndTheRetryFinishes() throws Exception {
    try (EngineHarness h = new EngineHarness(tmp)) {
      ObjectNode s = scripted("kill9", 12);
      s.with("space").put("sleep_ms", 100);
      s.putObject("checkpoint").put("frequency", 1);
      s.putObject("failure").put("maxRetries", 1);
      h.start(s, EngineHarness.fast());
      TrialSnapshot t = h.awaitTrial("00000", x -> x.lastResult() != null && x.iteration() >= 4, Duration.ofSeconds(30));
      long pid = ((Number) t.lastResult().get("pid")).longValue();
      HardKill.pid(pid);
      assertEquals("COMPLETED", h.awaitEnd(Duration.ofSeconds(60)));
      TrialSnapshot done = h.trials().get(0);
      assertEquals(TrialStatus.TERMINATED, done.status());
      assertEquals(1, done.retries());
      assertTrue(done.error() == null || done.error().contains("SIGKILL"), String.valueOf(done.error()));
      StoredEvent errored = h.store.events(h.experimentId("kill9")).stream()
          .filter(e -> e.to().equals("ERRORED")).findFirst().orElseThrow();
      assertTrue(errored.reason().contains("killed by SIGKILL"), errored.reason());
      assertTrue(ProcessHandle.of(pid).isEmpty() || !ProcessHandle.of(pid).get().isAlive());
    }
  }

  @Test void aTrainableBundlingItsOwnJacksonGetsItsOwnVersion() throws Exception {
    try (EngineHarness h = new EngineHarness(tmp)) {
      h.start(EngineHarness.spec(conflict, null, "conflict"), EngineHarness.fast());
      assertEquals("COMPLETED", h.awaitEnd(Duration.ofSeconds(60)));
      TrialSnapshot t = h.trials().get(0);
      assertEquals(TrialStatus.TERMINATED, t.status(), String.valueOf(t.error()));
      assertEquals("bundled-with-trainable", t.lastResult().get("jackson"));
    }
  }

  @Test void misbehavingTrainablesErrorTheirOwnTrialWithTheReasonAndTheDriverGoesOn() throws Exception {
    try (EngineHarness h = new EngineHarness(tmp)) {
      ObjectNode s = scripted("misbehave", 3);
      var grid = s.with("space").putObject("case").putArray("grid");
      grid.addObject().put("fail_setup", 1);
      grid.addObject().put("fail_at", 2);
      grid.addObject().put("null_at", 2);
      grid.addObject().put("text_at", 2);
      grid.addObject().put("exit_at", 2);
      grid.addObject().put("oom_at", 2);
      grid.addObject().put("nan_at", 2);
      s.put("maxConcurrentTrials", 2);
      h.start(s, EngineHarness.fast());
      assertEquals("COMPLETED", h.awaitEnd(Duration.ofSeconds(120)));
      List<TrialSnapshot> t = h.trials();
      assertEquals(7, t.size());
      assertError(t.get(0), "setup refused this config", "(in setup)");
      assertError(t.get(1), "IllegalArgumentException: boom at 2", "(in step)");
      assertError(t.get(2), "step() returned null");
      assertError(t.get(3), "metric 'score' is the string \"not a number\"");
      assertError(t.get(4), "exited with code 42");
      assertError(t.get(5), "OutOfMemoryError");
      TrialSnapshot nan = t.get(6);
      assertEquals(TrialStatus.TERMINATED, nan.status(), "NaN is a number: the trial goes on");
      assertEquals(3, nan.iteration());
      assertNull(nan.error());
    }
  }

  private static void assertError(TrialSnapshot t, String... parts) {
    assertEquals(TrialStatus.ERRORED, t.status(), t.id() + " " + t.config());
    for (String p : parts) assertTrue(t.error().contains(p), t.id() + ": '" + t.error() + "' lacks '" + p + "'");
  }

  @Test void stoppingAHungTrialKillsItsWorkerAfterTheGracePeriod() throws Exception {
    try (EngineHarness h = new EngineHarness(tmp)) {
      ObjectNode s = scripted("hang", 100);
      s.with("space").put("hang_at", 2);
      var exp = h.start(s, EngineHarness.fast());
      TrialSnapshot t = h.awaitTrial("00000", x -> x.lastResult() != null, Duration.ofSeconds(30));
      long pid = ((Number) t.lastResult().get("pid")).longValue();
      exp.controller().stopTrial("00000").join();
      TrialSnapshot stopped = h.awaitTrial("00000", x -> x.status() == TrialStatus.TERMINATED, Duration.ofSeconds(20));
      assertTrue(h.store.events(h.experimentId("hang")).stream().anyMatch(e -> e.reason().contains("did not return")));
      Thread.sleep(500);
      assertTrue(ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true), "worker " + pid + " killed");
      assertEquals(1, stopped.iteration());
    }
  }

  static ObjectNode copy(ObjectNode n) {
    return (ObjectNode) Wire.JSON.valueToTree(n);
  }
}
