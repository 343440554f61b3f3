package org.tunebench.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.model.TrialStatus;

/**
 * The driver's loop commits its own writes (decision 0018): a result it queued is committed, and its callback
 * run, on the loop's thread when the loop calls commitQueued; writes from other threads, and what the loop
 * leaves queued when it stops committing, are still committed by the journal's own thread.
 */
class JournalCommitOnCallerTest {
  @TempDir Path tmp;

  private static TrialSnapshot trial(String id) {
    return new TrialSnapshot(id, 0, TrialStatus.RUNNING, Map.of("x", 1.0), 0, null, null, 0, null, null,
        "/nowhere/" + id, null, Instant.now(), 0, null, null, null, List.of());
  }

  /** A journal of a fresh experiment; afterwards the caller stops committing and the journal closes. */
  private void inJournal(Body body) throws Exception {
    try (ExperimentStore store = ExperimentStore.open(tmp.resolve("tb.mv.db"))) {
      long id = store.create("e", "{}", null, "score", "max", tmp);
      // the database path: results acknowledged from the result log are tested in ResultLogTest
      H2Journal j = store.journal(id, false);
      try {
        body.run(store, id, j);
      } finally {
        j.commitFromCallerThread(false);
        j.close();
      }
    }
  }

  private interface Body {
    void run(ExperimentStore store, long id, H2Journal j) throws Exception;
  }

  @Test void theCallerCommitsItsOwnWritesAndRunsTheCallbacksOnItsThread() throws Exception {
    inJournal((store, id, j) -> {
      j.trialSaved(trial("t1"));
      j.flush();
      j.commitFromCallerThread(true);
      Thread me = Thread.currentThread();
      AtomicInteger onMyThread = new AtomicInteger();
      List<Integer> storedAtCallback = new java.util.ArrayList<>();
      for (int i = 1; i <= 5; i++) {
        j.result("t1", i, Map.of("score", (double) i), Instant.now(), false, () -> {
          if (Thread.currentThread() == me) onMyThread.incrementAndGet();
          storedAtCallback.add(store.results(id, "t1").size());
        });
      }
      long commits = j.commits();
      j.commitQueued();
      assertEquals(5, onMyThread.get(), "every callback ran on the committing thread, inside commitQueued");
      assertEquals(List.of(5, 5, 5, 5, 5), storedAtCallback, "all five were committed before any callback ran");
      assertEquals(commits + 1, j.commits(), "one commit for the five");
      j.commitQueued(); // nothing queued: returns at once
      assertEquals(commits + 1, j.commits());
    });
  }

  @Test void whileTheLoopHoldsCommitsTheWriterThreadCommitsNothingOfItsWritesAlone() throws Exception {
    inJournal((store, id, j) -> {
      j.trialSaved(trial("t1"));
      j.trialSaved(trial("t2"));
      j.flush();
      j.commitFromCallerThread(true);
      long[] inside = new long[2];
      j.holdingCommits(() -> {
        long before = j.commits();
        j.result("t1", 1, Map.of("score", 1.0), Instant.now(), false, null); // an event's own write
        // a write from another thread wakes the journal's writer thread, which would commit the whole queue
        CompletableFuture<Void> other = CompletableFuture.runAsync(() ->
            j.result("t2", 1, Map.of("score", 2.0), Instant.now(), false, null));
        other.join();
        try {
          Thread.sleep(300);
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        j.result("t1", 2, Map.of("score", 3.0), Instant.now(), false, null); // what follows from the event
        inside[0] = j.commits() - before;
        inside[1] = store.results(id, "t1").size();
      });
      assertEquals(0, inside[0], "the writer thread committed while the loop held commits");
      assertEquals(0, inside[1]);
      j.flush(); // the writer thread may have taken the queue the moment the hold ended: wait for its commit
      assertEquals(2, store.results(id, "t1").size(), "both of the event's writes, together");
      assertEquals(1, store.results(id, "t2").size());
    });
  }

  @Test void flushOnTheCommittingThreadCommitsAtOnce() throws Exception {
    inJournal((store, id, j) -> {
      j.commitFromCallerThread(true);
      j.trialSaved(trial("t1"));
      j.result("t1", 1, Map.of("score", 1.0), Instant.now(), false, null);
      j.flush();
      assertEquals(1, store.results(id, "t1").size());
    });
  }

  @Test void writesOfOtherThreadsAndLeftoversGoThroughTheJournalThread() throws Exception {
    inJournal((store, id, j) -> {
      j.trialSaved(trial("t1"));
      j.commitFromCallerThread(true);
      // another thread's write wakes the journal thread: nobody calls commitQueued
      CompletableFuture<String> other = new CompletableFuture<>();
      Thread t = new Thread(() -> j.result("t1", 1, Map.of("score", 1.0), Instant.now(), false,
          () -> other.complete(Thread.currentThread().getName())), "someone-else");
      t.start();
      assertTrue(other.get(10, TimeUnit.SECONDS).startsWith("tunebench-journal-"), other.get());
      // the committing thread leaves a write queued and stops committing: the journal thread takes it
      CompletableFuture<String> left = new CompletableFuture<>();
      j.result("t1", 2, Map.of("score", 2.0), Instant.now(), false,
          () -> left.complete(Thread.currentThread().getName()));
      j.commitFromCallerThread(false);
      assertTrue(left.get(10, TimeUnit.SECONDS).startsWith("tunebench-journal-"), left.get());
      assertEquals(2, store.results(id, "t1").size());
    });
  }

  @Test void anInterruptedCallerLeavesTheCommitToTheJournalThread() throws Exception {
    inJournal((store, id, j) -> {
      j.trialSaved(trial("t1"));
      j.commitFromCallerThread(true);
      CompletableFuture<String> done = new CompletableFuture<>();
      j.result("t1", 1, Map.of("score", 1.0), Instant.now(), false,
          () -> done.complete(Thread.currentThread().getName()));
      Thread.currentThread().interrupt();
      try {
        j.commitQueued();
      } finally {
        assertTrue(Thread.interrupted(), "the flag is left as it was");
      }
      assertTrue(done.get(10, TimeUnit.SECONDS).startsWith("tunebench-journal-"), done.get());
      // the store still works: a later commit on the caller's thread succeeds
      j.result("t1", 2, Map.of("score", 2.0), Instant.now(), false, null);
      j.commitQueued();
      assertEquals(2, store.results(id, "t1").size());
    });
  }
}
