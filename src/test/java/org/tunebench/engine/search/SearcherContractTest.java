package org.tunebench.engine.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tunebench.model.SearchSpace;

/** What every {@link Searcher} must do; each implementation runs this suite through a subclass. */
abstract class SearcherContractTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final int NUM_SAMPLES = 3;

  /** A space this searcher supports. */
  abstract SearchSpace space();

  abstract Searcher create(SearchSpace space, int numSamples, Long seed);

  /** How many configs the searcher gives for {@link #space()} and {@link #NUM_SAMPLES}. */
  abstract int expectedTotal();

  static SearchSpace parse(String json) {
    try {
      return SearchSpace.parse(JSON.readTree(json));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  static List<Map<String, Object>> take(Searcher searcher, int n) {
    List<Map<String, Object>> configs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Optional<Map<String, Object>> next = searcher.suggest("t" + i);
      assertTrue(next.isPresent(), "suggestion " + i + " missing");
      configs.add(next.get());
    }
    return configs;
  }

  @Test void suggestionsLieInsideTheSpace() {
    Searcher searcher = create(space(), NUM_SAMPLES, 11L);
    for (Map<String, Object> config : take(searcher, expectedTotal())) {
      assertTrue(space().contains(config), () -> "outside the space: " + config);
    }
  }

  @Test void finishesAfterTheRightCount() {
    Searcher searcher = create(space(), NUM_SAMPLES, 11L);
    take(searcher, expectedTotal() - 1);
    assertFalse(searcher.isFinished());
    take(searcher, 1);
    assertTrue(searcher.isFinished());
    assertEquals(Optional.empty(), searcher.suggest("extra"));
  }

  @Test void theSameSeedGivesTheSameSuggestions() {
    assertEquals(take(create(space(), NUM_SAMPLES, 5L), expectedTotal()), take(create(space(), NUM_SAMPLES, 5L), expectedTotal()));
  }

  @Test void restoreContinuesExactlyWhereTheSavedSearcherWas() throws Exception {
    Searcher original = create(space(), NUM_SAMPLES, 23L);
    int half = expectedTotal() / 2;
    take(original, half);
    // through text, as the state goes through the store
    JsonNode saved = JSON.readTree(original.save().toString());
    List<Map<String, Object>> continuation = take(original, expectedTotal() - half);

    Searcher restored = create(space(), NUM_SAMPLES, 99L);
    restored.restore(saved);
    assertEquals(continuation, take(restored, expectedTotal() - half));
    assertTrue(restored.isFinished());
  }

  @Test void restoreAtTheEndIsFinished() {
    Searcher original = create(space(), NUM_SAMPLES, 1L);
    take(original, expectedTotal());
    Searcher restored = create(space(), NUM_SAMPLES, 1L);
    restored.restore(original.save());
    assertTrue(restored.isFinished());
  }

  @Test void restoreRefusesAForeignState() {
    Searcher searcher = create(space(), NUM_SAMPLES, 1L);
    assertThrows(IllegalArgumentException.class, () -> searcher.restore(JSON.createObjectNode().put("type", "nope")));
    assertThrows(IllegalArgumentException.class, () -> searcher.restore(JSON.createArrayNode()));
  }
}
