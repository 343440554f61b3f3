package org.tunebench.ui.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tunebench.model.ExperimentSpec.Mode;

/** The best-so-far line of the run and compare views, placed in time. */
class CurveStoreTest {
  private static Map<String, Object> result(double loss, long epochSecond) {
    return Map.of("loss", loss, "training_iteration", 1, "timestamp", epochSecond);
  }

  @Test void stepsFallWhereTheResultsCameNotOnWholeSeconds() {
    CurveStore c = new CurveStore("loss", Mode.MIN);
    Instant t0 = Instant.parse("2026-12-01T10:00:00.100Z");
    c.add("a", result(3.0, t0.getEpochSecond()), t0);
    c.add("b", result(2.0, t0.getEpochSecond()), t0.plusMillis(250));
    c.add("a", result(2.5, t0.getEpochSecond()), t0.plusMillis(400));
    c.add("b", result(1.0, t0.getEpochSecond() + 1), t0.plusMillis(1_150));
    assertArrayEquals(new double[] {0.0, 0.25, 1.15}, c.bestX().toArray(), 1e-6);
    assertArrayEquals(new double[] {3.0, 2.0, 1.0}, c.bestY().toArray(), 1e-9);
  }

  @Test void withoutATimeTheResultsOwnTimestampPlacesIt() {
    CurveStore c = new CurveStore("loss", Mode.MIN);
    c.add("a", result(3.0, 100));
    c.add("a", result(1.0, 103));
    assertArrayEquals(new double[] {0.0, 3.0}, c.bestX().toArray(), 1e-6);
  }

  /** A trial restarted from its checkpoint of iteration 2 trains 3 and 4 again: each is drawn once, the new one. */
  @Test void aRestartFromAnOlderCheckpointReplacesTheIterationsItTrainsAgain() {
    CurveStore c = new CurveStore("loss", Mode.MIN);
    for (int i = 1; i <= 4; i++) c.add("a", Map.of("loss", 10.0 - i, "training_iteration", i));
    c.mark("a", "exploit", "b");
    int rewinds = c.curve("a").rewinds();
    c.add("a", Map.of("loss", 7.5, "training_iteration", 3));
    c.add("a", Map.of("loss", 6.5, "training_iteration", 4));
    c.add("a", Map.of("loss", 5.5, "training_iteration", 5));
    assertArrayEquals(new double[] {1, 2, 3, 4, 5}, c.curve("a").iteration.toArray());
    assertArrayEquals(new double[] {9, 8, 7.5, 6.5, 5.5}, c.curve("a").metric("loss").toArray(), 1e-9);
    org.junit.jupiter.api.Assertions.assertEquals(rewinds + 1, c.curve("a").rewinds(), "the chart's caches start over");
    org.junit.jupiter.api.Assertions.assertEquals(2, c.marks().get(0).index(), "the mark moves to the first new point");
  }
}
