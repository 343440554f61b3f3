package org.tunebench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.tunebench.model.ExperimentSpec.Mode.MAX;
import static org.tunebench.model.ExperimentSpec.Mode.MIN;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.model.TrialStatus;
import org.tunebench.store.StoredResult;

class ResumeLastResultTest {
  private static TrialSnapshot running(int iteration) {
    return new TrialSnapshot("00000", 0, TrialStatus.RUNNING, Map.of("x", 1), iteration,
        Map.of("training_iteration", iteration), 1.0, 0, null, null, "/tmp/t", null, Instant.EPOCH, 0.5, null, null,
        null, List.of());
  }

  private static StoredResult result(int iteration) {
    return new StoredResult("00000", iteration, Instant.EPOCH, Map.of("training_iteration", iteration, "time_total_s", iteration * 0.1, "loss", 10.0 / iteration));
  }

  /** The trial row lags its results when the driver is killed between the two writes: the results win. */
  @Test void theNewestKeptResultIsTheLastOne() {
    TrialSnapshot t = ExperimentLauncher.withLastKept(running(18), List.of(result(18), result(19), result(20)), "loss", MIN);
    assertEquals(20, t.iteration());
    assertEquals(20, t.lastResult().get("training_iteration"));
    assertEquals(2.0, t.timeTotalS(), 1e-9);
    assertEquals(0.5, t.best(), 1e-9, "the best of the kept results, not the row's older one (1.0)");
    assertEquals(10.0 / 18, ExperimentLauncher.withLastKept(running(18), List.of(result(18), result(19), result(20)), "loss",
        MAX).best(), 1e-9, "the best by the mode");
  }

  @Test void aRowThatIsUpToDateIsKept() {
    TrialSnapshot row = running(20);
    assertSame(row, ExperimentLauncher.withLastKept(row, List.of(result(19), result(20)), "loss", MIN));
    assertSame(row, ExperimentLauncher.withLastKept(row, List.of(), "loss", MIN));
  }
}
