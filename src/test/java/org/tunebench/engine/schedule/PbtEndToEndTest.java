package org.tunebench.engine.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.store.StoredExploit;
import org.tunebench.store.StoredResult;
import org.tunebench.testkit.EngineHarness;
import org.tunebench.testkit.TestJars;

/**
 * PBT through the real driver: four concurrent {@code curves.Curve} trials ({@code score = a (1 - e^-t)},
 * so the ranking is by {@code a}), checkpoints every perturbation interval, {@code resetConfig} accepted.
 * Bottom-quantile trials must clone a top-quantile donor: the exploit is recorded, the trial's config
 * changes, and it continues from the donor's checkpoint iteration (the trainable's own counter, restored
 * from that checkpoint, agrees with the driver's {@code training_iteration}).
 */
class PbtEndToEndTest {
  @TempDir static Path jars;
  static Path curves;
  @TempDir Path tmp;

  @BeforeAll static void buildJars() throws Exception {
    curves = TestJars.build(jars, "curves", "curves.jar", List.of("curves.Curve"));
  }

  @Test void bottomTrialsCloneTheDonorsCheckpointAndGoOnFromItsIteration() throws Exception {
    try (EngineHarness h = new EngineHarness(tmp)) {
      ObjectNode s = EngineHarness.spec(curves, "curves.Curve", "pbt");
      s.put("maxConcurrentTrials", 4);
      ObjectNode space = s.with("space");
      space.putObject("a").putArray("grid").add(0.2).add(0.5).add(0.8).add(1.0);
      space.put("b", 1.0).put("sleep_ms", 30);
      ObjectNode pbt = s.putObject("scheduler");
      pbt.put("type", "pbt").put("timeAttr", "training_iteration").put("perturbationInterval", 4)
          .put("quantileFraction", 0.25).put("resampleProbability", 0.25).put("seed", 1);
      pbt.putObject("hyperparamMutations").putObject("a").putArray("uniform").add(0.1).add(1.2);
      s.putObject("checkpoint").put("frequency", 4); // divides perturbationInterval: donors have one there
      s.putObject("stop").put("training_iteration", 20);
      h.start(s, EngineHarness.fast());
      assertEquals("COMPLETED", h.awaitEnd(Duration.ofSeconds(240)));

      long exp = h.experimentId("pbt");
      List<StoredExploit> exploits = h.store.exploits(exp);
      assertFalse(exploits.isEmpty(), "no exploit happened");
      // each exploit restores its trial at the donor's checkpoint, which may be iterations behind: a second exploit of
      // the same trial can replay (and so supersede) every result of the first. The first exploit whose config is in
      // the kept timeline shows the clone going on; the last exploit of a trial that reported again always is.
      StoredExploit x = null;
      int donorIter = -1;
      for (StoredExploit e : exploits) {
        assertNotEquals(e.trialId(), e.donorId());
        // the donor's newest checkpoint; a donor that itself cloned another trial and had not saved since holds
        // that trial's checkpoint, so the folder may be another trial's
        Matcher m = Pattern.compile("trial_\\d+[/\\\\]checkpoint_(\\d+)$").matcher(e.checkpoint());
        assertTrue(m.find(), "the donor's checkpoint: " + e.checkpoint());
        int at = Integer.parseInt(m.group(1));
        assertEquals(0, at % 4, "checkpoints are taken at perturbation points");
        double a = ((Number) e.newConfig().get("a")).doubleValue();
        boolean kept = h.store.results(exp, e.trialId()).stream()
            .anyMatch(r -> ((Number) r.metrics().get("a_used")).doubleValue() == a);
        if (x == null && kept) {
          x = e;
          donorIter = at;
        }
      }
      assertNotNull(x, "an exploit whose config reached the kept results: " + exploits);
      double oldA = ((Number) x.oldConfig().get("a")).doubleValue();
      double newA = ((Number) x.newConfig().get("a")).doubleValue();
      assertNotEquals(oldA, newA, "explore changed the config");

      // the first result after the exploit carries the new config and counts on from the donor's checkpoint
      List<StoredResult> rs = h.store.results(exp, x.trialId());
      int first = -1;
      for (int i = 0; i < rs.size(); i++) {
        if (((Number) rs.get(i).metrics().get("a_used")).doubleValue() == newA) { first = i; break; }
      }
      assertTrue(first > 0, "a result with the new config");
      // before it, the trial's own config (oldA, or an earlier config when a superseded exploit came between)
      assertNotEquals(newA, ((Number) rs.get(first - 1).metrics().get("a_used")).doubleValue());
      StoredResult after = rs.get(first);
      assertEquals(donorIter + 1, after.iteration());
      assertEquals(donorIter + 1, ((Number) after.metrics().get("t")).intValue(), "restored from the donor's checkpoint");

      // every exploit left its trial on a config other than its start, and the driver's view agrees
      TrialSnapshot last = h.trial(exploits.get(exploits.size() - 1).trialId());
      assertEquals(((Number) exploits.get(exploits.size() - 1).newConfig().get("a")).doubleValue(),
          ((Number) last.config().get("a")).doubleValue());
      System.out.println("exploits: " + exploits.size() + ", first " + x.trialId() + " <- " + x.donorId()
          + " at checkpoint " + donorIter + ", a " + oldA + " -> " + newA);
    }
  }
}
