package org.tunebench.engine.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tunebench.model.ExperimentSpec.Mode;
import org.tunebench.model.SearchSpace;

class TpeSearcherTest extends SearcherContractTest {
  static final SearchSpace SPACE = parse("""
      {"lr": {"loguniform": [1e-4, 0.1]}, "depth": {"randint": [2, 10]}, "width": {"lograndint": [8, 512]},
       "opt": {"name": {"choice": ["adam", "sgd"]}, "momentum": {"quniform": [0, 1, 0.1]}},
       "steps": {"qrandint": [10, 100, 5]}, "noise": {"qrandn": [0, 1, 0.5]}, "decay": {"qloguniform": [1e-3, 1, 1e-3]},
       "rounds": {"grid": [50, 100]}, "seed": 7}
      """);
  static final TpeSearcher.Options FAST = new TpeSearcher.Options(3, 24, 0.1, 1.0, false, false, false, false);

  @Override SearchSpace space() {
    return SPACE;
  }

  @Override Searcher create(SearchSpace space, int numSamples, Long seed) {
    return new TpeSearcher(space, numSamples, "loss", Mode.MIN, FAST, List.of(), seed);
  }

  @Override int expectedTotal() {
    return NUM_SAMPLES;
  }

  static TpeSearcher tpe(SearchSpace space, int n, TpeSearcher.Options o, long seed) {
    return new TpeSearcher(space, n, "loss", Mode.MIN, o, List.of(), seed);
  }

  /** A loss over SPACE that prefers small lr, depth near 6 and sgd. */
  static double loss(Map<String, Object> c) {
    @SuppressWarnings("unchecked") Map<String, Object> opt = (Map<String, Object>) c.get("opt");
    return Math.abs(Math.log10(SearchLoop.x(c, "lr")) + 3) + Math.abs(SearchLoop.x(c, "depth") - 6)
        + ("sgd".equals(opt.get("name")) ? 0 : 1) + SearchLoop.x(opt, "momentum");
  }

  @Test void modelSuggestionsLieInsideTheSpaceForEveryOption() {
    for (TpeSearcher.Options o : List.of(FAST, new TpeSearcher.Options(3, 24, 0.25, 0.5, true, true, false, true))) {
      TpeSearcher s = tpe(SPACE, 40, o, 3);
      for (int i = 0; i < 40; i++) {
        Map<String, Object> c = s.suggest("t" + i).orElseThrow();
        assertTrue(SPACE.contains(c), () -> "outside the space: " + c);
        s.onTrialComplete("t" + i, Map.of("loss", loss(c)), false);
      }
    }
  }

  @Test void restoreWithObservationsGivesTheSameNextSuggestions() throws Exception {
    TpeSearcher original = tpe(SPACE, 30, FAST, 8);
    for (int i = 0; i < 12; i++) {
      Map<String, Object> c = original.suggest("t" + i).orElseThrow();
      if (i != 5) original.onTrialComplete("t" + i, i == 7 ? null : Map.of("loss", loss(c)), i == 7);
    }
    JsonNode saved = JSON.readTree(original.save().toString());
    TpeSearcher restored = tpe(SPACE, 30, FAST, 1);
    restored.restore(saved);
    for (int i = 12; i < 20; i++) {
      Map<String, Object> a = original.suggest("t" + i).orElseThrow();
      Map<String, Object> b = restored.suggest("t" + i).orElseThrow();
      assertEquals(a, b);
      original.onTrialComplete("t" + i, Map.of("loss", loss(a)), false);
      restored.onTrialComplete("t" + i, Map.of("loss", loss(b)), false);
    }
  }

  @Test void constantLiarSpreadsParallelSuggestions() {
    SearchSpace s = parse("{\"x\": {\"uniform\": [0, 1]}}");
    TpeSearcher liar = tpe(s, 40, new TpeSearcher.Options(5, 24, 0.1, 1.0, false, false, false, true), 4);
    for (int i = 0; i < 10; i++) {
      Map<String, Object> c = liar.suggest("t" + i).orElseThrow();
      liar.onTrialComplete("t" + i, Map.of("loss", Math.abs(SearchLoop.x(c, "x") - 0.3)), false);
    }
    Set<Object> pending = new HashSet<>();
    for (int i = 10; i < 14; i++) pending.add(liar.suggest("t" + i).orElseThrow().get("x"));
    assertEquals(4, pending.size());
  }

  @Test void maxModeMinimisesTheNegatedMetric() {
    SearchSpace s = parse("{\"x\": {\"uniform\": [-5, 5]}, \"y\": {\"uniform\": [-5, 5]}}");
    double[] best = new double[5];
    for (int seed = 0; seed < 5; seed++) {
      TpeSearcher t = new TpeSearcher(s, 60, "acc", Mode.MAX, TpeSearcher.DEFAULTS, List.of(), (long) seed);
      double b = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < 60; i++) {
        Map<String, Object> c = t.suggest("t" + i).orElseThrow();
        double acc = -(Math.pow(SearchLoop.x(c, "x") - 1, 2) + Math.pow(SearchLoop.x(c, "y") + 2, 2));
        b = Math.max(b, acc);
        t.onTrialComplete("t" + i, Map.of("acc", acc), false);
      }
      best[seed] = b;
    }
    assertTrue(SearchLoop.median(best) > -0.5, "median best " + SearchLoop.median(best));
  }

  @Test void differentSeedsGiveDifferentSuggestions() {
    assertNotEquals(take(create(SPACE, NUM_SAMPLES, 1L), 3), take(create(SPACE, NUM_SAMPLES, 2L), 3));
  }
}
