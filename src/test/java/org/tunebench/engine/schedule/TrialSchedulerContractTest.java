package org.tunebench.engine.schedule;

import org.tunebench.model.ExperimentSpec.Mode;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tunebench.model.TrialStatus;

/**
 * What every {@link TrialScheduler} must do, whatever its algorithm: each implementation's test extends
 * this. Results use metric "score" (max) and time attribute "training_iteration".
 */
abstract class TrialSchedulerContractTest {
  protected final FakeContext ctx = new FakeContext("score", Mode.MAX);

  /** A scheduler on metric "score", mode Mode.MAX, time attribute "training_iteration". */
  protected abstract TrialScheduler newScheduler();

  private TrialScheduler scheduler() {
    TrialScheduler s = newScheduler();
    s.setContext(ctx);
    return s;
  }

  private static Map<String, Object> driverFields(String id, int iter) {
    Map<String, Object> r = new HashMap<>();
    r.put("training_iteration", iter);
    r.put("time_total_s", iter * 1.5);
    r.put("time_this_iter_s", 1.5);
    r.put("trial_id", id);
    return r;
  }

  @Test
  void resultWithoutTheMetricGivesADecisionAndNoException() {
    TrialScheduler s = scheduler();
    FakeTrial t = ctx.add(s, "t0");
    for (int i = 1; i <= 5; i++) {
      int iter = i;
      Decision d = assertDoesNotThrow(() -> s.onTrialResult(t, driverFields("t0", iter)));
      assertNotNull(d);
    }
  }

  @Test
  void aPopulationRunToTheEndAlwaysGetsDecisions() {
    TrialScheduler s = scheduler();
    List<FakeTrial> trials = new ArrayList<>();
    for (int i = 0; i < 6; i++) trials.add(ctx.add(s, "t" + i));
    for (int iter = 1; iter <= 12; iter++) {
      for (FakeTrial t : trials) {
        if (t.status != TrialStatus.RUNNING) continue;
        Map<String, Object> r = driverFields(t.id, iter);
        r.put("score", (t.seq + 1) * Math.log(iter + 1));
        Decision d = s.onTrialResult(t, r);
        assertNotNull(d, "decision for " + t.id + " at " + iter);
        if (d == Decision.STOP) t.status = TrialStatus.TERMINATED;
        if (d == Decision.PAUSE) t.status = TrialStatus.PAUSED;
      }
      // resume whatever the scheduler offers, as the driver would
      for (TrialView next; (next = s.chooseTrialToRun(waiting(trials))) != null; ) {
        assertTrue(waiting(trials).contains(next), "chooseTrialToRun must pick a candidate");
        ((FakeTrial) next).status = TrialStatus.RUNNING;
      }
    }
  }

  private static List<TrialView> waiting(List<FakeTrial> trials) {
    return trials.stream().filter(t -> t.status == TrialStatus.PAUSED || t.status == TrialStatus.PENDING)
        .map(t -> (TrialView) t).toList();
  }

  @Test
  void completionAndErrorsWithoutMetricsAreAccepted() {
    TrialScheduler s = scheduler();
    FakeTrial a = ctx.add(s, "a");
    FakeTrial b = ctx.add(s, "b");
    assertDoesNotThrow(() -> s.onTrialComplete(a, driverFields("a", 1)));
    assertDoesNotThrow(() -> s.onTrialError(b));
  }

  /**
   * Decision 0019: what {@code saveChanges()} reports after each call, stored as the driver stores it (a whole
   * state replaces everything, entries are appended; now and then a whole snapshot after draining), restores
   * at any point a scheduler whose state is the original's, through JSON text.
   */
  @Test
  void storedChangesRestoreTheSchedulerAtEveryPoint() throws Exception {
    TrialScheduler s = scheduler();
    List<FakeTrial> trials = new ArrayList<>();
    Store store = new Store();
    for (int i = 0; i < 6; i++) trials.add(ctx.add(s, "t" + i));
    store.take(s.saveChanges());
    int points = 0;
    for (int iter = 1; iter <= 12; iter++) {
      for (FakeTrial t : trials) {
        if (t.status != TrialStatus.RUNNING) continue;
        Map<String, Object> r = driverFields(t.id, iter);
        r.put("score", (t.seq + 1) * Math.log(iter + 1) + (t.seq == 2 && iter == 3 ? Double.NaN : 0));
        Decision d = s.onTrialResult(t, r);
        if (d == Decision.STOP) {
          s.onTrialComplete(t, r);
          t.status = TrialStatus.TERMINATED;
        }
        if (d == Decision.PAUSE) t.status = TrialStatus.PAUSED;
        store.take(s.saveChanges());
        assertEquals(String.valueOf(s.save()), String.valueOf(store.restore(newScheduler()).save()),
            "restored after " + t.id + " at " + iter);
        points++;
      }
      if (iter == 5) {
        s.saveChanges(); // the driver drains, then snapshots the whole state, which replaces the entries
        store.take(org.tunebench.engine.PluginSave.whole(s.save()));
      }
      for (TrialView next; (next = s.chooseTrialToRun(waiting(trials))) != null; ) ((FakeTrial) next).status = TrialStatus.RUNNING;
      store.take(s.saveChanges());
    }
    assertTrue(points > 20, "too few results to prove anything: " + points);
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

  /** A scheduler's stored state and entries, as the journal keeps them. */
  private static final class Store {
    com.fasterxml.jackson.databind.JsonNode state;
    final List<com.fasterxml.jackson.databind.JsonNode> entries = new ArrayList<>();

    void take(org.tunebench.engine.PluginSave save) throws Exception {
      if (save.replaces()) {
        state = save.state() == null ? null : JSON.readTree(save.state().toString());
        entries.clear();
      }
      for (var e : save.appended()) entries.add(JSON.readTree(e.toString()));
    }

    TrialScheduler restore(TrialScheduler fresh) {
      fresh.restore(state, entries);
      return fresh;
    }
  }

  @Test
  void nothingToChooseFromGivesNull() {
    assertNull(scheduler().chooseTrialToRun(List.of()));
  }
}
