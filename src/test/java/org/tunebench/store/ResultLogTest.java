package org.tunebench.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunebench.engine.PluginSave;
import org.tunebench.engine.ResultEffects;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.model.TrialStatus;

/**
 * The result log (decision 0021): a result is acknowledged once its line is in the experiment's log, reaches the
 * database in a later batch, and whatever a crashed owner left in the log is copied into the database once, in
 * order, before anyone reads the experiment.
 */
class ResultLogTest {
  @TempDir Path tmp;

  private static TrialSnapshot trial(String id, TrialStatus status) {
    return new TrialSnapshot(id, 0, status, Map.of("x", 1.0), 0, null, null, 0, null, null,
        "/nowhere/" + id, null, Instant.now(), 0, null, null, null, List.of());
  }

  private Path home() {
    return tmp.resolve("experiments/e-1");
  }

  private long experiment(ExperimentStore store) {
    return store.create("e", "{}", null, "score", "max", home());
  }

  private static List<Double> scores(ExperimentStore store, long id) {
    List<Double> out = new ArrayList<>();
    for (StoredResult r : store.results(id, null)) out.add(((Number) r.metrics().get("score")).doubleValue());
    return out;
  }

  private long logLines() throws Exception {
    Path f = ResultLog.in(home());
    return Files.exists(f) ? Files.readAllLines(f).size() : 0;
  }

  private interface Body {
    void run(ExperimentStore store, long id, H2Journal j) throws Exception;
  }

  /**
   * A journal with its result log, committing on the caller's thread as the driver's loop does, with trial t1
   * RUNNING and in the database; afterwards the caller stops committing and the journal closes.
   */
  private void inJournal(Body body) throws Exception {
    try (ExperimentStore store = ExperimentStore.open(tmp.resolve("tb.mv.db"))) {
      long id = experiment(store);
      try (H2Journal j = store.journal(id)) {
        j.commitFromCallerThread(true);
        j.trialSaved(trial("t1", TrialStatus.RUNNING));
        j.commitQueued();
        try {
          body.run(store, id, j);
        } finally {
          j.commitFromCallerThread(false);
        }
      }
    }
  }

  /** While trials progress, the experiment's last activity (`updated`) moves on with them, not only at status changes. */
  @Test void theExperimentsUpdatedTimeFollowsItsTrialsProgress() throws Exception {
    inJournal((store, id, j) -> {
      Instant before = store.find("e").orElseThrow().updatedAt();
      Thread.sleep(20);
      j.trialSaved(trial("t1", TrialStatus.RUNNING)); // progress only: the status is unchanged
      j.flush();
      Instant after = store.find("e").orElseThrow().updatedAt();
      assertTrue(after.isAfter(before), before + " -> " + after);
    });
  }

  @Test void aResultIsAcknowledgedFromTheLogAndReachesTheDatabaseInOneBatch() throws Exception {
    inJournal((store, id, j) -> {
      List<Integer> inDatabaseAtCallback = new ArrayList<>();
      long commits = j.commits();
      for (int i = 1; i <= 5; i++) {
        j.result("t1", i, Map.of("score", (double) i), Instant.now(), false,
            () -> inDatabaseAtCallback.add(store.results(id, "t1").size()));
        j.commitQueued();
      }
      assertEquals(List.of(0, 0, 0, 0, 0), inDatabaseAtCallback, "acknowledged from the log, not the database");
      assertEquals(commits, j.commits(), "no database commit for results alone");
      assertEquals(5, logLines());
      j.flush();
      assertEquals(List.of(1.0, 2.0, 3.0, 4.0, 5.0), scores(store, id));
      assertEquals(commits + 1, j.commits(), "the five in one commit");
      assertEquals(0, logLines(), "the log starts again once the database holds it all");
    });
  }

