package org.tunebench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.model.TrialStatus;
import org.tunebench.ui.events.EngineBatch;
import org.tunebench.ui.events.EngineEventBatcher;

class EngineEventBatcherTest {
  static TrialSnapshot snap(String id, TrialStatus s, int iter) {
    return new TrialSnapshot(id, Integer.parseInt(id), s, Map.of("x", 1.0), iter, Map.of("loss", 1.0 / (iter + 1)),
        null, 0, null, null, null, null, Instant.now(), iter * 0.1, null, null, null, null);
  }

  @Test void manyEventsBecomeOneBatchWithTheLatestSnapshotPerTrial() {
    EngineEventBatcher b = new EngineEventBatcher();
    for (int i = 1; i <= 1000; i++) {
      b.result(snap("1", TrialStatus.RUNNING, i), Map.of("loss", 1.0 / i, "training_iteration", i));
      b.result(snap("2", TrialStatus.RUNNING, i), Map.of("loss", 2.0 / i, "training_iteration", i));
    }
    b.statusChanged(snap("1", TrialStatus.PAUSED, 1000), TrialStatus.RUNNING, "paused by user");
    EngineBatch batch = b.drain();
    assertEquals(2, batch.latest().size(), "one snapshot per trial");
    assertEquals(TrialStatus.PAUSED, batch.latest().get("1").status(), "the newest snapshot wins");
    assertEquals(1000, batch.latest().get("2").iteration());
    assertEquals(2000, batch.results().size(), "every result is kept for the curves");
    assertEquals(1, batch.statusChanges().size());
    assertTrue(b.drain().isEmpty(), "drained");
  }

  @Test void aFrameBudgetLeavesTheRestForTheNextFrame() {
    EngineEventBatcher b = new EngineEventBatcher();
    for (int i = 0; i < 10; i++) b.trialAdded(snap(String.valueOf(i), TrialStatus.PENDING, 0));
    assertEquals(4, b.drain(4).rawEvents());
    assertTrue(b.hasPending());
    assertEquals(6, b.drain().latest().size());
  }

  @Test void snapshotsAreCoalescedAsTheyArriveAndNoneIsLostAcrossDrains() {
    EngineEventBatcher b = new EngineEventBatcher();
    for (int i = 1; i <= 1000; i++) b.result(snap("1", TrialStatus.RUNNING, i), Map.of("loss", 1.0 / i));
    // one snapshot marker plus 1,000 results are queued, not 1,000 snapshots
    EngineBatch first = b.drain(3);
    assertEquals(1000, first.latest().get("1").iteration(), "the newest snapshot at drain time");
    assertEquals(2, first.results().size());
    EngineBatch rest = b.drain();
    assertEquals(998, rest.results().size());
    assertTrue(rest.latest().isEmpty(), "nothing newer arrived");
    b.statusChanged(snap("1", TrialStatus.PAUSED, 1000), TrialStatus.RUNNING, "paused");
    b.result(snap("1", TrialStatus.PAUSED, 1001), Map.of("loss", 0.5));
    EngineBatch after = b.drain();
    assertEquals(1001, after.latest().get("1").iteration(), "a snapshot after a drain is delivered next time");
    assertEquals(1, after.statusChanges().size());
  }

  @Test void experimentStatusKeepsTheLast() {
    EngineEventBatcher b = new EngineEventBatcher();
    b.experimentStatus("RUNNING", "started");
    b.experimentStatus("PAUSED", "paused by user");
    assertEquals("PAUSED", b.drain().experimentStatus());
  }
}
