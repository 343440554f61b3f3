package org.tunebench.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.model.TrialStatus;
import org.tunebench.store.StoredExploit;
import org.tunebench.store.StoredResult;
import org.tunebench.testkit.EngineHarness;

/** A small PBT run of the pbt-mlp sample on real worker JVMs: it completes and bottom trials exploit donors. */
class PbtMlpSampleIT {
  @TempDir Path tmp;

  static ObjectNode smallPbt(String name, int maxConcurrent, double cpu) throws Exception {
    ObjectNode s = Samples.spec("pbt-mlp");
    s.put("name", name).put("numSamples", 4).put("maxConcurrentTrials", maxConcurrent);
    s.with("scheduler").put("perturbationInterval", 2).put("seed", 1);
    s.putObject("checkpoint").put("frequency", 2).put("atEnd", true);
    s.putObject("stop").put("training_iteration", 8);
    s.with("resourcesPerTrial").put("cpu", cpu);
    return s;
  }

  private static void run(EngineHarness h, ObjectNode spec) throws Exception {
    h.start(spec, EngineHarness.fast());
    try {
      assertEquals("COMPLETED", h.awaitEnd(Duration.ofSeconds(90)));
    } catch (TimeoutException e) {
      throw new AssertionError("the PBT run did not finish in 90 s; trials: " + h.trials().stream()
          .map(t -> t.id() + " " + t.status() + " @" + t.iteration()).toList(), e);
    }
    long exp = h.experimentId(spec.path("name").asText());
    for (TrialSnapshot t : h.trials()) {
      assertEquals(TrialStatus.TERMINATED, t.status(), t.id() + ": " + t.error());
      assertEquals(8, t.iteration(), t.id());
    }
    List<StoredExploit> exploits = h.store.exploits(exp);
    assertFalse(exploits.isEmpty(), "no PBT exploit recorded");
    StoredExploit x = exploits.get(0);
    assertTrue(x.checkpoint().contains("trial_" + x.donorId()), x.checkpoint());
    assertFalse(x.oldConfig().equals(x.newConfig()), "explore changed lr/momentum");
    // the exploiting trial's results after the exploit carry the new lr
    double newLr = ((Number) x.newConfig().get("lr")).doubleValue();
    List<StoredResult> rs = h.store.results(exp, x.trialId());
    assertTrue(rs.stream().anyMatch(r -> ((Number) r.metrics().get("lr")).doubleValue() == newLr),
        "a result with the exploited lr " + newLr);
    System.out.println(spec.path("name").asText() + ": " + exploits.size() + " exploits, first " + x.trialId()
        + " <- " + x.donorId() + " from " + x.checkpoint());
  }

  /** The whole population at once (4 x 0.5 CPU on 2 cores): no trial waits, so none is paused to make room. */
  @Test void pbtWithTheWholePopulationRunningCompletesWithExploits() throws Exception {
    try (EngineHarness h = new EngineHarness(tmp)) {
      run(h, smallPbt("pbt-mlp-all", 4, 0.5));
    }
  }

  /** 4 trials, 2 at a time: PBT pauses trials at perturbation points so that waiting ones get a turn. */
  @Test void pbtTimeMultiplexedCompletesWithExploits() throws Exception {
    try (EngineHarness h = new EngineHarness(tmp)) {
      run(h, smallPbt("pbt-mlp-2", 2, 1));
    }
  }
}
