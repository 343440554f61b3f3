package org.tunebench.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tunebench.model.TrialStatus;
import org.tunebench.testkit.EngineHarness;
import org.tunebench.testkit.TestJars;

/** {@code stepTimeoutS} with real worker JVMs: a step that sleeps forever, and one that ignores interrupts. */
class StepTimeoutTest {
  @TempDir static Path jars;
  static Path fixture;

  @TempDir Path tmp;

  @BeforeAll static void buildJars() throws Exception {
    fixture = TestJars.build(jars, "fixture", "fixture.jar", List.of("fixture.Scripted", "fixture.ScriptedFunction"));
  }

  @ParameterizedTest @ValueSource(strings = {"hang_at", "spin_at"})
  void aHungStepErrorsTheTrialAndIsRetried(String how) throws Exception {
    try (EngineHarness h = new EngineHarness(tmp)) {
      ObjectNode s = EngineHarness.spec(fixture, "fixture.Scripted", "hung-" + how);
      s.putObject("stop").put("training_iteration", 4);
      s.with("space").put(how, 2);
      s.put("stepTimeoutS", 1.5);
      s.putObject("failure").put("maxRetries", 1);
      long t0 = System.nanoTime();
      h.start(s, EngineHarness.fast());
      assertEquals("COMPLETED", h.awaitEnd(Duration.ofSeconds(60)));
      TrialSnapshot t = h.trial("00000");
      assertEquals(TrialStatus.ERRORED, t.status());
      assertEquals("no result for 1.5 s (stepTimeoutS)", t.error());
      assertEquals(List.of("no result for 1.5 s (stepTimeoutS)"), t.attempts());
      assertTrue(Duration.ofNanos(System.nanoTime() - t0).toSeconds() < 40, "found by the timeout, not by a grace period");
    }
  }

  @ParameterizedTest @ValueSource(strings = {"fixture.Scripted", "fixture.ScriptedFunction"})
  void aTimeoutLongerThanEveryStepChangesNothing(String cls) throws Exception {
    try (EngineHarness h = new EngineHarness(tmp)) {
      ObjectNode s = EngineHarness.spec(fixture, cls, "steady-" + cls);
      s.putObject("stop").put("training_iteration", 5);
      s.with("space").put("sleep_ms", 20).put("iterations", 100);
      s.put("stepTimeoutS", 10);
      h.start(s, EngineHarness.fast());
      assertEquals("COMPLETED", h.awaitEnd(Duration.ofSeconds(60)));
      TrialSnapshot t = h.trial("00000");
      assertEquals(TrialStatus.TERMINATED, t.status());
      assertNull(t.error());
      assertEquals(5, t.iteration());
    }
  }
}
