package org.tunebench.engine.stop;

import org.tunebench.model.ExperimentSpec.Mode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tunebench.model.SpecException;

class StopperRegistryTest {
  private final FakeClock clock = new FakeClock();

  private static JsonNode json(String s) throws Exception {
    return new ObjectMapper().readTree(s);
  }

  private Stopper create(String stop, Double budget) throws Exception {
    return StopperRegistry.create(stop == null ? null : json(stop), "acc", Mode.MAX, budget, clock);
  }

  private SpecException fails(String stop) throws Exception {
    JsonNode n = json(stop);
    return assertThrows(SpecException.class, () -> StopperRegistry.create(n, "acc", Mode.MAX, null, clock));
  }

  @Test
  void nothingNeverStops() throws Exception {
    Stopper s = create(null, null);
    assertFalse(s.stopTrial("t", Map.of("acc", 1e9, "training_iteration", 1_000_000)));
    assertFalse(s.stopAll());
  }

  @Test
  void theDictFormIsRaysThresholds() throws Exception {
    Stopper s = create("{\"training_iteration\": 100, \"acc\": 0.9}", null);
    assertInstanceOf(MetricThresholdStopper.class, s);
    assertFalse(s.stopTrial("t", Map.of("training_iteration", 99, "acc", 0.8)));
    assertTrue(s.stopTrial("t", Map.of("training_iteration", 100, "acc", 0.8)));
  }

  @Test
  void typedListAndTimeBudgetCombine() throws Exception {
    Stopper s = create("""
        [{"type": "maximum_iteration", "maxIter": 2},
         {"type": "threshold", "value": 0.9},
         {"type": "trial_plateau", "numResults": 2, "gracePeriod": 0},
         {"type": "experiment_plateau", "top": 3, "patience": 2},
         {"type": "timeout", "seconds": 60}]""", 30.0);
    assertEquals(6, ((CombinedStopper) s).stoppers().size());
    assertFalse(s.stopTrial("t", Map.of("acc", 0.1)));
    assertTrue(s.stopTrial("u", Map.of("acc", 0.95)), "threshold on the experiment's metric");
    assertFalse(s.stopAll());
    clock.advance(Duration.ofSeconds(30));
    assertTrue(s.stopAll(), "timeBudgetS of 30 s is the tighter timeout");
  }

  @Test
  void errorsNameThePath() throws Exception {
    SpecException e = fails("[{\"type\": \"timeout\", \"seconds\": 5}, {\"type\": \"plateau\"}]");
    assertEquals("$.stop[1].type", e.path());
    assertEquals("$.stop[1].type: unknown stopper type \"plateau\"; available: maximum_iteration, trial_plateau, "
        + "experiment_plateau, timeout, threshold (a plug-in's type is found in the trainable's JAR or in a JAR on "
        + "TUNEBENCH_PLUGINS)", e.getMessage());
    assertEquals("$.stop[0].type", fails("[{\"maxIter\": 3}]").path());
    SpecException p = fails("[{\"type\": \"maximum_iteration\", \"max_iter\": 3}]");
    assertEquals("$.stop[0].max_iter: unknown parameter; allowed: maxIter", p.getMessage());
    assertEquals("$.stop[0].maxIter: is required by a maximum_iteration stopper: how many results each trial reports"
        + " (a whole number >= 1)", fails("[{\"type\": \"maximum_iteration\"}]").getMessage());
    assertEquals("$.stop[0].top", fails("[{\"type\": \"experiment_plateau\", \"top\": 1}]").path());
    assertEquals("$.stop[0].seconds", fails("[{\"type\": \"timeout\", \"seconds\": -1}]").path());
    assertEquals("$.stop.acc", fails("{\"acc\": \"high\"}").path());
    assertEquals("$.stop", fails("42").path());
    assertEquals("$.timeBudgetS", assertThrows(SpecException.class,
        () -> StopperRegistry.create(null, "acc", Mode.MAX, 0.0, clock)).path());
  }
}
