package org.tunebench.engine.stop;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link Stopper} must do: each implementation's test extends this (metric "acc"). */
abstract class StopperContractTest {
  protected final FakeClock clock = new FakeClock();

  protected abstract Stopper newStopper();

  @Test
  void resultsWithoutOrWithANonNumericMetricAreAccepted() {
    Stopper s = newStopper();
    assertDoesNotThrow(() -> s.stopTrial("t", Map.of()));
    assertDoesNotThrow(() -> s.stopTrial("t", Map.of("acc", "n/a", "training_iteration", 1)));
    assertDoesNotThrow(s::stopAll);
  }

  @Test
  void stopAllCanBeAskedBeforeAnyResult() {
    assertDoesNotThrow(() -> newStopper().stopAll());
  }
}
