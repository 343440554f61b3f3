package org.tunebench.engine.stop;

import org.tunebench.model.ExperimentSpec.Mode;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Scenario tests per stopper; each nested class also runs the contract. */
class StoppersTest {
  private static Map<String, Object> acc(double v) {
    return Map.of("acc", v);
  }

  @Nested
  class Threshold extends StopperContractTest {
    @Override protected Stopper newStopper() {
      return new MetricThresholdStopper(Map.of("training_iteration", 10.0, "acc", 0.9));
    }

    @Test void anyKeyAtOrAboveItsValueStops() {
      Stopper s = newStopper();
      assertFalse(s.stopTrial("t", Map.of("training_iteration", 9, "acc", 0.5)));
      assertTrue(s.stopTrial("t", Map.of("training_iteration", 10, "acc", 0.5)));
      assertTrue(s.stopTrial("t", Map.of("training_iteration", 1, "acc", 0.9)));
      assertTrue(s.stopTrial("t", Map.of("acc", 0.95)), "a missing key is ignored, the other still counts");
    }
  }

  @Nested
  class MaximumIteration extends StopperContractTest {
    @Override protected Stopper newStopper() {
      return new MaximumIterationStopper(3);
    }

    @Test void countsResultsPerTrial() {
      Stopper s = newStopper();
      assertFalse(s.stopTrial("a", acc(1)));
      assertFalse(s.stopTrial("a", acc(1)));
      assertFalse(s.stopTrial("b", acc(1)));
      assertTrue(s.stopTrial("a", acc(1)));
      assertFalse(s.stopTrial("b", acc(1)));
    }
  }

  @Nested
  class TrialPlateau extends StopperContractTest {
    @Override protected Stopper newStopper() {
      return new TrialPlateauStopper("acc");
    }

    @Test void stopsWhenTheLastResultsBarelyMoveAfterTheGracePeriod() {
      Stopper s = new TrialPlateauStopper("acc", 0.01, 3, 4, null, null);
      assertFalse(s.stopTrial("t", acc(0.5)));
      assertFalse(s.stopTrial("t", acc(0.5)));
      assertFalse(s.stopTrial("t", acc(0.5)), "flat, but still in the grace period");
      assertTrue(s.stopTrial("t", acc(0.5)));
      assertFalse(s.stopTrial("u", acc(0.1)));
    }

    @Test void movingValuesGoOn() {
      Stopper s = new TrialPlateauStopper("acc", 0.01, 2, 0, null, null);
      assertFalse(s.stopTrial("t", acc(0.1)));
      assertFalse(s.stopTrial("t", acc(0.2)), "std 0.05");
      assertTrue(s.stopTrial("t", acc(0.205)), "std 0.0025");
    }

    @Test void aThresholdMustBeReachedFirst() {
      Stopper s = new TrialPlateauStopper("acc", 0.01, 2, 0, 0.8, Mode.MAX);
      assertFalse(s.stopTrial("t", acc(0.5)));
      assertFalse(s.stopTrial("t", acc(0.5)), "flat but below 0.8");
      Stopper m = new TrialPlateauStopper("loss", 0.01, 2, 0, 0.3, Mode.MIN);
      m.stopTrial("t", Map.of("loss", 0.2));
      assertTrue(m.stopTrial("t", Map.of("loss", 0.2)));
    }
  }

  @Nested
  class ExperimentPlateau extends StopperContractTest {
    @Override protected Stopper newStopper() {
      return new ExperimentPlateauStopper("acc");
    }

    @Override protected Stopper newResumeStopper() {
      return new ExperimentPlateauStopper("acc", 0.02, 3, Mode.MAX, 2);
    }

    @Test void stopsAllOnceTheTopValuesAgreePatienceTimesInARow() {
      Stopper s = new ExperimentPlateauStopper("acc", 0.001, 2, Mode.MAX, 2);
      assertFalse(s.stopTrial("a", acc(0.9)));
      assertFalse(s.stopTrial("b", acc(0.5)), "top 2 = 0.5, 0.9");
      assertFalse(s.stopTrial("c", acc(0.9)), "top 2 = 0.9, 0.9: plateaued once, patience 2");
      assertFalse(s.stopAll());
      assertTrue(s.stopTrial("d", acc(0.1)), "still 0.9, 0.9: twice in a row");
      assertTrue(s.stopAll());
    }

    @Test void minModeKeepsTheSmallest() {
      Stopper s = new ExperimentPlateauStopper("loss", 0.001, 2, Mode.MIN, 0);
      s.stopTrial("a", Map.of("loss", 0.1));
      assertFalse(s.stopTrial("b", Map.of("loss", 0.5)));
      assertTrue(s.stopTrial("c", Map.of("loss", 0.1)));
    }
  }

  @Nested
  class Timeout extends StopperContractTest {
    @Override protected Stopper newStopper() {
      return new TimeoutStopper(Duration.ofSeconds(60), clock);
    }

    @Test void theBudgetStartsAtTheFirstCheck() {
      Stopper s = newStopper();
      clock.advance(Duration.ofSeconds(100)); // set-up time is not charged
      assertFalse(s.stopAll());
      clock.advance(Duration.ofSeconds(59));
      assertFalse(s.stopAll());
      assertFalse(s.stopTrial("t", acc(1)));
      clock.advance(Duration.ofSeconds(1));
      assertTrue(s.stopAll());
    }
  }

  @Nested
  class Combined extends StopperContractTest {
    @Override protected Stopper newStopper() {
      return new CombinedStopper(List.of(new MaximumIterationStopper(2), new TimeoutStopper(Duration.ofSeconds(5), clock)));
    }

    @Test void anyPartStopsAndEveryPartSeesEveryResult() {
      MaximumIterationStopper a = new MaximumIterationStopper(1);
      MaximumIterationStopper b = new MaximumIterationStopper(2);
      Stopper s = new CombinedStopper(List.of(a, b));
      assertTrue(s.stopTrial("t", acc(1)));
      // b saw the first result too, so the second one is its second
      assertTrue(b.stopTrial("t", acc(1)));
      assertFalse(new CombinedStopper(List.of()).stopTrial("t", acc(1)));
    }

    @Test void stopAllFollowsTheTimeout() {
      Stopper s = newStopper();
      assertFalse(s.stopAll());
      clock.advance(Duration.ofSeconds(5));
      assertTrue(s.stopAll());
    }
  }
}
