package org.tunebench.engine.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tunebench.model.ExperimentSpec.Mode;
import org.tunebench.model.NestedChoice;
import org.tunebench.model.SearchSpace;
import org.tunebench.model.SpecException;

/** Conditional spaces: a choice whose options are nested spaces, through every searcher that takes them. */
class ConditionalSpaceTest {
  static final SearchSpace SPACE = SearcherContractTest.parse("""
      {"optimizer": {"choice": [
          {"name": "sgd", "momentum": {"uniform": [0.5, 0.99]}},
          {"name": "adam", "beta1": {"uniform": [0.8, 0.99]}, "beta2": {"loguniform": [0.9, 0.9999]}},
          "none"]},
       "lr": {"loguniform": [1e-4, 0.1]}}
      """);

  /** sgd with momentum near 0.9 is best; adam is worse everywhere, no optimizer worse still. */
  static double loss(Map<String, Object> c) {
    double lr = Math.abs(Math.log10(((Number) c.get("lr")).doubleValue()) + 2) * 0.1;
    if (c.get("optimizer") instanceof Map<?, ?> o && "sgd".equals(o.get("name"))) {
      return lr + Math.abs(((Number) o.get("momentum")).doubleValue() - 0.9);
    }
    if (c.get("optimizer") instanceof Map<?, ?> o) return lr + 1 + (0.99 - ((Number) o.get("beta1")).doubleValue());
    return lr + 2;
  }

  @Test void parsesBranchLeavesWithConditionsAndRoundTrips() {
    assertEquals(List.of("optimizer", "optimizer.0.name", "optimizer.0.momentum", "optimizer.1.name", "optimizer.1.beta1",
        "optimizer.1.beta2", "lr"), new ArrayList<>(SPACE.domains().keySet()));
    assertTrue(SPACE.domains().get("optimizer") instanceof NestedChoice);
    assertEquals(new SearchSpace.Condition("optimizer", 1), SPACE.condition("optimizer.1.beta2"));
    assertEquals("optimizer.beta2", SPACE.configPath("optimizer.1.beta2"));
    assertEquals(null, SPACE.condition("lr"));
    assertEquals(SPACE, SearchSpace.parse(SPACE.toJson()));
    // a choice of plain objects stays an ordinary choice of values
    SearchSpace plain = SearcherContractTest.parse("{\"a\": {\"choice\": [{\"x\": 1}, {\"x\": 2}]}}");
    assertEquals(List.of("a"), new ArrayList<>(plain.domains().keySet()));
  }

  @Test void aGridInsideAChoiceOptionIsRefusedNamingIt() {
    SpecException e = assertThrows(SpecException.class, () -> SearcherContractTest.parse(
        "{\"o\": {\"choice\": [{\"m\": {\"grid\": [1, 2]}}, 3]}}"));
    assertTrue(e.getMessage().contains("$.space.o.choice[0]") && e.getMessage().contains("never expanded"), e.getMessage());
  }

  @Test void randomSearchSamplesOnlyTheChosenBranch() {
    RandomSearcher s = new RandomSearcher(SPACE, 300, 5L);
    Set<Object> seen = new HashSet<>();
    for (int i = 0; i < 300; i++) {
      Map<String, Object> c = s.suggest("t" + i).orElseThrow();
      assertTrue(SPACE.contains(c), () -> "outside the space: " + c);
      Object o = c.get("optimizer");
      if (o instanceof Map<?, ?> m) {
        assertEquals(m.get("name").equals("sgd") ? Set.of("name", "momentum") : Set.of("name", "beta1", "beta2"), m.keySet());
        seen.add(m.get("name"));
      } else {
        assertEquals("none", o);
        seen.add(o);
      }
    }
    assertEquals(Set.of("sgd", "adam", "none"), seen);
  }

  @Test void gridSearchExpandsEachOptionsOwnGrid() {
    SearchSpace grid = SearcherContractTest.parse("""
        {"opt": {"grid": [{"name": "sgd", "m": {"grid": [0.9, 0.99]}}, {"name": "adam"}]}, "bs": {"grid": [32, 64]}}
        """);
    assertEquals(6, grid.gridSize());
    GridSearcher s = new GridSearcher(grid, 1);
    Set<Map<String, Object>> configs = new HashSet<>();
    while (!s.isFinished()) {
      Map<String, Object> c = s.suggest("t").orElseThrow();
      assertTrue(grid.contains(c), () -> "outside the space: " + c);
      configs.add(c);
    }
    assertEquals(6, configs.size());
    assertTrue(configs.contains(Map.of("opt", Map.of("name", "sgd", "m", 0.99), "bs", 64L)), configs::toString);
    assertTrue(configs.contains(Map.of("opt", Map.of("name", "adam"), "bs", 32L)), configs::toString);
  }

