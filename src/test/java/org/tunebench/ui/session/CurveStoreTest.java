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
}
