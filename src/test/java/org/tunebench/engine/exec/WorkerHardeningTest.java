package org.tunebench.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunebench.engine.ResourcePool;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.model.TrialStatus;
import org.tunebench.testkit.EngineHarness;
import org.tunebench.testkit.TestJars;

/** Worker and executor hardening against real worker JVMs running the trainables in src/test/trainables/hardening. */
class WorkerHardeningTest {
  @TempDir static Path jars;
  static Path probe;

  @TempDir Path tmp;

  @BeforeAll static void buildJars() throws Exception {
    probe = TestJars.build(jars, "hardening", "hardening.jar", List.of("hardening.Probe", "hardening.BigReport"));
  }

  /** Starts {@code spec} on a local executor the test can look into. */
  private org.tunebench.app.RunningExperiment run;

  private LocalProcessExecutor start(EngineHarness h, ObjectNode spec) throws Exception {
    AtomicReference<LocalProcessExecutor> ex = new AtomicReference<>();
    ExecutorFactory capture = (s, dir) -> {
      LocalProcessExecutor e = new LocalProcessExecutor(dir.resolve("workers"));
      ex.set(e);
      return e;
    };
    run = h.start(spec, EngineHarness.fast(), capture, new ResourcePool(2, 0, 16_000));
    return ex.get();
  }

  private static ObjectNode probe(String name, int iterations) {
    ObjectNode s = EngineHarness.spec(probe, "hardening.Probe", name);
    s.putObject("stop").put("training_iteration", iterations);
    return s;
  }

  @Test void aResultOverTheLimitErrorsItsTrialWithTheSize() throws Exception {
    try (EngineHarness h = new EngineHarness(tmp)) {
      ObjectNode s = probe("big", 5);
      s.with("space").put("big_at", 2);
      h.start(s, EngineHarness.fast());
      h.awaitEnd(Duration.ofSeconds(60));
      TrialSnapshot t = h.trials().get(0);
      assertEquals(TrialStatus.ERRORED, t.status());
      assertTrue(t.error().contains("result too large: ") && t.error().contains(" bytes, limit 16777216"), t.error());
      assertTrue(t.error().endsWith("(in step)"), t.error());
      assertEquals(1, t.iteration());
    }
  }

  @Test void aFunctionApiReportOverTheLimitFailsTheReportCall() throws Exception {
    try (EngineHarness h = new EngineHarness(tmp)) {
      h.start(EngineHarness.spec(probe, "hardening.BigReport", "bigfn"), EngineHarness.fast());
      h.awaitEnd(Duration.ofSeconds(60));
      TrialSnapshot t = h.trials().get(0);
      assertEquals(TrialStatus.ERRORED, t.status());
      assertTrue(t.error().startsWith("java.lang.IllegalArgumentException: result too large: "), t.error());
      assertEquals(1, t.iteration());
    }
  }

  @Test void theSecretIsNeitherInTheTrialsEnvironmentNorOnTheCommandLine() throws Exception {
    try (EngineHarness h = new EngineHarness(tmp)) {
      LocalProcessExecutor ex = start(h, probe("env", 2));
      h.awaitEnd(Duration.ofSeconds(60));
      var first = h.store.results(h.experimentId("env"), "00000").get(0).metrics();
      String cmd = (String) first.get("cmdline");
      String env = (String) first.get("env");
      assertTrue(cmd.endsWith(JvmCommand.WORKER_MAIN + " " + ex.port() + " w1"), cmd);
      assertFalse(cmd.contains(ex.secret()), "secret on the command line");
      assertFalse(env.contains(ex.secret()), "secret in the environment");
      assertFalse(env.contains("TUNEBENCH_CLUSTER_SECRET"), env);
      assertEquals("00000", first.get("infoId"), first.toString());
    }
  }

