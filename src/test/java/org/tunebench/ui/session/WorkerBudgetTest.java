package org.tunebench.ui.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerBudgetTest {
  record Exp(String name, int workers, Instant ended) {}

  @Test void withinTheCapEndedExperimentsKeepTheirWorkers() {
    List<Exp> ended = List.of(new Exp("a", 2, Instant.ofEpochSecond(10)));
    assertEquals(List.of(), WorkerBudget.toRelease(ended, Exp::workers, Exp::ended, 4, 4));
  }

  @Test void pastTheCapTheOldestEndedReleaseFirst() {
    Exp old = new Exp("old", 3, Instant.ofEpochSecond(10));
    Exp recent = new Exp("recent", 3, Instant.ofEpochSecond(50));
    Exp none = new Exp("none", 0, Instant.ofEpochSecond(5));
    // 8 workers in all (2 of them in a running experiment), cap 4: releasing "old" leaves 5, then "recent" 2
    assertEquals(List.of(old, recent), WorkerBudget.toRelease(List.of(recent, none, old), Exp::workers, Exp::ended, 8, 4));
    assertEquals(List.of(old), WorkerBudget.toRelease(List.of(recent, old), Exp::workers, Exp::ended, 8, 5));
  }
}
