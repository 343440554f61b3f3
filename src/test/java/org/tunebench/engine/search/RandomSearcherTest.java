package org.tunebench.engine.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tunebench.model.SearchSpace;

class RandomSearcherTest extends SearcherContractTest {
  private static final SearchSpace SPACE = parse("""
      {"lr": {"loguniform": [1e-4, 0.1]}, "depth": {"randint": [2, 10]},
       "opt": {"name": {"choice": ["adam", "sgd"]}, "momentum": {"quniform": [0, 1, 0.1]}},
       "rounds": {"grid": [50, 100]}, "seed": 7}
      """);

  @Override SearchSpace space() {
    return SPACE;
  }

  @Override Searcher create(SearchSpace space, int numSamples, Long seed) {
    return new RandomSearcher(space, numSamples, seed);
  }

  @Override int expectedTotal() {
    return 2 * NUM_SAMPLES;
  }

  @Test void eachGridPointIsRepeatedNumSamplesTimesWholeGridFirst() {
    List<Object> rounds = take(create(SPACE, NUM_SAMPLES, 1L), expectedTotal()).stream()
        .map(c -> c.get("rounds")).collect(Collectors.toList());
    assertEquals(List.of(50L, 100L, 50L, 100L, 50L, 100L), rounds);
  }

  @Test void differentSeedsGiveDifferentSuggestions() {
    assertNotEquals(take(create(SPACE, NUM_SAMPLES, 1L), expectedTotal()), take(create(SPACE, NUM_SAMPLES, 2L), expectedTotal()));
  }

  @Test void withoutASeedTheDrawnSeedIsSavedSoRestoreStillReplays() {
    RandomSearcher unseeded = new RandomSearcher(SPACE, NUM_SAMPLES, null);
    take(unseeded, 1);
    var saved = unseeded.save();
    assertEquals(unseeded.seed(), saved.get("seed").asLong());
    List<Map<String, Object>> rest = take(unseeded, expectedTotal() - 1);
    RandomSearcher restored = new RandomSearcher(SPACE, NUM_SAMPLES, null);
    restored.restore(saved);
    assertEquals(rest, take(restored, expectedTotal() - 1));
  }
}
