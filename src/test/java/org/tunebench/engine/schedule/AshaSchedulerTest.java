package org.tunebench.engine.schedule;

import org.tunebench.model.ExperimentSpec.Mode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tunebench.engine.schedule.Decision.CONTINUE;
import static org.tunebench.engine.schedule.Decision.STOP;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AshaSchedulerTest extends TrialSchedulerContractTest {
  @Override
  protected TrialScheduler newScheduler() {
    return new AshaScheduler("score", Mode.MAX, "training_iteration", 10, 1, 3, 1, true, new Random(1));
  }

  private static Map<String, Object> r(int iter, double value) {
    return FakeContext.result("training_iteration", iter, "score", value);
  }

  /** A trial stopped at maxT completed its budget: its end reason says so, not "stopped early". */
  @Test
  void aStopAtMaxTIsACompletionAndARungStopIsNot() {
    AshaScheduler s = new AshaScheduler("score", Mode.MAX, "training_iteration", 27, 1, 3, 1, true, new Random(1));
    FakeTrial a = ctx.add(s, "a"), b = ctx.add(s, "b");
    assertEquals(CONTINUE, s.onTrialResult(a, r(1, 5)));
    assertEquals(STOP, s.onTrialResult(b, r(1, 1)));
    assertEquals(null, s.completedBy(b, r(1, 1)), "cut at a rung: an early stop");
    assertEquals(STOP, s.onTrialResult(a, r(27, 5)));
    assertEquals("completed: reached asha maxT 27 (training_iteration)", s.completedBy(a, r(27, 5)));
  }

  @Test
  void rayDefaultsGiveRungsAt1_4_16_64() {
    AshaScheduler s = new AshaScheduler("score", Mode.MAX);
    assertEquals(List.of(64.0, 16.0, 4.0, 1.0), s.milestones(0));
  }

  @Test
  void moreBracketsStartHigher() {
    AshaScheduler s = new AshaScheduler("score", Mode.MAX, "training_iteration", 100, 1, 4, 3, true, new Random(3));
    assertEquals(List.of(64.0, 16.0, 4.0, 1.0), s.milestones(0));
    assertEquals(List.of(64.0, 16.0, 4.0), s.milestones(1));
    assertEquals(List.of(64.0, 16.0), s.milestones(2));
  }

  @Test
  void firstRungCutoffIsTheUpperQuartileWithNumpyInterpolation() {
    AshaScheduler s = new AshaScheduler("score", Mode.MAX);
    FakeTrial t1 = ctx.add(s, "t1"), t2 = ctx.add(s, "t2"), t3 = ctx.add(s, "t3"), t4 = ctx.add(s, "t4"),
        t5 = ctx.add(s, "t5"), t6 = ctx.add(s, "t6");
    assertEquals(CONTINUE, s.onTrialResult(t1, r(1, 2)));   // empty rung: no cutoff
    assertEquals(CONTINUE, s.onTrialResult(t2, r(1, 4)));   // cutoff 2
    assertEquals(3.5, s.cutoff(0, 1), 1e-12);               // [2, 4] at 75 %
    assertEquals(STOP, s.onTrialResult(t3, r(1, 1)));       // 1 < 3.5
    assertEquals(3.0, s.cutoff(0, 1), 1e-12);               // [1, 2, 4]
    assertEquals(CONTINUE, s.onTrialResult(t4, r(1, 3.5))); // 3.5 >= 3
    assertEquals(3.625, s.cutoff(0, 1), 1e-12);             // [1, 2, 3.5, 4]
    assertEquals(CONTINUE, s.onTrialResult(t5, r(1, 3.625))); // a tie with the cutoff survives
    assertEquals(STOP, s.onTrialResult(t6, r(1, 3.6)));
    // no new rung between 1 and 4: recorded trials simply go on
    assertEquals(CONTINUE, s.onTrialResult(t1, r(2, -100)));
    assertEquals(CONTINUE, s.onTrialResult(t1, r(3, -100)));
    // rung 4 is empty, so the first trial there passes whatever its value
    assertEquals(CONTINUE, s.onTrialResult(t1, r(4, -100)));
    assertEquals(STOP, s.onTrialResult(t2, r(4, -200)));
    assertEquals(3, s.numStopped());
  }

  @Test
  void minModeWithReductionFactor3NegatesValues() {
    AshaScheduler s = new AshaScheduler("loss", Mode.MIN, "training_iteration", 9, 1, 3, 1, true, new Random(1));
    assertEquals(List.of(9.0, 3.0, 1.0), s.milestones(0));
    FakeTrial a = ctx.add(s, "a"), b = ctx.add(s, "b"), c = ctx.add(s, "c"), d = ctx.add(s, "d");
    assertEquals(CONTINUE, s.onTrialResult(a, FakeContext.result("training_iteration", 1, "loss", 0.5)));
    assertEquals(CONTINUE, s.onTrialResult(b, FakeContext.result("training_iteration", 1, "loss", 0.3)));
    // [-0.5, -0.3] at 66.67 %: -0.3 - 0.2/3
    assertEquals(-0.3 - 0.2 / 3, s.cutoff(0, 1), 1e-12);
    assertEquals(STOP, s.onTrialResult(c, FakeContext.result("training_iteration", 1, "loss", 0.6)));
    // [-0.6, -0.5, -0.3]: -0.5 + 0.2/3
    assertEquals(-0.5 + 0.2 / 3, s.cutoff(0, 1), 1e-12);
    assertEquals(CONTINUE, s.onTrialResult(d, FakeContext.result("training_iteration", 1, "loss", 0.4)));
    // second rung at 3
    assertEquals(CONTINUE, s.onTrialResult(b, FakeContext.result("training_iteration", 3, "loss", 0.2)));
    assertEquals(STOP, s.onTrialResult(a, FakeContext.result("training_iteration", 3, "loss", 0.25)));
    // maxT stops whatever the value
    assertEquals(STOP, s.onTrialResult(b, FakeContext.result("training_iteration", 9, "loss", 0.0)));
  }

  @Test
  void tiedValuesAllSurviveTheRung() {
    AshaScheduler s = new AshaScheduler("acc", Mode.MAX, "training_iteration", 9, 1, 3, 1, true, new Random(1));
    FakeTrial a = ctx.add(s, "a"), b = ctx.add(s, "b"), c = ctx.add(s, "c"), d = ctx.add(s, "d");
    assertEquals(CONTINUE, s.onTrialResult(a, FakeContext.result("training_iteration", 1, "acc", 0.5)));
    assertEquals(CONTINUE, s.onTrialResult(b, FakeContext.result("training_iteration", 1, "acc", 0.5)));
    assertEquals(CONTINUE, s.onTrialResult(c, FakeContext.result("training_iteration", 1, "acc", 0.5)));
    assertEquals(STOP, s.onTrialResult(d, FakeContext.result("training_iteration", 1, "acc", 0.4999)));
  }

  @Test
  void withoutStopLastTrialsMaxTDoesNotStop() {
    AshaScheduler s = new AshaScheduler("score", Mode.MAX, "training_iteration", 4, 1, 2, 1, false, new Random(1));
    FakeTrial a = ctx.add(s, "a");
    assertEquals(CONTINUE, s.onTrialResult(a, r(4, 1)));
    assertEquals(CONTINUE, s.onTrialResult(a, r(5, 1)));
  }

  @Test
  void completedTrialsInformLaterCutoffs() {
    AshaScheduler s = new AshaScheduler("score", Mode.MAX, "training_iteration", 9, 1, 3, 1, true, new Random(1));
    FakeTrial a = ctx.add(s, "a"), b = ctx.add(s, "b");
    s.onTrialComplete(a, r(1, 10));
    assertEquals(STOP, s.onTrialResult(b, r(1, 9)));
  }
}
