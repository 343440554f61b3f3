package org.tunebench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SearchSpaceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static SearchSpace space(String json) {
    try {
      return SearchSpace.parse(JSON.readTree(json));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static final String NESTED = """
      {"lr": {"loguniform": [1e-4, 0.1]},
       "model": {"layers": {"grid": [1, 2, 3]}, "act": {"choice": ["relu", "tanh"]},
                 "opt": {"name": "adam", "beta": {"uniform": [0.8, 0.99]}}},
       "batch": {"grid": [32, 64]},
       "seed": 7, "tags": ["a", "b"], "debug": false}
      """;

  @Test void domainsAreDottedPathsInSpecOrderWithConstants() {
    Map<String, Domain> d = space(NESTED).domains();
    assertEquals(List.of("lr", "model.layers", "model.act", "model.opt.name", "model.opt.beta", "batch", "seed", "tags", "debug"),
        new ArrayList<>(d.keySet()));
    assertEquals(new Constant(7L), d.get("seed"));
    assertEquals(new Constant(List.of("a", "b")), d.get("tags"));
    assertEquals(new Constant("adam"), d.get("model.opt.name"));
    assertEquals(new Grid(List.of(32, 64)), d.get("batch"));
    assertInstanceOf(SearchSpace.class, space(NESTED).children().get("model"));
  }

  @Test void gridPointsAreTheCrossProductWithTheFirstLeafFastest() {
    List<Map<String, Object>> points = space(NESTED).gridPoints();
    assertEquals(6, points.size());
    assertEquals(6, space(NESTED).gridSize());
    assertEquals(Map.of("model.layers", 1L, "batch", 32L), points.get(0));
    assertEquals(Map.of("model.layers", 2L, "batch", 32L), points.get(1));
    assertEquals(Map.of("model.layers", 1L, "batch", 64L), points.get(3));
    assertEquals(Map.of("model.layers", 3L, "batch", 64L), points.get(5));
  }

  @Test void noGridGivesOneEmptyPoint() {
    assertEquals(List.of(Map.of()), space("{\"x\": {\"uniform\": [0, 1]}}").gridPoints());
    assertEquals(List.of(Map.of()), space("{}").gridPoints());
  }

  @Test void resolveBuildsNestedConfigsInSpecOrder() {
    SearchSpace s = space(NESTED);
    Map<String, Object> config = s.resolve(s.gridPoints().get(4), new SplittableRandom(1));
    assertEquals(List.of("lr", "model", "batch", "seed", "tags", "debug"), new ArrayList<>(config.keySet()));
    assertInstanceOf(LinkedHashMap.class, config.get("model"));
    @SuppressWarnings("unchecked") Map<String, Object> model = (Map<String, Object>) config.get("model");
    assertEquals(2L, model.get("layers"));
    assertEquals(64L, config.get("batch"));
    assertEquals(7L, config.get("seed"));
    assertEquals(false, config.get("debug"));
    assertEquals("adam", ((Map<?, ?>) model.get("opt")).get("name"));
    assertTrue(s.contains(config));
  }

  @Test void resolveIsReproducibleForASeed() {
    SearchSpace s = space(NESTED);
    Map<String, Object> point = s.gridPoints().get(0);
    assertEquals(s.resolve(point, new SplittableRandom(9)), s.resolve(point, new SplittableRandom(9)));
    assertFalse(s.resolve(point, new SplittableRandom(9)).equals(s.resolve(point, new SplittableRandom(10))));
  }

  @Test void resolveRefusesAGridPointWithoutTheGridLeaf() {
    SearchSpace s = space(NESTED);
    assertThrows(IllegalArgumentException.class, () -> s.resolve(Map.of("batch", 32), new SplittableRandom(1)));
    assertThrows(IllegalArgumentException.class, () -> s.resolve(Map.of("batch", 33, "model.layers", 1), new SplittableRandom(1)));
  }

  @Test void containsChecksShapeAndValues() {
    SearchSpace s = space("{\"a\": {\"randint\": [0, 3]}, \"n\": {\"b\": {\"choice\": [\"x\"]}}, \"c\": 1}");
    assertTrue(s.contains(Map.of("a", 2, "n", Map.of("b", "x"), "c", 1)));
    assertFalse(s.contains(Map.of("a", 3, "n", Map.of("b", "x"), "c", 1)));
    assertFalse(s.contains(Map.of("a", 2, "n", Map.of("b", "y"), "c", 1)));
    assertFalse(s.contains(Map.of("a", 2, "n", Map.of("b", "x"))));
    assertFalse(s.contains(Map.of("a", 2, "n", Map.of("b", "x"), "c", 1, "extra", 0)));
    assertFalse(s.contains(Map.of("a", 2, "n", "x", "c", 1)));
  }

  @Test void aSingleKeyObjectThatIsNotADomainIsANestedSpace() {
    SearchSpace s = space("{\"opt\": {\"lr\": {\"uniform\": [0, 1]}}, \"w\": {\"depth\": 3}}");
    assertEquals(List.of("opt.lr", "w.depth"), new ArrayList<>(s.domains().keySet()));
  }

  @Test void aMisspeltDomainIsAnErrorNotANestedSpace() {
    SpecException e = assertThrows(SpecException.class, () -> space("{\"eta\": {\"logunifrom\": [1e-4, 0.3]}}"));
    assertEquals("$.space.eta.logunifrom", e.path());
    assertTrue(e.getMessage().contains("did you mean loguniform?"), e.getMessage());
  }

  @Test void anotherToolsDistributionNameIsAnErrorNamingTheAllowedDomains() {
    for (String name : List.of("gaussian", "normal", "Categorical", "grid_search")) {
      SpecException e = assertThrows(SpecException.class, () -> space("{\"w\": {\"" + name + "\": [0, 1]}}"), name);
      assertEquals("$.space.w." + name, e.path());
      assertTrue(e.getMessage().contains("unknown domain \"" + name + "\"; allowed: uniform, quniform"), e.getMessage());
    }
  }

  /** It used to pass as a nested space, and the trainable got the map {"uniform": [0, 1], "extra": 3}. */
  @Test void aDomainWithAnotherKeyIsAnErrorNotANestedSpace() {
    SpecException e = assertThrows(SpecException.class, () -> space("{\"z\": {\"uniform\": [0, 1], \"extra\": 3}}"));
    assertEquals("$.space.z", e.path());
    assertTrue(e.getMessage().startsWith("$.space.z: a domain has one key (\"uniform\"); also found \"extra\""), e.getMessage());
    // inside a nested space, and inside an option of a conditional choice
    assertEquals("$.space.opt.lr", assertThrows(SpecException.class,
        () -> space("{\"opt\": {\"lr\": {\"extra\": 1, \"loguniform\": [0.1, 1]}}}")).path());
    assertEquals("$.space.opt.choice[0].m", assertThrows(SpecException.class,
        () -> space("{\"opt\": {\"choice\": [{\"name\": \"sgd\", \"m\": {\"grid\": [1, 2], \"x\": 1}}, \"none\"]}}")).path());
    // nested spaces and conditional choices without domain names as keys stay as they were
    SearchSpace ok = space("{\"opt\": {\"name\": {\"choice\": [\"a\", \"b\"]}, \"lr\": {\"uniform\": [0, 1]}},"
        + " \"c\": {\"choice\": [{\"name\": \"sgd\", \"m\": {\"uniform\": [0.5, 0.9]}}, \"none\"]}}");
    assertTrue(ok.domains().keySet().containsAll(List.of("opt.name", "opt.lr", "c", "c.0.m")), ok.domains().keySet().toString());
  }

  @Test void domainErrorsNameTheNestedPath() {
    SpecException e = assertThrows(SpecException.class, () -> space("{\"model\": {\"lr\": {\"uniform\": [1, 0]}}}"));
    assertEquals("$.space.model.lr.uniform", e.path());
  }

  @Test void keysWithDotsAreRejected() {
    SpecException e = assertThrows(SpecException.class, () -> space("{\"model.lr\": 1}"));
    assertEquals("$.space[\"model.lr\"]", e.path());
  }

  @Test void toJsonParsesBackToAnEqualSpace() {
    SearchSpace s = space(NESTED);
    assertEquals(s, SearchSpace.parse(s.toJson()));
  }

  @Test void ofBuildsNestedSpacesFromDottedLeaves() {
    Map<String, Domain> leaves = new LinkedHashMap<>();
    leaves.put("a.b", FloatRange.uniform(0, 1));
    leaves.put("a.c", new Constant(2));
    leaves.put("d", IntRange.randint(0, 4));
    assertEquals(space("{\"a\": {\"b\": {\"uniform\": [0, 1]}, \"c\": 2}, \"d\": {\"randint\": [0, 4]}}"), SearchSpace.of(leaves));
  }

  @Test void jsonPathQuotesOddKeys() {
    assertEquals("$.space.model.lr", SearchSpace.jsonPath("model.lr"));
    assertEquals("$.space.model[\"learning rate\"]", SearchSpace.jsonPath("model.learning rate"));
  }
}
