package org.tunebench.engine.schedule;

import org.tunebench.model.ExperimentSpec.Mode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.tunebench.engine.schedule.Decision.CONTINUE;
import static org.tunebench.engine.schedule.Decision.PAUSE;
import static org.tunebench.engine.schedule.Decision.STOP;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tunebench.model.TrialStatus;

class HyperBandSchedulerTest extends TrialSchedulerContractTest {
  @Override
  protected TrialScheduler newScheduler() {
    return new HyperBandScheduler("score", Mode.MAX, "training_iteration", 9, 3, true);
  }

  private HyperBandScheduler hb() {
    HyperBandScheduler s = new HyperBandScheduler("score", Mode.MAX, "training_iteration", 9, 3, true);
    s.setContext(ctx);
    return s;
  }

  private static Map<String, Object> r(int iter, double value) {
    return FakeContext.result("training_iteration", iter, "score", value);
  }

  /** A trial the user restarts after it left its bracket is halved again, not run unchecked to the end. */
  @Test
  void aRestartedTrialJoinsABracketAgain() {
    HyperBandScheduler s = hb();
    FakeTrial t = ctx.add(s, "t0");
    s.onTrialError(t);
    t.status = TrialStatus.ERRORED;
    assertEquals(CONTINUE, s.onTrialResult(t, r(20, 1)), "a trial outside every bracket is not judged");
    t.status = TrialStatus.PENDING;
    s.onTrialAdd(t);
    t.status = TrialStatus.RUNNING;
    assertEquals(STOP, s.onTrialResult(t, r(9, 1)), "back in a bracket, it is judged again: stopped at max_t");
  }

  @Test
  void bracketsAreFilledInOrderThenANewBandStarts() {
    HyperBandScheduler s = hb();
    for (int i = 0; i < 17; i++) ctx.add(s, "t" + i);
    List<int[]> shapes = s.bracketShapes();
    assertEquals(3, shapes.size());
    // [s, max trials, milestone]: s=0 has 3 trials run to 9; s=1 5 trials halved at 3; s=2 9 trials at 1
    assertArrayEquals(new int[] {0, 3, 9}, shapes.get(0));
    assertArrayEquals(new int[] {1, 5, 3}, shapes.get(1));
    assertArrayEquals(new int[] {2, 9, 1}, shapes.get(2));
    ctx.add(s, "t17");
    assertEquals(4, s.bracketShapes().size());
    assertArrayEquals(new int[] {0, 3, 9}, s.bracketShapes().get(3));
  }

  @Test
  void pausesAtTheMilestoneHalvesWhenAllArriveAndResumesTheSurvivors() {
    HyperBandScheduler s = hb();
    for (int i = 0; i < 3; i++) ctx.add(s, "full" + i).status = TrialStatus.PENDING;
    List<FakeTrial> b = new ArrayList<>();
    for (int i = 0; i < 5; i++) b.add(ctx.add(s, "b" + i));
    double[] values = {1, 5, 3, 2, 4};
    for (FakeTrial t : b) {
      assertEquals(CONTINUE, s.onTrialResult(t, r(1, 0)));
      assertEquals(CONTINUE, s.onTrialResult(t, r(2, 0)));
    }
    for (int i = 0; i < 4; i++) {
      assertEquals(PAUSE, s.onTrialResult(b.get(i), r(3, values[i])), "b" + i + " waits at the milestone");
      b.get(i).status = TrialStatus.PAUSED;
    }
    assertNull(s.chooseTrialToRun(List.of(b.get(0), b.get(1))), "paused trials wait for their bracket");
    // the last one arrives: keep ceil(5/3) = 2 best (b1 = 5, b4 = 4), stop the paused losers
    assertEquals(CONTINUE, s.onTrialResult(b.get(4), r(3, values[4])));
    assertEquals(List.of("b0", "b3", "b2"), ctx.stopped);
    assertEquals(java.util.Arrays.asList(null, null, null), ctx.reasons, "the losers stop early");
    assertNull(s.completedBy(b.get(4), r(3, values[4])));
    assertSame(b.get(1), s.chooseTrialToRun(List.of(b.get(1))));
    b.get(1).status = TrialStatus.RUNNING;
    // Ray's next milestone is min(3*3, 9-3) = 6
    assertEquals(PAUSE, s.onTrialResult(b.get(4), r(6, 7)));
    b.get(4).status = TrialStatus.PAUSED;
    assertEquals(CONTINUE, s.onTrialResult(b.get(1), r(4, 6)));
    assertEquals(CONTINUE, s.onTrialResult(b.get(1), r(5, 6)));
    // the bracket is finished: the current trial stops and so do the paused ones
    assertEquals(STOP, s.onTrialResult(b.get(1), r(6, 6)));
    assertEquals(List.of("b0", "b3", "b2", "b4"), ctx.stopped);
    String end = "completed: reached the last rung of its hyperband bracket (training_iteration 6)";
    assertEquals(end, ctx.reasons.get(3), "a survivor of the whole bracket did not stop early");
    assertEquals(end, s.completedBy(b.get(1), r(6, 6)));
  }

  @Test
  void aTrialThatEndsEarlyLetsTheBracketHalve() {
    HyperBandScheduler s = hb();
    for (int i = 0; i < 3; i++) ctx.add(s, "full" + i).status = TrialStatus.PENDING;
    List<FakeTrial> b = new ArrayList<>();
    for (int i = 0; i < 5; i++) b.add(ctx.add(s, "b" + i));
    for (int i = 0; i < 4; i++) {
      assertEquals(PAUSE, s.onTrialResult(b.get(i), r(3, i)));
      b.get(i).status = TrialStatus.PAUSED;
    }
    b.get(4).status = TrialStatus.ERRORED;
    s.onTrialError(b.get(4));
    // 4 live trials, keep 2: b3 and b2 go on, b0 and b1 stop
    assertEquals(List.of("b0", "b1"), ctx.stopped);
    assertSame(b.get(2), s.chooseTrialToRun(List.of(b.get(2), b.get(3))));
  }

  @Test
  void minModeKeepsTheLowest() {
    HyperBandScheduler s = new HyperBandScheduler("loss", Mode.MIN, "training_iteration", 3, 3, true);
    s.setContext(ctx);
    // sMax1 = 2: s=0 bracket of 2 trials to 3, then s=1 bracket of 3 trials halved at 1
    ctx.add(s, "x").status = TrialStatus.PENDING;
    ctx.add(s, "y").status = TrialStatus.PENDING;
    FakeTrial a = ctx.add(s, "a"), b = ctx.add(s, "b"), c = ctx.add(s, "c");
    assertEquals(PAUSE, s.onTrialResult(a, FakeContext.result("training_iteration", 1, "loss", 0.1)));
    a.status = TrialStatus.PAUSED;
    assertEquals(PAUSE, s.onTrialResult(b, FakeContext.result("training_iteration", 1, "loss", 0.9)));
    b.status = TrialStatus.PAUSED;
    // keep ceil(3/3) = 1: a (0.1); c (0.5) stops
    assertEquals(STOP, s.onTrialResult(c, FakeContext.result("training_iteration", 1, "loss", 0.5)));
    assertEquals(List.of("b"), ctx.stopped);
    assertSame(a, s.chooseTrialToRun(List.of(a)));
  }
}
