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

  /** Whether the searcher takes ranges (grid search takes only grid domains). */
  boolean samplesRanges() {
    return true;
  }

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

  /** Suggests {@code n} configs as trials {@code t<from>...}; every other one ends with a loss at once. */
  static List<Map<String, Object>> run(Searcher searcher, int from, int n, List<SearcherSave> saves) {
    List<Map<String, Object>> configs = new ArrayList<>();
    for (int i = from; i < from + n; i++) {
      Optional<Map<String, Object>> next = searcher.suggest("t" + i);
      assertTrue(next.isPresent(), "suggestion " + i + " missing");
      configs.add(next.get());
      if (i % 2 == 0) searcher.onTrialComplete("t" + i, Map.of("loss", Math.sin(i) + 2), false);
      if (saves != null) saves.add(searcher.saveChanges());
    }
    return configs;
  }

  /** The driver stores each suggestion's changes; the newest state and every entry so far rebuild the searcher. */
  @Test void changesSavedAtEachSuggestionRestoreTheSearcher() throws Exception {
    Searcher original = create(space(), NUM_SAMPLES, 23L);
    int half = expectedTotal() / 2;
    List<SearcherSave> saves = new ArrayList<>();
    run(original, 0, half, saves);
    List<Map<String, Object>> continuation = run(original, half, expectedTotal() - half, null);

    JsonNode state = JSON.readTree(saves.get(saves.size() - 1).state().toString());
    List<JsonNode> entries = new ArrayList<>();
    for (SearcherSave s : saves) for (JsonNode e : s.appended()) entries.add(JSON.readTree(e.toString()));
    Searcher restored = create(space(), NUM_SAMPLES, 99L);
    restored.restore(state, entries);
    assertEquals(continuation, run(restored, half, expectedTotal() - half, null));
    assertTrue(restored.isFinished());
    // an entry lost (stored apart from its state) is refused, not silently a different history
    if (!entries.isEmpty()) {
      Searcher short1 = create(space(), NUM_SAMPLES, 99L);
      assertThrows(IllegalArgumentException.class, () -> short1.restore(state, entries.subList(0, entries.size() - 1)));
    }
  }

  /** What a suggestion stores does not grow with the number of trials before it. */
  @Test void aSuggestionStoresWhatChangedNotTheHistory() {
    Searcher searcher = create(space(), 200, 5L);
    List<SearcherSave> saves = new ArrayList<>();
    int n = Math.min(120, expectedTotal() * 200 / NUM_SAMPLES);
    run(searcher, 0, n, saves);
    int first = size(saves.get(1));
    int last = size(saves.get(n - 1));
    assertTrue(last <= first + 16, "a save grew from " + first + " to " + last + " bytes over " + n + " trials");
  }

  private static int size(SearcherSave s) {
    int n = s.state().toString().length();
    for (JsonNode e : s.appended()) n += e.toString().length();
    return n;
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

  /**
   * The widest ranges a spec may hold: every suggestion stays finite and inside them while the searcher learns
   * from results (a model fitted over 1e307 or 1e300 must not overflow to infinity or NaN).
   */
  @Test void theWidestLegalRangesGiveFiniteSuggestionsInside() {
    org.junit.jupiter.api.Assumptions.assumeTrue(samplesRanges(), "takes only grid domains");
    SearchSpace wide = parse("""
        {"x": {"uniform": [-8e307, 8e307]}, "lr": {"loguniform": [1e-300, 1e300]},
         "n": {"randint": [-4000000000000000000, 4000000000000000000]},
         "q": {"quniform": [-1e300, 1e300, 1e299]}, "k": {"lograndint": [1, 4000000000000000000]}}""");
    Searcher searcher = create(wide, 30, 3L);
    for (int i = 0; i < 30 && !searcher.isFinished(); i++) {
      Optional<Map<String, Object>> next = searcher.suggest("t" + i);
      if (next.isEmpty()) break;
      Map<String, Object> c = next.get();
      assertTrue(wide.contains(c), () -> "outside the space: " + c);
      for (Object v : c.values()) {
        assertTrue(v instanceof Number n && Double.isFinite(n.doubleValue()), () -> "not a finite number: " + c);
      }
      double loss = Math.log1p(Math.abs(((Number) c.get("x")).doubleValue())) - Math.log(((Number) c.get("lr")).doubleValue());
      searcher.onTrialComplete("t" + i, Map.of("loss", loss), false);
    }
  }
}
