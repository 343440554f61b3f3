package org.tunebench.engine.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tunebench.model.ExperimentSpec.Mode;
import org.tunebench.model.SearchSpace;

class GpSearcherTest extends SearcherContractTest {
  @Override SearchSpace space() {
    return TpeSearcherTest.SPACE;
  }

  @Override Searcher create(SearchSpace space, int numSamples, Long seed) {
    return new GpSearcher(space, numSamples, "loss", Mode.MIN, 3, 200, List.of(), seed);
  }

  @Override int expectedTotal() {
    return NUM_SAMPLES;
  }

  @Test void modelSuggestionsLieInsideTheSpaceAndRestoreRepeatsThem() throws Exception {
    GpSearcher original = new GpSearcher(space(), 20, "loss", Mode.MIN, 4, 200, List.of(), 5L);
    for (int i = 0; i < 10; i++) {
      Map<String, Object> c = original.suggest("t" + i).orElseThrow();
      assertTrue(space().contains(c), () -> "outside the space: " + c);
      if (i != 8) original.onTrialComplete("t" + i, Map.of("loss", TpeSearcherTest.loss(c)), false);
    }
    JsonNode saved = JSON.readTree(original.save().toString());
    GpSearcher restored = new GpSearcher(space(), 20, "loss", Mode.MIN, 4, 200, List.of(), 77L);
    restored.restore(saved);
    for (int i = 10; i < 13; i++) {
      Map<String, Object> a = original.suggest("t" + i).orElseThrow();
      assertTrue(space().contains(a), () -> "outside the space: " + a);
      assertEquals(a, restored.suggest("t" + i).orElseThrow());
      original.onTrialComplete("t" + i, Map.of("loss", TpeSearcherTest.loss(a)), false);
      restored.onTrialComplete("t" + i, Map.of("loss", TpeSearcherTest.loss(a)), false);
    }
  }

  @Test void refinementReflectsAtTheBoundsInsteadOfPilingUpOnThem() {
    assertEquals(0.1, GpSearcher.reflect(-0.1), 1e-12);
    assertEquals(0.8, GpSearcher.reflect(1.2), 1e-12);
    assertEquals(0.5, GpSearcher.reflect(2.5), 1e-12);
    assertEquals(0.3, GpSearcher.reflect(0.3), 0);
    // the best point is the corner (1, 1): clamped steps used to land exactly on it, reflected ones do not
    SearchSpace box = SearchSpace.parse(JSON.valueToTree(Map.of("a", Map.of("uniform", List.of(0, 1)),
        "b", Map.of("uniform", List.of(0, 1)))));
    GpSearcher gp = new GpSearcher(box, 30, "loss", Mode.MIN, 5, 200, List.of(), 3L);
    int onBound = 0;
    for (int i = 0; i < 30; i++) {
      Map<String, Object> c = gp.suggest("t" + i).orElseThrow();
      double a = ((Number) c.get("a")).doubleValue();
      double b = ((Number) c.get("b")).doubleValue();
      if (a == 0 || a == 1 || b == 0 || b == 1) onBound++;
      gp.onTrialComplete("t" + i, Map.of("loss", -a - b), false);
    }
    assertEquals(0, onBound);
  }

  @Test void refinementAlsoChangesCategories() {
    SearchSpace s = SearchSpace.parse(JSON.valueToTree(Map.of("c", Map.of("choice", List.of("a", "b", "c", "d")))));
    UnitEncoder enc = new UnitEncoder(s);
    double[] x = enc.encode(Map.of("c", "a"));
    java.util.SplittableRandom rng = new java.util.SplittableRandom(1);
    java.util.Set<Object> seen = new java.util.HashSet<>();
    for (int i = 0; i < 50; i++) {
      double[] y = x.clone();
      enc.switchCategories(y, 1.0, rng);
      Object v = enc.decode(y).get("c");
      assertTrue(!"a".equals(v), "a switch must move to another category");
      seen.add(v);
    }
    assertEquals(java.util.Set.of("b", "c", "d"), seen);
  }

  @Test void logEiIsFiniteAndMonotoneFarBelowTheIncumbent() {
    double prev = Double.NEGATIVE_INFINITY;
    for (double mean = 40; mean >= -2; mean -= 0.5) {
      double v = LogExpectedImprovement.of(mean, 1, 0);
      assertTrue(Double.isFinite(v), "mean " + mean);
      assertTrue(v > prev, "not increasing at mean " + mean);
      prev = v;
    }
    assertEquals(Math.log(0.3989422804014327), LogExpectedImprovement.of(0, 1, 0), 1e-9);
  }
  @Test void aMaxObjectiveIsWarpedAsItsNegatedMinObjective() {
    // losses spanning orders of magnitude, so the power transform does something; mode max sees -f
    SearchSpace box = SearchSpace.parse(JSON.valueToTree(Map.of("a", Map.of("uniform", List.of(-2, 2)),
        "b", Map.of("uniform", List.of(-1, 3)))));
    GpSearcher min = new GpSearcher(box, 16, "f", Mode.MIN, 5, 200, List.of(), 9L);
    GpSearcher max = new GpSearcher(box, 16, "f", Mode.MAX, 5, 200, List.of(), 9L);
    for (int i = 0; i < 16; i++) {
      Map<String, Object> c = min.suggest("t" + i).orElseThrow();
      assertEquals(c, max.suggest("t" + i).orElseThrow());
      double a = ((Number) c.get("a")).doubleValue();
      double b = ((Number) c.get("b")).doubleValue();
      double f = 100 * Math.pow(b - a * a, 2) + Math.pow(1 - a, 2);
      min.onTrialComplete("t" + i, Map.of("f", f), false);
      max.onTrialComplete("t" + i, Map.of("f", -f), false);
    }
  }
}
