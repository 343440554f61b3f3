package org.tunebench.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunebench.testkit.TestJars;
import org.tunebench.wire.Channel;
import org.tunebench.wire.Msg;

/**
 * Real worker JVMs booted one at a time (a slot held until the worker's hello: the pace limit set far away): the
 * others wait, say so, and can be stopped before they start.
 */
class BootThrottleTest {
  @TempDir static Path jars;
  static Path jar;

  @TempDir Path tmp;

  @BeforeAll static void buildJar() throws Exception {
    jar = TestJars.build(jars, "hardening", "hardening.jar", List.of("hardening.Probe"));
  }

  private static final class Trial implements WorkerListener {
    final CompletableFuture<Double> firstScore = new CompletableFuture<>();
    final CompletableFuture<String> exit = new CompletableFuture<>();

    @Override public void onMessage(WorkerHandle h, ObjectNode m) {
      if (Msg.RESULT.equals(m.path("type").asText())) {
        firstScore.complete(m.path("metrics").path("score").asDouble());
        h.send(Channel.message(Msg.STOP));
      }
    }

    @Override public void onExit(WorkerHandle h, String description) {
      exit.complete(description);
    }
  }

  private LaunchSpec spec(String id) {
    return new LaunchSpec(id, 1, jar, "hardening.Probe", Map.of(), tmp.resolve(id), null, List.of(), 128);
  }

  @Test void withOneBootSlotTheSecondWorkerWaitsAndTheThirdCanBeStoppedBeforeItStarts() throws Exception {
    try (LocalProcessExecutor ex = new LocalProcessExecutor(tmp.resolve("workers"), 1, 60_000)) {
      Trial a = new Trial();
      Trial b = new Trial();
      Trial c = new Trial();
      WorkerHandle wa = ex.launch(spec("a"), a);
      WorkerHandle wb = ex.launch(spec("b"), b);
      WorkerHandle wc = ex.launch(spec("c"), c);
      assertNull(ex.waitingFor(wa), "the first worker boots at once");
      assertNotNull(ex.waitingFor(wb));
      assertTrue(ex.waitingFor(wb).contains("free core"), ex.waitingFor(wb));
      assertEquals(-1, wc.pid(), "no JVM started for the third yet");

      wc.kill();
      assertEquals("worker stopped before its JVM started", c.exit.get(10, TimeUnit.SECONDS));

      assertEquals(1.0, a.firstScore.get(60, TimeUnit.SECONDS));
      assertEquals(1.0, b.firstScore.get(60, TimeUnit.SECONDS), "the waiting worker started once a slot was free");
      assertNull(ex.waitingFor(wb));
      assertEquals(-1, wc.pid(), "the stopped one never started");
    }
  }
}