  @Test void aHostileLocalProcessWithoutTheSecretNeitherEvictsWorkersNorGrowsTheDriver() throws Exception {
    try (EngineHarness h = new EngineHarness(tmp)) {
      ObjectNode s = probe("hostile", 3);
      s.put("numSamples", 6);
      s.with("space").put("sleep_ms", 100);
      AtomicReference<Process> hostile = new AtomicReference<>();
      AtomicReference<java.io.BufferedReader> said = new AtomicReference<>();
      AtomicReference<String> earlyPushed = new AtomicReference<>();
      // the flood is on before the first worker starts: the executor is made, then the hostile process
      // starts claiming every worker id, and only then are trials launched
      ExecutorFactory underAttack = (sp, dir) -> {
        LocalProcessExecutor e = new LocalProcessExecutor(dir.resolve("workers"));
        try {
          Process p = new ProcessBuilder(JvmCommand.javaBinary(),
              TestJars.projectDir().resolve("src/test/trainables/hostile/Hostile.java").toString(),
              Integer.toString(e.port()), "12").redirectErrorStream(true).start();
          hostile.set(p);
          said.set(new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())));
          // the push thread may finish (and print pushed=N) before the main thread says flooding
          String line = said.get().readLine();
          for (int i = 0; i < 3 && line != null && line.startsWith("pushed="); i++) {
            earlyPushed.set(line);
            line = said.get().readLine();
          }
          assertEquals("flooding", line);
        } catch (java.io.IOException io) {
          throw new java.io.UncheckedIOException(io);
        }
        return e;
      };
      h.start(s, EngineHarness.fast(), underAttack, new ResourcePool(2, 0, 16_000));
      try {
        assertEquals("COMPLETED", h.awaitEnd(Duration.ofSeconds(120)));
        for (TrialSnapshot t : h.trials()) {
          assertEquals(TrialStatus.TERMINATED, t.status(), t.id() + ": " + t.error());
          assertEquals(3, t.iteration());
        }
        long pushed = Long.parseLong((earlyPushed.get() != null ? earlyPushed.get()
            : said.get().lines().filter(l -> l.startsWith("pushed=")).findFirst().orElseThrow())
            .substring(7));
        System.out.println("hostile process pushed " + pushed + " bytes before the driver hung up");
        // the driver reads at most 4 KB before the secret; the rest is what the kernel's socket buffers held
        assertTrue(pushed < 100L << 20, "the driver took " + pushed + " bytes before authentication");
      } finally {
        if (hostile.get() != null) hostile.get().destroyForcibly();
      }
    }
  }

  @Test void anInterruptFlagLeftSetDoesNotFailTheTrial() throws Exception {
    try (EngineHarness h = new EngineHarness(tmp)) {
      ObjectNode s = probe("interrupt", 4);
      s.with("space").put("interrupt", 1);
      h.start(s, EngineHarness.fast());
      assertEquals("COMPLETED", h.awaitEnd(Duration.ofSeconds(60)));
      TrialSnapshot t = h.trials().get(0);
      assertEquals(TrialStatus.TERMINATED, t.status(), t.error());
      assertEquals(4, t.iteration());
    }
  }

  @Test void aHugeExceptionMessageIsCutInTheErrorButKeptWholeInTheStackAndLog() throws Exception {
    try (EngineHarness h = new EngineHarness(tmp)) {
      ObjectNode s = probe("longerror", 5);
      s.with("space").put("long_error_at", 2);
      h.start(s, EngineHarness.fast());
      h.awaitEnd(Duration.ofSeconds(60));
      TrialSnapshot t = h.trials().get(0);
      assertEquals(TrialStatus.ERRORED, t.status());
      assertTrue(t.error().length() < 1_200, "error line of " + t.error().length() + " characters");
      assertTrue(t.error().contains("more characters; full text in trial.log]"), t.error());
      assertTrue(t.error().endsWith("(in step)"), t.error());
      assertNotNull(t.errorStack());
      assertTrue(t.errorStack().contains("y".repeat(200_000)), "stack keeps the whole message");
      assertTrue(Files.readString(Path.of(t.dir()).resolve("trial.log")).contains("y".repeat(200_000)));
    }
  }

  @Test void trialLogKeepsItsHeadAndTailWhetherTheTrialEndsOrFails() throws Exception {
    try (EngineHarness h = new EngineHarness(tmp)) {
      ObjectNode s = probe("chatty", 3);
      s.putObject("space").put("print_kb", 6_000).putObject("fail").putArray("grid").add(0).add(3);
      h.start(s, EngineHarness.fast());
      h.awaitEnd(Duration.ofSeconds(120));
      for (TrialSnapshot t : h.trials()) {
        Path dir = Path.of(t.dir());
        Path log = dir.resolve("trial.log");
        long size = Files.size(log);
        assertTrue(size <= (16L << 20) + 4096, "trial.log of " + size + " bytes after 18 MB of output");
        String text = Files.readString(log);
        assertTrue(text.contains("trial.log reached its cap"), t.id());
        assertTrue(text.contains("bytes of output left out here"), t.id());
        assertFalse(Files.exists(dir.resolve("trial.log.tail")), "tail appended and removed");
        assertFalse(Files.exists(dir.resolve("trial.log.tail.prev")));
        if (t.status() == TrialStatus.ERRORED) {
          assertTrue(text.contains("[tunebench] trial failed in step"), "the failure is in the kept tail");
        } else {
          assertTrue(text.endsWith("3" + "z".repeat(1023) + "\n"), "the last line printed is kept");
        }
      }
    }
  }

  @Test void processesATrialStartedEndWithItsWorkerHoweverItEnds() throws Exception {
    try (EngineHarness h = new EngineHarness(tmp)) {
      ObjectNode s = probe("children", 1000);
      s.put("numSamples", 4);
      s.with("space").put("spawn_sleep", 1).put("sleep_ms", 50);
      LocalProcessExecutor ex = start(h, s);
      List<TrialSnapshot> running = List.of(
          h.awaitTrial("00000", t -> t.iteration() >= 2, Duration.ofSeconds(60)),
          h.awaitTrial("00001", t -> t.iteration() >= 2, Duration.ofSeconds(60)),
          h.awaitTrial("00002", t -> t.iteration() >= 2, Duration.ofSeconds(60)),
          h.awaitTrial("00003", t -> t.iteration() >= 2, Duration.ofSeconds(60)));
      long[] children = running.stream().mapToLong(t -> ((Number) t.lastResult().get("childPid")).longValue()).toArray();
      long[] workers = running.stream().mapToLong(t -> ((Number) t.lastResult().get("pid")).longValue()).toArray();
      for (long c : children) assertTrue(ProcessHandle.of(c).map(ProcessHandle::isAlive).orElse(false));
      LocalWorker byPid0 = worker(ex, workers[0]);
      LocalWorker byPid1 = worker(ex, workers[1]);

      byPid0.process().getOutputStream().close(); // what the worker sees when the driver is killed with -9
      awaitGone(children[0]);
      awaitGone(workers[0]);

      byPid1.kill(); // the driver's kill of one worker tree
      awaitGone(children[1]);

      // killed by someone else (as the OOM killer would): its child is re-parented, and found by its tag
      new ProcessBuilder("kill", "-9", Long.toString(workers[3])).start().waitFor();
      awaitGone(workers[3]);
      awaitGone(children[3]);

      // a normal end of the last trial: its worker is idle, then released as the experiment ends, tree and all
      run.controller().stopTrial("00002").join();
      awaitGone(children[2]);
      awaitGone(workers[2]);
    }
  }

  private static LocalWorker worker(LocalProcessExecutor ex, long pid) {
    return ex.workers().stream().filter(w -> w.process().pid() == pid).findFirst().orElseThrow();
  }

  private static void awaitGone(long pid) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < end) {
      if (ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) return;
      Thread.sleep(50);
    }
    throw new AssertionError("process " + pid + " outlived its worker");
  }
}