  @Test void tpeLearnsTheBestBranchInEveryMode() {
    for (TpeSearcher.Options o : List.of(TpeSearcherTest.FAST, new TpeSearcher.Options(5, 24, 0.1, 1.0, false, true, false, false),
        new TpeSearcher.Options(5, 24, 0.1, 1.0, false, true, true, false))) {
      assertPrefersSgd(new TpeSearcher(SPACE, 60, "loss", Mode.MIN, o, List.of(), 11L), o.toString());
    }
  }

  @Test void gpLearnsTheBestBranch() {
    assertPrefersSgd(new GpSearcher(SPACE, 40, "loss", Mode.MIN, 8, 300, List.of(), 4L), "gp");
  }

  private static void assertPrefersSgd(Searcher s, String what) {
    int sgdLate = 0;
    int n = s instanceof GpSearcher ? 40 : 60;
    for (int i = 0; i < n; i++) {
      Map<String, Object> c = s.suggest("t" + i).orElseThrow();
      assertTrue(SPACE.contains(c), () -> what + ": outside the space: " + c);
      if (i >= n / 2 && c.get("optimizer") instanceof Map<?, ?> m && "sgd".equals(m.get("name"))) sgdLate++;
      s.onTrialComplete("t" + i, Map.of("loss", loss(c)), false);
    }
    // random search would pick sgd a third of the time
    assertTrue(sgdLate > n / 4, what + ": sgd in only " + sgdLate + " of the last " + n / 2);
  }

  @Test void restoreOfAConditionalHistoryGivesTheSameSuggestions() throws Exception {
    TpeSearcher a = new TpeSearcher(SPACE, 30, "loss", Mode.MIN, TpeSearcherTest.FAST, List.of(), 3L);
    for (int i = 0; i < 15; i++) {
      Map<String, Object> c = a.suggest("t" + i).orElseThrow();
      a.onTrialComplete("t" + i, Map.of("loss", loss(c)), false);
    }
    TpeSearcher b = new TpeSearcher(SPACE, 30, "loss", Mode.MIN, TpeSearcherTest.FAST, List.of(), 99L);
    b.restore(new ObjectMapper().readTree(a.save().toString()));
    for (int i = 15; i < 20; i++) {
      Map<String, Object> ca = a.suggest("t" + i).orElseThrow();
      assertEquals(ca, b.suggest("t" + i).orElseThrow());
      a.onTrialComplete("t" + i, Map.of("loss", loss(ca)), false);
      b.onTrialComplete("t" + i, Map.of("loss", loss(ca)), false);
    }
  }

  @Test void warmStartAndPointsToEvaluateTakeTheBranchAsTheTrainableSeesIt() throws Exception {
    TpeSearcher s = new TpeSearcher(SPACE, 5, "loss", Mode.MIN, TpeSearcherTest.FAST,
        PointsToEvaluate.parse((com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper().readTree(
            "{\"pointsToEvaluate\": [{\"optimizer\": {\"name\": \"adam\", \"beta1\": 0.9, \"beta2\": 0.99}}]}"), SPACE), 1L);
    s.addEvaluated(Map.of("optimizer", Map.of("name", "sgd", "momentum", 0.9), "lr", 0.01), 0.0);
    Map<String, Object> first = s.suggest("t0").orElseThrow();
    assertEquals(Map.of("name", "adam", "beta1", 0.9, "beta2", 0.99), first.get("optimizer"));
    assertTrue(SPACE.contains(first));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> s.addEvaluated(Map.of("optimizer", Map.of("name", "sgd", "momentum", 5.0), "lr", 0.01), 0.0));
    assertTrue(e.getMessage().contains("matches no option"), e.getMessage());
  }

  @Test void multivariateModelsTheAlwaysActiveParametersJointlyAndGroupEachOptionsToo() {
    TpeSearcher mv = new TpeSearcher(SPACE, 10, "loss", Mode.MIN, new TpeSearcher.Options(5, 24, 0.1, 1.0, false, true, false, false),
        List.of(), 1L);
    TpeSearcher grouped = new TpeSearcher(SPACE, 10, "loss", Mode.MIN, new TpeSearcher.Options(5, 24, 0.1, 1.0, false, true, true, false),
        List.of(), 1L);
    assertEquals(List.of(List.of("optimizer", "lr"), List.of("optimizer.0.momentum"), List.of("optimizer.1.beta1"),
        List.of("optimizer.1.beta2")), paths(mv.groups()));
    assertEquals(List.of(List.of("optimizer", "lr"), List.of("optimizer.0.momentum"), List.of("optimizer.1.beta1", "optimizer.1.beta2")),
        paths(grouped.groups()));
    assertThrows(IllegalArgumentException.class, () -> new TpeSearcher.Options(5, 24, 0.1, 1.0, false, false, true, false));
  }

  private static List<List<String>> paths(List<List<TpeParam>> groups) {
    return groups.stream().map(g -> g.stream().map(TpeParam::path).toList()).toList();
  }
}