  @Test void anyOtherWriteGoesToTheDatabaseAfterTheLoggedResults() throws Exception {
    inJournal((store, id, j) -> {
      j.result("t1", 1, Map.of("score", 1.0), Instant.now(), false, null);
      j.result("t1", 2, Map.of("score", 2.0), Instant.now(), false, null);
      j.commitQueued();
      assertEquals(List.of(), scores(store, id));
      // the trial ends: its status must never be in the database without the results before it
      j.trialSaved(trial("t1", TrialStatus.TERMINATED));
      j.commitQueued();
      assertEquals(List.of(1.0, 2.0), scores(store, id));
      assertEquals(TrialStatus.TERMINATED, store.trials(id).get(0).status());
      assertEquals(0, logLines());
    });
  }

  @Test void theWriterThreadCopiesWaitingResultsWithinAFractionOfASecond() throws Exception {
    inJournal((store, id, j) -> {
      j.result("t1", 1, Map.of("score", 1.0), Instant.now(), false, null);
      j.commitQueued();
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (scores(store, id).isEmpty() && System.nanoTime() < deadline) Thread.sleep(20);
      assertEquals(List.of(1.0), scores(store, id));
    });
  }

  /**
   * What a killed owner leaves: lines the database already holds (a kill between the commit and emptying the
   * log), lines it does not, and a line cut short. A reader copies the new ones once, in order, with their
   * decisions and plug-in changes, and ignores the rest.
   */
  @Test void aReaderCopiesWhatACrashedOwnerLeftOnceAndInOrder() throws Exception {
    long[] experiment = new long[1];
    inJournal((store, id, j) -> {
      experiment[0] = id;
      j.result("t1", 1, Map.of("score", 1.0), Instant.now(), false, null);
      j.result("t1", 2, Map.of("score", 2.0), Instant.now(), false, null);
      j.commitQueued(); // logged as 1 and 2
      j.flush(); // in the database, which says it holds the log up to 2
    });
    long id = experiment[0];
    var decision = JsonNodeFactory.instance.objectNode().put("action", "STOP");
    var entry = JsonNodeFactory.instance.objectNode().put("rung", 1);
    Instant at = Instant.parse("2026-12-01T10:00:00.123456Z"); // the database keeps microseconds
    List<String> lines = List.of(
        new LoggedResult(2, "t1", 2, at, false, "{\"score\":2.0}", null, none(), none()).line(),
        new LoggedResult(3, "t1", 3, at, false, "{\"score\":3.0}", null, PluginSave.appended(List.of(entry)), none()).line(),
        new LoggedResult(4, "t1", 4, at, false, "{\"score\":4.0}", decision.toString(), none(), none()).line());
    String torn = new LoggedResult(5, "t1", 5, at, false, "{\"score\":5.0}", null, none(), none()).line();
    Files.writeString(ResultLog.in(home()), String.join("", lines) + torn.substring(0, torn.length() / 2),
        StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);

    try (ExperimentStore store = ExperimentStore.open(tmp.resolve("tb.mv.db"))) {
      assertTrue(store.find("e").isPresent());
      assertEquals(List.of(1.0, 2.0, 3.0, 4.0), scores(store, id), "2 not twice, 3 and 4 once, the half line not");
      assertEquals(at, store.results(id, "t1").get(2).at());
      assertEquals(List.of(entry.toString()), store.pluginEntries(id, ResultEffects.SCHEDULER));
      assertEquals(decision.toString(), store.lastDecisions(id).get("t1"));
      assertEquals(0, logLines());
      // opened again: nothing more is copied
      store.find("e");
      assertEquals(4, store.results(id, null).size());
    }
  }

