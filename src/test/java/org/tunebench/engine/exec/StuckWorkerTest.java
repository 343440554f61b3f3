package org.tunebench.engine.exec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tunebench.testkit.TestJars;
import org.tunebench.wire.Channel;
import org.tunebench.wire.Msg;

/**
 * A worker stuck in user code that never returns, even one that swallows interrupts, ends promptly (with every
 * process it started) when the driver kills it: what a step timeout relies on.
 */
class StuckWorkerTest {
  @TempDir static Path jars;
  static Path jar;

  @TempDir Path tmp;

  @BeforeAll static void buildJar() throws Exception {
    jar = TestJars.build(jars, "hardening", "hardening.jar", List.of("hardening.Probe", "hardening.StuckFunction"));
  }

  @ParameterizedTest
  @CsvSource({
      "hardening.Probe, sleep_forever_at", "hardening.Probe, ignore_interrupts",
      "hardening.StuckFunction, sleep", "hardening.StuckFunction, ignore"})
  void aStuckWorkerIsKilledPromptly(String cls, String how) throws Exception {
    Map<String, Object> config = cls.endsWith("Probe") ? Map.of(how, 2L, "spawn_sleep", 1L) : Map.of("mode", how);
    try (LocalProcessExecutor ex = new LocalProcessExecutor(tmp.resolve("workers"))) {
      CountDownLatch firstResult = new CountDownLatch(1);
      CompletableFuture<String> exit = new CompletableFuture<>();
      long[] child = {-1};
      WorkerHandle w = ex.launch(new LaunchSpec("00000", 1, jar, cls, config, tmp.resolve("t"), null, List.of(), 128),
          new WorkerListener() {
            @Override public void onMessage(WorkerHandle h, ObjectNode m) {
              if (Msg.RESULT.equals(m.path("type").asText())) {
                child[0] = m.path("metrics").path("childPid").asLong(-1);
                h.send(Channel.message(Msg.CONTINUE));
                firstResult.countDown();
              }
            }

            @Override public void onExit(WorkerHandle h, String description) {
              exit.complete(description);
            }
          });
      assertTrue(firstResult.await(60, TimeUnit.SECONDS), "first result");
      Thread.sleep(1_500); // well inside the stuck call now
      long t0 = System.nanoTime();
      w.kill();
      String how2 = exit.get(10, TimeUnit.SECONDS);
      double s = (System.nanoTime() - t0) / 1e9;
      assertTrue(s < 5, "killed after " + s + " s");
      assertTrue(how2.contains("SIGKILL"), how2);
      if (child[0] > 0) {
        // killed with the worker; re-parented and reaped by init a moment later
        long end = System.nanoTime() + 10_000_000_000L;
        while (ProcessHandle.of(child[0]).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < end) {
          Thread.sleep(20);
        }
        assertTrue(ProcessHandle.of(child[0]).map(p -> !p.isAlive()).orElse(true), "the trial's child outlived it");
      }
    }
  }
}
