package org.tunebench.ui.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.model.TrialStatus;
import org.tunebench.store.ExperimentStore;
import org.tunebench.store.H2Journal;

/** An experiment whose process died (stored RUNNING, no live owner) opens as what it is: interrupted. */
class OrphanedHistoryTest {
  @TempDir Path tmp;

  @Test void itsRunningTrialsOpenPausedWithTheReasonAndTheExperimentInterrupted() {
    try (ExperimentStore store = ExperimentStore.open(tmp.resolve("db.mv.db"))) {
      Path home = tmp.resolve("home");
      long id = create(store, "orphan", home);
      Instant t0 = Instant.now().minusSeconds(60);
      try (H2Journal j = store.journal(id)) {
        j.experimentStatus("RUNNING", t0);
        for (String tid : new String[] {"00000", "00001"}) {
          j.trialSaved(snap(tid, TrialStatus.PENDING, home, t0));
          j.statusChanged(tid, TrialStatus.PENDING, TrialStatus.RUNNING, "started", t0.plusSeconds(1));
          j.trialSaved(snap(tid, TrialStatus.RUNNING, home, t0));
          j.result(tid, 1, Map.of("training_iteration", 1, "loss", 0.3), t0.plusSeconds(2), false, () -> {});
        }
        j.statusChanged("00001", TrialStatus.RUNNING, TrialStatus.TERMINATED, "completed: reported done", t0.plusSeconds(3));
        j.trialSaved(snap("00001", TrialStatus.TERMINATED, home, t0));
        j.flush();
      }
      // no process holds its owner lock: the one that ran it is gone
      ExperimentSession s = HistoryLoader.load(store, store.find("orphan").orElseThrow());
      assertEquals("INTERRUPTED", s.statusProperty().get());
      assertEquals(TrialStatus.PAUSED, s.table().row("00000").status());
      assertEquals(HistoryLoader.ORPHANED, s.table().row("00000").reasonProperty().get());
      assertEquals(TrialStatus.TERMINATED, s.table().row("00001").status(), "an ended trial stays as it ended");
      assertEquals(1, s.table().row("00000").iterationProperty().get(), "its kept results still count");
      assertEquals(java.util.List.of(TrialStatus.PENDING, TrialStatus.RUNNING, TrialStatus.PAUSED),
          s.timeline().rows().get("00000").stream().map(TimelineModel.Segment::status).toList());
      assertEquals(t0.plusSeconds(2).toEpochMilli(), s.timeline().rows().get("00000").get(2).startMs(),
          "it ran until its last result, not until the experiment was opened");
      s.runsAgain(); // what attaching its resumed driver does
      assertEquals("RUNNING", s.statusProperty().get(), "a resumed driver sends no change of the stored RUNNING");
    }
  }

  /** After a resume, the time its process was dead is not drawn as RUNNING. */
  @Test void aTrialRestartedByAResumedDriverRanOnlyUntilItsLastResult() {
    try (ExperimentStore store = ExperimentStore.open(tmp.resolve("db.mv.db"))) {
      Path home = tmp.resolve("home");
      long id = create(store, "revived", home);
      Instant t0 = Instant.now().minusSeconds(600);
      try (H2Journal j = store.journal(id)) {
        j.experimentStatus("RUNNING", t0);
        j.trialSaved(snap("00000", TrialStatus.PENDING, home, t0));
        j.statusChanged("00000", TrialStatus.PENDING, TrialStatus.RUNNING, "started", t0.plusSeconds(1));
        j.result("00000", 1, Map.of("training_iteration", 1, "loss", 0.3), t0.plusSeconds(2), false, () -> {});
        j.result("00000", 2, Map.of("training_iteration", 2, "loss", 0.2), t0.plusSeconds(3), false, () -> {});
        // killed here; resumed five minutes later
        j.statusChanged("00000", TrialStatus.RUNNING, TrialStatus.PENDING, TrialSnapshot.DRIVER_RESTARTED, t0.plusSeconds(300));
        j.statusChanged("00000", TrialStatus.PENDING, TrialStatus.RUNNING, "started", t0.plusSeconds(301));
        j.result("00000", 3, Map.of("training_iteration", 3, "loss", 0.1), t0.plusSeconds(302), false, () -> {});
        j.statusChanged("00000", TrialStatus.RUNNING, TrialStatus.TERMINATED, "completed: reported done", t0.plusSeconds(303));
        j.trialSaved(snap("00000", TrialStatus.TERMINATED, home, t0));
        j.experimentStatus("COMPLETED", t0.plusSeconds(303));
        j.flush();
      }
      ExperimentSession s = HistoryLoader.load(store, store.find("revived").orElseThrow());
      var segs = s.timeline().rows().get("00000");
      assertEquals(java.util.List.of(TrialStatus.PENDING, TrialStatus.RUNNING, TrialStatus.PAUSED, TrialStatus.PENDING,
          TrialStatus.RUNNING, TrialStatus.TERMINATED), segs.stream().map(TimelineModel.Segment::status).toList());
      assertEquals(t0.plusSeconds(3).toEpochMilli(), segs.get(2).startMs(), "paused from its last result before the restart");
    }
  }

  private static long create(ExperimentStore store, String name, Path home) {
    String spec = """
        {"name": "%s", "trainable": {"jar": "t.jar", "class": "a.B"}, "space": {"lr": {"uniform": [0, 1]}},
         "metric": "loss", "mode": "min", "numSamples": 2}""".formatted(name);
    return store.create(name, spec, null, "loss", "min", home);
  }

  private static TrialSnapshot snap(String tid, TrialStatus status, Path home, Instant t0) {
    return new TrialSnapshot(tid, tid.equals("00000") ? 0 : 1, status, Map.of("lr", 0.5), 0, null, null, 0, null, null,
        home.resolve(tid).toString(), null, t0, 0, null, null, null, null);
  }
}