  /**
   * The writer thread copies logged results into the database while new results are logged and acknowledged: a
   * copy held halfway does not hold up the results after it (the driver's loop used to wait for every copy, tens
   * of milliseconds under load, and with it every worker waiting for its reply). Nothing is lost or reordered.
   */
  @Test @org.junit.jupiter.api.Timeout(60) void resultsAreAcknowledgedWhileTheWriterCopiesEarlierOnes() throws Exception {
    inJournal((store, id, j) -> {
      java.util.concurrent.CountDownLatch copying = new java.util.concurrent.CountDownLatch(1);
      java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
      j.beforeCopy = () -> {
        copying.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      };
      for (int i = 1; i <= 300; i++) j.result("t1", i, Map.of("score", (double) i), Instant.now(), false, null);
      j.commitQueued(); // logged; 300 waiting results wake the writer thread
      assertTrue(copying.await(30, java.util.concurrent.TimeUnit.SECONDS), "the writer began its copy");
      assertTrue(Files.exists(ResultLog.asideOf(ResultLog.in(home()))), "the copied lines were set aside");
      List<Integer> acked = new ArrayList<>();
      for (int i = 301; i <= 310; i++) {
        int n = i;
        j.result("t1", i, Map.of("score", (double) i), Instant.now(), false, () -> acked.add(n));
        j.commitQueued();
      }
      assertEquals(10, acked.size(), "acknowledged while the copy is held");
      assertEquals(10, logLines(), "the new lines are in the new log");
      assertEquals(List.of(), scores(store, id), "the copy is still held");
      j.beforeCopy = () -> { };
      release.countDown();
      j.trialSaved(trial("t1", TrialStatus.TERMINATED)); // goes after every result, the held copy's first
      j.commitQueued();
      List<Double> want = new ArrayList<>();
      for (int i = 1; i <= 310; i++) want.add((double) i);
      assertEquals(want, scores(store, id));
      assertEquals(0, logLines());
      assertTrue(!Files.exists(ResultLog.asideOf(ResultLog.in(home()))), "the set-aside lines are gone");
    });
  }

  /** A crash during a copy leaves lines set aside and a new log: a reader copies both, in order, once. */
  @Test void aReaderCopiesLinesACrashedOwnerHadSetAside() throws Exception {
    long[] experiment = new long[1];
    inJournal((store, id, j) -> experiment[0] = id);
    long id = experiment[0];
    Instant at = Instant.parse("2026-12-01T10:00:00.123456Z");
    Files.writeString(ResultLog.asideOf(ResultLog.in(home())),
        new LoggedResult(1, "t1", 1, at, false, "{\"score\":1.0}", null, none(), none()).line()
            + new LoggedResult(2, "t1", 2, at, false, "{\"score\":2.0}", null, none(), none()).line(), StandardCharsets.UTF_8);
    Files.writeString(ResultLog.in(home()),
        new LoggedResult(3, "t1", 3, at, false, "{\"score\":3.0}", null, none(), none()).line(), StandardCharsets.UTF_8);
    try (ExperimentStore store = ExperimentStore.open(tmp.resolve("tb.mv.db"))) {
      assertTrue(store.find("e").isPresent());
      assertEquals(List.of(1.0, 2.0, 3.0), scores(store, id));
      assertEquals(0, logLines());
      assertTrue(!Files.exists(ResultLog.asideOf(ResultLog.in(home()))));
      store.find("e");
      assertEquals(3, store.results(id, null).size(), "copied once");
    }
  }

  @Test void aLineSurvivesItsRoundTripAndACorruptLineIsRefused() {
    var state = JsonNodeFactory.instance.objectNode().put("k", "v\nw");
    LoggedResult r = new LoggedResult(7, "trial \"q\"", 3, Instant.ofEpochSecond(5, 6), true,
        "{\"score\":1.5,\"note\":\"a\\nb\"}", null, PluginSave.whole(state), PluginSave.whole(null));
    String line = r.line();
    assertEquals(1, line.chars().filter(ch -> ch == '\n').count(), "one line");
    LoggedResult back = LoggedResult.parse(line.substring(0, line.length() - 1));
    assertEquals(r.seq(), back.seq());
    assertEquals(r.trialId(), back.trialId());
    assertEquals(r.at(), back.at());
    assertTrue(back.supersedes());
    assertEquals(r.metricsJson(), back.metricsJson());
    assertEquals(state, back.scheduler().state());
    assertTrue(back.stopper().replaces());
    assertNull(back.stopper().state());
    assertNull(LoggedResult.parse(line.replace("1.5", "2.5").trim()), "checksum");
  }

  private static PluginSave none() {
    return PluginSave.appended(List.of());
  }
}
