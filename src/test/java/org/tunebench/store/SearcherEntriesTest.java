package org.tunebench.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.engine.search.Searcher;
import org.tunebench.engine.search.SearcherRegistry;
import org.tunebench.engine.search.SearcherSave;
import org.tunebench.model.ExperimentSpec;
import org.tunebench.model.SpecReader;
import org.tunebench.model.TrialStatus;
import org.tunebench.wire.Wire;

/**
 * A model-based searcher's history goes to the store as entries with each suggested trial; the stored state
 * and entries rebuild a searcher that suggests what the original would have. A whole state stored by an
 * older Tunebench is read too, and its history moves to entries at the next save.
 */
class SearcherEntriesTest {
  @TempDir Path tmp;

  private ExperimentSpec spec() throws Exception {
    ObjectNode s = (ObjectNode) Wire.JSON.readTree("""
        {"name": "e", "metric": "loss", "mode": "min", "numSamples": 20,
         "search": {"type": "tpe", "seed": 4, "nStartupTrials": 3},
         "space": {"a": {"uniform": [0, 1]}, "c": {"choice": ["x", "y", "z"]}},
         "resourcesPerTrial": {"cpu": 1}}""");
    s.putObject("trainable").put("jar", Files.createFile(tmp.resolve("t.jar")).toString()).put("class", "T");
    return SpecReader.read(s, tmp, "e");
  }

  private static TrialSnapshot trial(int i, Map<String, Object> config) {
    return new TrialSnapshot(String.format("%05d", i), i, TrialStatus.PENDING, config, 0, null, null, 0, null, null,
        "/nowhere/" + i, null, Instant.now(), 0, null, null, null, List.of());
  }

  private static double loss(Map<String, Object> config) {
    double a = ((Number) config.get("a")).doubleValue();
    return (a - 0.3) * (a - 0.3) + ("y".equals(config.get("c")) ? 0 : 0.5);
  }

  private static List<Map<String, Object>> suggest(Searcher s, int from, int n) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = from; i < from + n; i++) {
      Map<String, Object> c = s.suggest(String.format("%05d", i)).orElseThrow();
      out.add(c);
      s.onTrialComplete(String.format("%05d", i), Map.of("loss", loss(c)), false);
    }
    return out;
  }

  private static Searcher restored(ExperimentSpec spec, ExperimentStore store, long id) throws Exception {
    Searcher s = SearcherRegistry.create(spec);
    List<JsonNode> entries = new ArrayList<>();
    for (String e : store.searcherEntries(id)) entries.add(Wire.JSON.readTree(e));
    s.restore(Wire.JSON.readTree(store.find("e").orElseThrow().searcherState()), entries);
    return s;
  }

  @Test void storedEntriesRebuildTheSearcher() throws Exception {
    ExperimentSpec spec = spec();
    try (ExperimentStore store = ExperimentStore.open(tmp.resolve("tb.mv.db"))) {
      long id = store.create("e", "{}", null, "loss", "min", tmp);
      H2Journal j = store.journal(id);
      Searcher original = SearcherRegistry.create(spec);
      for (int i = 0; i < 10; i++) {
        Map<String, Object> c = original.suggest(String.format("%05d", i)).orElseThrow();
        SearcherSave save = original.saveChanges();
        j.trialSuggested(trial(i, c), save.state(), save.appended());
        original.onTrialComplete(String.format("%05d", i), Map.of("loss", loss(c)), false);
        if (i % 3 == 2) {
          // the driver's periodic save: the ends since the last suggestion
          SearcherSave ends = original.saveChanges();
          j.searcherState(ends.state(), ends.appended());
        }
      }
      j.flush();
      assertEquals(10, store.trials(id).size());
      List<String> entries = store.searcherEntries(id);
      assertTrue(entries.get(0).contains("\"add\":\"00000\""), entries.get(0));
      // the last trial's end was not saved yet: a resume sees it running, as the store does
      Searcher back = restored(spec, store, id);
      back.onTrialComplete("00009", Map.of("loss", loss(store.trials(id).get(9).config())), false);
      original.saveChanges();
      assertEquals(suggest(original, 10, 5), suggest(back, 10, 5));
      j.close();
    }
  }

  @Test void aWholeStateFromBeforeIsReadAndMovesToEntries() throws Exception {
    ExperimentSpec spec = spec();
    try (ExperimentStore store = ExperimentStore.open(tmp.resolve("tb.mv.db"))) {
      long id = store.create("e", "{}", null, "loss", "min", tmp);
      H2Journal j = store.journal(id);
      Searcher original = SearcherRegistry.create(spec);
      suggest(original, 0, 6);
      j.searcherState(original.save()); // as stored before entries existed
      j.flush();
      Searcher resumed = restored(spec, store, id);
      assertEquals(List.of(), store.searcherEntries(id));
      SearcherSave first = resumed.saveChanges();
      assertEquals(12, first.appended().size(), "six suggestions and six ends move to entries");
      j.searcherState(first.state(), first.appended());
      j.flush();
      assertEquals(suggest(original, 6, 4), suggest(restored(spec, store, id), 6, 4));
      j.close();
    }
  }
}
