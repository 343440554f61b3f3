package org.tunebench.engine.schedule;

import org.tunebench.model.ExperimentSpec.Mode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tunebench.engine.schedule.Decision.CONTINUE;
import static org.tunebench.engine.schedule.Decision.PAUSE;
import static org.tunebench.engine.schedule.Decision.STOP;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tunebench.model.TrialStatus;

class MedianStoppingSchedulerTest extends TrialSchedulerContractTest {
  @Override
  protected TrialScheduler newScheduler() {
    return new MedianStoppingScheduler("score", Mode.MAX, "training_iteration", 2, 2, 0, true);
  }

  private MedianStoppingScheduler rule(Mode mode, double grace, int minSamples, double slice, boolean hard) {
    MedianStoppingScheduler s = new MedianStoppingScheduler("acc", mode, "t", grace, minSamples, slice, hard);
    s.setContext(ctx);
    return s;
  }

  private static Map<String, Object> r(double t, double acc) {
    return FakeContext.result("t", t, "acc", acc);
  }

  @Test
  void stopsATrialWhoseBestIsBelowTheMedianOfRunningMeans() {
    MedianStoppingScheduler s = rule(Mode.MAX, 0, 1, 0, true);
    FakeTrial t1 = ctx.add(s, "t1"), t2 = ctx.add(s, "t2"), t3 = ctx.add(s, "t3");
    assertEquals(CONTINUE, s.onTrialResult(t1, r(1, 10))); // nobody to compare with, nobody waiting
    assertEquals(CONTINUE, s.onTrialResult(t1, r(2, 20)));
    assertEquals(CONTINUE, s.onTrialResult(t1, r(3, 30)));
    s.onTrialComplete(t1, r(3, 30));
    assertEquals(STOP, s.onTrialResult(t2, r(1, 5)));      // median of {10} beats 5
    assertEquals(CONTINUE, s.onTrialResult(t3, r(1, 15))); // median of {10, 5} = 7.5
    // at t=2 only t1 reached it: its mean over [0, 2] is 15, equal to t3's best 15: a tie goes on
    assertEquals(CONTINUE, s.onTrialResult(t3, r(2, 1)));
    assertEquals(1, s.numStopped());
  }

  @Test
  void minModeStopsTheHigherLoss() {
    MedianStoppingScheduler s = rule(Mode.MIN, 0, 1, 0, true);
    FakeTrial a = ctx.add(s, "a"), b = ctx.add(s, "b");
    s.onTrialResult(a, r(1, 0.2));
    s.onTrialResult(a, r(2, 0.4));
    assertEquals(STOP, s.onTrialResult(b, r(2, 0.35))); // a's mean over [0, 2] is 0.3
  }

  @Test
  void tooFewSamplesContinueUnlessOthersWait() {
    MedianStoppingScheduler s = rule(Mode.MAX, 0, 3, 0, true);
    FakeTrial a = ctx.add(s, "a"), b = ctx.add(s, "b"), c = ctx.add(s, "c");
    s.onTrialResult(a, r(1, 10));
    s.onTrialResult(b, r(1, 10));
    // two others but three required; nobody waits: go on, however bad
    assertEquals(CONTINUE, s.onTrialResult(c, r(1, -100)));
    ctx.add(s, "d").status = TrialStatus.PENDING;
    // now someone waits: yield
    assertEquals(PAUSE, s.onTrialResult(c, r(2, -100)));
  }

  @Test
  void minTimeSliceLimitsHowOftenATrialYields() {
    MedianStoppingScheduler s = rule(Mode.MAX, 0, 3, 5, true);
    FakeTrial a = ctx.add(s, "a");
    ctx.add(s, "w").status = TrialStatus.PENDING;
    assertEquals(PAUSE, s.onTrialResult(a, r(1, 1)));  // never paused before: -inf
    assertEquals(CONTINUE, s.onTrialResult(a, r(4, 1))); // 4 - 1 <= 5
    assertEquals(CONTINUE, s.onTrialResult(a, r(6, 1))); // 6 - 1 = 5, not more than 5
    assertEquals(PAUSE, s.onTrialResult(a, r(7, 1)));
  }

  @Test
  void gracePeriodDelaysStoppingAndScopesTheMeans() {
    MedianStoppingScheduler s = rule(Mode.MAX, 2, 1, 0, true);
    FakeTrial a = ctx.add(s, "a"), b = ctx.add(s, "b");
    s.onTrialResult(a, r(1, 100)); // before the grace period: not in a's running mean
    s.onTrialResult(a, r(2, 10));
    s.onTrialResult(a, r(3, 10));
    assertEquals(CONTINUE, s.onTrialResult(b, r(1, 0))); // within the grace period
    // a's mean over [2, 3] is 10; b's best is 11 (the early 0 counts for best, not for a's mean)
    assertEquals(CONTINUE, s.onTrialResult(b, r(3, 11)));
    FakeTrial c = ctx.add(s, "c");
    // median over a (10) and b (11 over [2, 3]) is 10.5
    assertEquals(STOP, s.onTrialResult(c, r(3, 10.4)));
  }

  @Test
  void softStopPausesAndThenRunsFifo() {
    MedianStoppingScheduler s = rule(Mode.MAX, 0, 1, 0, false);
    FakeTrial a = ctx.add(s, "a"), b = ctx.add(s, "b");
    s.onTrialResult(a, r(1, 10));
    assertEquals(PAUSE, s.onTrialResult(b, r(1, 1)));
    assertEquals(CONTINUE, s.onTrialResult(b, r(2, 0)));
  }
}
