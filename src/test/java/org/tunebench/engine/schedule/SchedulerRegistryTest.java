package org.tunebench.engine.schedule;

import org.tunebench.model.ExperimentSpec.Mode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tunebench.model.SpecException;

class SchedulerRegistryTest {
  private static ObjectNode json(String s) throws Exception {
    return (ObjectNode) new ObjectMapper().readTree(s);
  }

  private static SpecException fails(String type, String params) throws Exception {
    ObjectNode p = json(params);
    return assertThrows(SpecException.class, () -> SchedulerRegistry.create(type, p, "acc", Mode.MAX));
  }

  @Test
  void eachTypeBuildsItsImplementationWithRayDefaults() throws Exception {
    assertInstanceOf(FifoScheduler.class, SchedulerRegistry.create(null, null, null, null));
    assertInstanceOf(FifoScheduler.class, SchedulerRegistry.create("fifo", json("{\"type\":\"fifo\"}"), "a", Mode.MAX));
    AshaScheduler asha = (AshaScheduler) SchedulerRegistry.create("asha", json("{}"), "acc", Mode.MAX);
    assertEquals(List.of(64.0, 16.0, 4.0, 1.0), asha.milestones(0));
    assertInstanceOf(HyperBandScheduler.class, SchedulerRegistry.create("hyperband", null, "acc", Mode.MIN));
    assertInstanceOf(MedianStoppingScheduler.class, SchedulerRegistry.create("median", null, "acc", Mode.MIN));
    assertInstanceOf(PbtScheduler.class,
        SchedulerRegistry.create("pbt", json("{\"hyperparamMutations\": {\"lr\": {\"loguniform\": [1e-4, 1e-1]}}}"),
            "acc", Mode.MAX));
  }

  @Test
  void specParametersReachTheScheduler() throws Exception {
    AshaScheduler asha = (AshaScheduler) SchedulerRegistry.create("asha",
        json("{\"type\":\"asha\",\"timeAttr\":\"training_iteration\",\"maxT\":27,\"gracePeriod\":1,\"reductionFactor\":3}"),
        "acc", Mode.MAX);
    assertEquals(List.of(27.0, 9.0, 3.0, 1.0), asha.milestones(0));
  }

  @Test
  void unknownTypeNamesTheAllowedOnes() throws Exception {
    SpecException e = fails("bohb", "{}");
    assertEquals("$.scheduler.type: unknown scheduler type \"bohb\"; available: fifo, asha, hyperband, median, pbt "
        + "(a plug-in's type is found in the trainable's JAR or in a JAR on TUNEBENCH_PLUGINS)", e.getMessage());
    assertEquals("$.scheduler.type", e.path());
  }

  @Test
  void unknownParameterIsNamedWithTheAllowedOnes() throws Exception {
    SpecException e = fails("asha", "{\"max_t\": 10}");
    assertEquals("$.scheduler.max_t", e.path());
    assertEquals("$.scheduler.max_t: unknown parameter; allowed: timeAttr, maxT, gracePeriod, reductionFactor, "
        + "brackets, stopLastTrials, metric, mode, seed", e.getMessage());
    assertEquals("$.scheduler.gracePeriod", fails("fifo", "{\"gracePeriod\": 1}").path());
  }

  @Test
  void wrongTypesAndRangesAreNamed() throws Exception {
    assertEquals("$.scheduler.reductionFactor: must be > 1, got 1", fails("asha", "{\"reductionFactor\": 1}").getMessage());
    assertEquals("$.scheduler.gracePeriod: must be <= maxT (10), got 20",
        fails("asha", "{\"maxT\": 10, \"gracePeriod\": 20}").getMessage());
    assertEquals("$.scheduler.maxT", fails("asha", "{\"maxT\": \"many\"}").path());
    assertEquals("$.scheduler.maxT", fails("hyperband", "{\"maxT\": 2.5}").path());
    assertEquals("$.scheduler.hardStop", fails("median", "{\"hardStop\": \"yes\"}").path());
    assertEquals("$.scheduler.quantileFraction", fails("pbt",
        "{\"quantileFraction\": 0.6, \"hyperparamMutations\": {\"a\": [1, 2]}}").path());
    assertEquals("$.scheduler.hyperparamMutations", fails("pbt", "{}").path());
    assertEquals("$.scheduler.hyperparamMutations.lr.uniform",
        fails("pbt", "{\"hyperparamMutations\": {\"lr\": {\"uniform\": [1, 0]}}}").path());
    assertEquals("$.scheduler.mode", fails("asha", "{\"mode\": \"maximize\"}").path());
  }

  @Test
  void messagesAreOneLine() throws Exception {
    for (SpecException e : List.of(fails("x", "{}"), fails("asha", "{\"y\":1}"), fails("pbt", "{}"))) {
      assertEquals(-1, e.getMessage().indexOf('\n'), e.getMessage());
    }
  }
}
