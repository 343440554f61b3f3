package org.tunebench.engine.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tunebench.model.SearchSpace;
import org.tunebench.model.SpecException;

class PointsToEvaluateTest {
  private static final SearchSpace SPACE = SearcherContractTest.parse("""
      {"lr": {"loguniform": [1e-4, 0.1]}, "opt": {"name": {"choice": ["adam", "sgd"]}, "depth": {"randint": [2, 10]}},
       "rounds": {"choice": [50, 100]}}
      """);

  private static ObjectNode params(String points) throws Exception {
    ObjectNode p = SearcherContractTest.JSON.createObjectNode();
    p.set("pointsToEvaluate", SearcherContractTest.JSON.readTree(points));
    return p;
  }

  private static final String POINTS =
      "[{\"lr\": 0.01, \"opt\": {\"name\": \"sgd\", \"depth\": 4}, \"rounds\": 100}, {\"opt.depth\": 9, \"lr\": 1e-3}]";

  @Test void everySearcherSuggestsThePointsFirst() throws Exception {
    for (String type : List.of("random", "tpe", "gp")) {
      Searcher s = SearcherRegistry.create(SearcherRegistryTest.spec(SPACE, type, params(POINTS)));
      Map<String, Object> first = s.suggest("a").orElseThrow();
      assertEquals(Map.of("lr", 0.01, "opt", Map.of("name", "sgd", "depth", 4L), "rounds", 100L), first, type);
      Map<String, Object> second = s.suggest("b").orElseThrow();
      assertTrue(SPACE.contains(second), type);
      assertEquals(1e-3, second.get("lr"), type);
      assertEquals(9L, ((Map<?, ?>) second.get("opt")).get("depth"), type);
    }
  }

  @Test void gridSearchTakesPointsToo() throws Exception {
    SearchSpace grid = SearcherContractTest.parse("{\"a\": {\"grid\": [1, 2]}, \"b\": {\"grid\": [3, 4]}}");
    Searcher s = SearcherRegistry.create(SearcherRegistryTest.spec(grid, "grid", params("[{\"a\": 2, \"b\": 4}]")));
    assertInstanceOf(GridSearcher.class, s);
    assertEquals(Map.of("a", 2L, "b", 4L), s.suggest("x").orElseThrow());
  }

  @Test void badPointsNameTheirPath() throws Exception {
    assertEquals("$.search.pointsToEvaluate[1].lr", assertThrows(SpecException.class,
        () -> PointsToEvaluate.parse(params("[{}, {\"lr\": 5}]"), SPACE)).path());
    assertEquals("$.search.pointsToEvaluate[0].opt.name", assertThrows(SpecException.class,
        () -> PointsToEvaluate.parse(params("[{\"opt\": {\"name\": \"rmsprop\"}}]"), SPACE)).path());
    assertEquals("$.search.pointsToEvaluate[0].nope", assertThrows(SpecException.class,
        () -> PointsToEvaluate.parse(params("[{\"nope\": 1}]"), SPACE)).path());
    assertEquals("$.search.pointsToEvaluate", assertThrows(SpecException.class,
        () -> PointsToEvaluate.parse(params("{\"lr\": 0.01}"), SPACE)).path());
  }
}
