package org.tunebench.engine.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tunebench.model.ExperimentSpec.Mode;
import org.tunebench.model.SearchSpace;

/** {@link Searcher#addEvaluated} (Ray's add_evaluated_point): warm start for TPE and GP. */
class WarmStartTest {
  static final SearchSpace SPACE = SearchSpace.parse(new ObjectMapper().valueToTree(Map.of(
      "x", Map.of("uniform", List.of(0, 1)), "opt", Map.of("k", Map.of("choice", List.of("a", "b"))), "seed", 7)));

  static double f(double x, String k) {
    return (x - 0.3) * (x - 0.3) + (k.equals("b") ? 0 : 0.5);
  }

  static Searcher create(String type, Mode mode, int numSamples) {
    return type.equals("tpe")
        ? new TpeSearcher(SPACE, numSamples, "m", mode, TpeSearcher.DEFAULTS, List.of(), 5L)
        : new GpSearcher(SPACE, numSamples, "m", mode, GpSearcher.DEFAULT_STARTUP, GpSearcher.DEFAULT_CANDIDATES, List.of(), 5L);
  }

  /** 40 earlier evaluations, as the launcher would feed them from the store (nested configs). */
  static void warm(Searcher s, Mode mode) {
    SplittableRandom rng = new SplittableRandom(1);
    for (int i = 0; i < 40; i++) {
      double x = rng.nextDouble();
      String k = rng.nextBoolean() ? "a" : "b";
      double v = f(x, k);
      s.addEvaluated(Map.of("x", x, "opt", Map.of("k", k), "seed", 7), mode == Mode.MAX ? -v : v);
    }
  }

  @SuppressWarnings("unchecked")
  static double loss(Map<String, Object> c) {
    return f(((Number) c.get("x")).doubleValue(), (String) ((Map<String, Object>) c.get("opt")).get("k"));
  }

  @Test void warmPointsSteerTheFirstSuggestionsAndDoNotUseUpNumSamples() {
    for (String type : List.of("tpe", "gp")) {
      for (Mode mode : List.of(Mode.MIN, Mode.MAX)) {
        Searcher s = create(type, mode, 5);
        warm(s, mode);
        double sum = 0;
        for (int i = 0; i < 5; i++) {
          Map<String, Object> c = s.suggest("0000" + i).orElseThrow();
          double l = loss(c);
          sum += l;
          s.onTrialComplete("0000" + i, Map.of("m", mode == Mode.MAX ? -l : l), false);
        }
        assertTrue(s.isFinished(), "numSamples counts only suggestions");
        // random search averages about 0.33 here; a model that learnt from the warm points does far better
        assertTrue(sum / 5 < 0.1, type + " " + mode + ": mean loss " + sum / 5);
      }
    }
  }

  @Test void saveKeepsTheWarmPointsAndRestoreGivesTheSameNextSuggestion() {
    for (String type : List.of("tpe", "gp")) {
      Searcher a = create(type, Mode.MIN, 10);
      warm(a, Mode.MIN);
      a.suggest("00000");
      a.onTrialComplete("00000", Map.of("m", 0.2), false);
      Searcher b = create(type, Mode.MIN, 10);
      b.restore(a.save());
      assertEquals(a.save(), b.save());
      assertEquals(a.suggest("00001"), b.suggest("00001"), type);
    }
  }

  @Test void aConfigThatDoesNotFitTheSpaceIsRefusedByName() {
    Searcher s = create("tpe", Mode.MIN, 5);
    var e = assertThrows(IllegalArgumentException.class, () -> s.addEvaluated(Map.of("x", 0.5), 1.0));
    assertTrue(e.getMessage().contains("opt.k"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> s.addEvaluated(Map.of("x", 2.0, "opt", Map.of("k", "a")), 1.0));
    assertTrue(e.getMessage().contains("x = 2.0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> s.addEvaluated(Map.of("x", 0.5, "opt", Map.of("k", "a")), Double.NaN));
    assertFalse(s.isFinished());
  }

  @Test void searchersWithoutAModelAndTheLimiterAcceptWarmPoints() {
    RandomSearcher r = new RandomSearcher(SPACE, 3, 1L);
    r.addEvaluated(Map.of("x", 0.5, "opt", Map.of("k", "a")), 1.0); // ignored
    Searcher tpe = create("tpe", Mode.MIN, 5);
    ConcurrencyLimiter lim = new ConcurrencyLimiter(tpe, 2);
    warm(lim, Mode.MIN);
    assertEquals(40, tpe.save().get("trials").size());
  }
}
