package org.tunebench.engine.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tunebench.model.SearchSpace;

class GridSearcherTest extends SearcherContractTest {
  private static final SearchSpace SPACE = parse("""
      {"lr": {"grid": [0.1, 0.01, 0.001]}, "model": {"layers": {"grid": [1, 2]}, "act": "relu"}, "seed": 7}
      """);

  @Override SearchSpace space() {
    return SPACE;
  }

  @Override boolean samplesRanges() {
    return false;
  }

  @Override Searcher create(SearchSpace space, int numSamples, Long seed) {
    return new GridSearcher(space, numSamples);
  }

  @Override int expectedTotal() {
    return 6 * NUM_SAMPLES;
  }

  @Test void enumeratesTheCrossProductInGridPointOrder() {
    var configs = take(create(SPACE, 1, null), 6);
    assertEquals(Map.of("lr", 0.1, "model", Map.of("layers", 1L, "act", "relu"), "seed", 7L), configs.get(0));
    assertEquals(Map.of("lr", 0.01, "model", Map.of("layers", 1L, "act", "relu"), "seed", 7L), configs.get(1));
    assertEquals(Map.of("lr", 0.001, "model", Map.of("layers", 2L, "act", "relu"), "seed", 7L), configs.get(5));
  }

  @Test void refusesRandomDomains() {
    assertThrows(IllegalArgumentException.class, () -> new GridSearcher(parse("{\"x\": {\"uniform\": [0, 1]}}"), 1));
  }
}
