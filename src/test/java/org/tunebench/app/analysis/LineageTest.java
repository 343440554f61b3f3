package org.tunebench.app.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.model.TrialStatus;
import org.tunebench.store.StoredExploit;
import org.tunebench.store.StoredResult;

class LineageTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  static TrialSnapshot trial(String id, int seq, String parent, Map<String, Object> cfg, Instant created) {
    return new TrialSnapshot(id, seq, TrialStatus.TERMINATED, cfg, 10, null, 1.0, 0, null, null, "", parent, created, 1, null, null, null, null);
  }

  static List<StoredResult> steps(int n, Instant start) {
    return java.util.stream.IntStream.rangeClosed(1, n)
        .mapToObj(i -> new StoredResult("x", i, start.plusSeconds(i), Map.of("loss", 1.0 / i))).toList();
  }

  @Test void exploitsAndForksBecomeLinksAtTheStepReachedThen() {
    List<TrialSnapshot> trials = List.of(trial("a", 0, null, Map.of("lr", 0.1), T0), trial("b", 1, null, Map.of("lr", 0.2), T0),
        trial("c", 2, "a", Map.of("lr", 0.3), T0.plusSeconds(7)));
    Map<String, List<StoredResult>> results = Map.of("a", steps(10, T0), "b", steps(10, T0), "c", steps(4, T0.plusSeconds(7)));
    List<StoredExploit> ex = List.of(new StoredExploit("b", "a", Map.of("lr", 0.2), Map.of("lr", 0.12), "ck", T0.plusSeconds(5)));
    Lineage l = Lineage.of(trials, results, ex);
    assertEquals(3, l.spans().size());
    assertEquals(2, l.links().size());
    Lineage.Link fork = l.links().get(0);
    assertEquals("fork", fork.kind());
    assertEquals("a", fork.from());
    assertEquals("c", fork.to());
    assertEquals(7, fork.step(), 0, "a had reported step 7 when c was forked from it");
    assertEquals("lr 0.1 → 0.3", fork.change());
    Lineage.Link exploit = l.links().get(1);
    assertEquals("exploit", exploit.kind());
    assertEquals("a", exploit.from());
    assertEquals("b", exploit.to());
    assertEquals(5, exploit.step(), 0);
    assertEquals("lr 0.2 → 0.12", exploit.change());
  }
}
