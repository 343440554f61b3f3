package org.tunebench.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunebench.engine.PluginSave;
import org.tunebench.engine.ResultEffects;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.engine.schedule.Decision;
import org.tunebench.engine.schedule.MedianStoppingScheduler;
import org.tunebench.engine.schedule.TrialScheduler;
import org.tunebench.engine.schedule.TrialView;
import org.tunebench.model.ExperimentSpec.Mode;
import org.tunebench.model.TrialStatus;
import org.tunebench.wire.Wire;

/**
 * Decision 0019 on the real store: a scheduler's entries go with each result in its transaction, a whole
 * snapshot replaces the entries before it, and a scheduler restored from the stored snapshot and the entries
 * after it equals the original. The decision stored with a result is read back as the trial's last one until
 * a later result supersedes it.
 */
class PluginEntriesTest {
  @TempDir Path tmp;

  private static TrialSnapshot trial(String id, int seq) {
    return new TrialSnapshot(id, seq, TrialStatus.PENDING, Map.of("x", seq), 0, null, null, 0, null, null,
        "/nowhere/" + id, null, Instant.now(), 0, null, null, null, List.of());
  }

  private record View(String id, int seq) implements TrialView {
    @Override public TrialStatus status() { return TrialStatus.RUNNING; }
    @Override public Map<String, Object> config() { return Map.of(); }
    @Override public Map<String, Object> lastResult() { return null; }
  }

  private static MedianStoppingScheduler median() {
    return new MedianStoppingScheduler("score", Mode.MAX, "training_iteration", 2, 2, 0, true);
  }

  private static TrialScheduler restored(ExperimentStore store, long id) throws Exception {
    TrialScheduler s = median();
    String state = store.find("e").orElseThrow().schedulerState();
    List<JsonNode> entries = new ArrayList<>();
    for (String e : store.pluginEntries(id, ResultEffects.SCHEDULER)) entries.add(Wire.JSON.readTree(e));
    s.restore(state == null ? null : Wire.JSON.readTree(state), entries);
    return s;
  }

  @Test void entriesGoWithTheirResultsAndASnapshotReplacesThoseBeforeIt() throws Exception {
    try (ExperimentStore store = ExperimentStore.open(tmp.resolve("tb.mv.db"))) {
      long id = store.create("e", "{}", null, "score", "max", tmp);
      H2Journal j = store.journal(id);
      TrialScheduler original = median();
      List<View> views = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        views.add(new View("t" + i, i));
        j.trialSaved(trial("t" + i, i));
      }
      j.pluginState(ResultEffects.SCHEDULER, PluginSave.whole(original.save()));
      int results = 0;
      List<String> durable = new ArrayList<>();
      for (int it = 1; it <= 8; it++) {
        for (View v : views) {
          Map<String, Object> r = new LinkedHashMap<>();
          r.put("training_iteration", it);
          r.put("score", (v.seq() + 1) * Math.log(it + 1.0));
          Decision d = original.onTrialResult(v, r);
          JsonNode decision = d == Decision.CONTINUE ? null
              : JsonNodeFactory.instance.objectNode().put("iteration", it).put("d", d.name().toLowerCase());
          PluginSave changes = original.saveChanges();
          assertFalse(changes.replaces(), "the median rule stores entries, not its whole state");
          String key = v.id() + "@" + it;
          j.result(v.id(), it, r, Instant.now(), false,
              new ResultEffects(changes, PluginSave.appended(List.of()), decision), () -> durable.add(key));
          results++;
        }
        if (it == 5) {
          original.saveChanges();
          j.pluginState(ResultEffects.SCHEDULER, PluginSave.whole(original.save()));
        }
      }
      j.flush();
      assertEquals(results, durable.size());
      // three rounds of four results after the snapshot: one entry each
      assertEquals(12, store.pluginEntries(id, ResultEffects.SCHEDULER).size());
      assertEquals(original.save(), restored(store, id).save());
      assertEquals(List.of(), store.pluginEntries(id, ResultEffects.STOPPER));

      Map<String, String> decisions = store.lastDecisions(id);
      assertTrue(decisions.isEmpty() || decisions.values().stream().allMatch(d -> d.contains("\"d\":\"stop\"")), decisions.toString());
      // a pause stored with t0's result 9, then a restart that stores iteration 9 again: the pause is superseded
      j.result("t0", 9, Map.of("training_iteration", 9, "score", 1.0), Instant.now(), false,
          new ResultEffects(PluginSave.appended(List.of()), PluginSave.appended(List.of()),
              JsonNodeFactory.instance.objectNode().put("iteration", 9).put("d", "pause")), null);
      j.flush();
      assertTrue(store.lastDecisions(id).get("t0").contains("\"iteration\":9"), store.lastDecisions(id).toString());
      j.result("t0", 9, Map.of("training_iteration", 9, "score", 1.0), Instant.now(), true, ResultEffects.none(), null);
      j.flush();
      assertFalse(String.valueOf(store.lastDecisions(id).get("t0")).contains("\"iteration\":9"), store.lastDecisions(id).toString());

      // the whole snapshot at the end (clean stop) leaves no entries, and restores alone
      j.pluginState(ResultEffects.SCHEDULER, PluginSave.whole(original.save()));
      j.flush();
      assertEquals(List.of(), store.pluginEntries(id, ResultEffects.SCHEDULER));
      assertEquals(original.save(), restored(store, id).save());
      j.close();
    }
  }
}
