package org.tunebench.engine.schedule;

import org.tunebench.model.ExperimentSpec.Mode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tunebench.engine.schedule.Decision.CONTINUE;
import static org.tunebench.engine.schedule.Decision.PAUSE;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tunebench.model.TrialStatus;

class PbtSchedulerTest extends TrialSchedulerContractTest {
  private static Map<String, PbtMutation> mutations() {
    Map<String, PbtMutation> m = new LinkedHashMap<>();
    m.put("lr", new PbtMutation.Distribution("uniform", r -> 0.001 + 0.099 * r.nextDouble()));
    m.put("bs", new PbtMutation.Values(List.of(16, 32, 64, 128)));
    return m;
  }

  @Override
  protected TrialScheduler newScheduler() {
    return new PbtScheduler("score", Mode.MAX, "training_iteration", 2, 0, mutations(), 0.25, 0.25,
        List.of(1.2, 0.8), new Random(7));
  }

  private PbtScheduler pbt(Mode mode, double quantile, double burnIn, List<Double> factors) {
    PbtScheduler s = new PbtScheduler("acc", mode, "t", 1, burnIn, mutations(), quantile, 0.0, factors, new Random(7));
    s.setContext(ctx);
    return s;
  }

  private static Map<String, Object> r(double t, double acc) {
    return FakeContext.result("t", t, "acc", acc);
  }

  @Test
  void quantilesAreTheWorstAndBestQuarterRoundedUpButAtMostHalf() {
    PbtScheduler s = pbt(Mode.MAX, 0.25, 0, List.of(1.2, 0.8));
    for (int i = 0; i < 8; i++) s.onTrialResult(ctx.add(s, "t" + i), r(1, (i * 5) % 8)); // 0 5 2 7 4 1 6 3
    assertEquals(List.of("t0", "t5"), s.lowerQuantile());
    assertEquals(List.of("t6", "t3"), s.upperQuantile());
    PbtScheduler half = pbt(Mode.MIN, 0.5, 0, List.of(1.2, 0.8));
    for (int i = 0; i < 3; i++) half.onTrialResult(ctx.add(half, "h" + i), r(1, i));
    // ceil(1.5) = 2 > 1.5, so floor(1.5) = 1; min mode: the highest value is the worst
    assertEquals(List.of("h2"), half.lowerQuantile());
    assertEquals(List.of("h0"), half.upperQuantile());
  }

  @Test
  void finishedTrialsLeaveThePopulation() {
    PbtScheduler s = pbt(Mode.MAX, 0.25, 0, List.of(1.2, 0.8));
    FakeTrial a = ctx.add(s, "a"), b = ctx.add(s, "b"), c = ctx.add(s, "c");
    s.onTrialResult(a, r(1, 1));
    s.onTrialResult(b, r(1, 2));
    s.onTrialResult(c, r(1, 3));
    assertEquals(List.of("c"), s.upperQuantile());
    c.status = TrialStatus.TERMINATED;
    s.onTrialComplete(c, r(1, 3));
    assertEquals(List.of("b"), s.upperQuantile());
    assertEquals(List.of("a"), s.lowerQuantile());
  }

  @Test
  void aBottomTrialClonesATopTrialAndIsPaused() {
    PbtScheduler s = pbt(Mode.MAX, 0.25, 0, List.of(2.0));
    FakeTrial a = ctx.add(s, "a").with("lr", 0.01).with("bs", 32).with("fixed", "x");
    FakeTrial b = ctx.add(s, "b").with("lr", 0.02).with("bs", 64);
    FakeTrial c = ctx.add(s, "c").with("lr", 0.03).with("bs", 16);
    FakeTrial d = ctx.add(s, "d").with("lr", 0.04).with("bs", 128).with("fixed", "y");
    assertEquals(CONTINUE, s.onTrialResult(a, r(1, 1))); // alone: no quantiles yet
    assertEquals(CONTINUE, s.onTrialResult(b, r(1, 2)));
    assertEquals(CONTINUE, s.onTrialResult(c, r(1, 3)));
    assertEquals(CONTINUE, s.onTrialResult(d, r(1, 4))); // top: its checkpoint at t=1 is a donor
    assertEquals(CONTINUE, s.onTrialResult(a, r(1.5, 0))); // not yet a perturbation interval later
    assertEquals(PAUSE, s.onTrialResult(a, r(2, 0.5)));
    assertEquals(1, ctx.exploits.size());
    FakeContext.ExploitCall call = ctx.exploits.get(0);
    assertEquals("a", call.trialId());
    assertEquals("d", call.donorId());
    // the donor's config, explored: lr * 2.0 (resampleProbability 0), bs one step from 128 (clamped at the end)
    assertEquals(0.08, (double) call.newConfig().get("lr"), 1e-12);
    assertTrue(List.of(64, 128).contains(call.newConfig().get("bs")), call.newConfig().toString());
    assertEquals("y", call.newConfig().get("fixed"));
    PbtScheduler.Exploit e = s.exploits().get(0);
    assertEquals(2.0, e.time());
    assertEquals("a", e.trialId());
    assertEquals("d", e.donorId());
    assertEquals(Map.of("lr", 0.01, "bs", 32, "fixed", "x"), e.oldConfig());
    assertEquals(call.newConfig(), e.newConfig());
  }

  @Test
  void noExploitWithoutADonorCheckpointAndPauseWhenOthersWait() {
    PbtScheduler s = pbt(Mode.MAX, 0.25, 0, List.of(2.0));
    FakeTrial a = ctx.add(s, "a").with("lr", 0.01).with("bs", 32);
    FakeTrial b = ctx.add(s, "b").with("lr", 0.02).with("bs", 64);
    assertEquals(CONTINUE, s.onTrialResult(a, r(1, 5))); // alone: no quantiles, so no checkpoint kept
    // b is bottom and a top, but a kept no checkpoint at its perturbation point: nothing to clone
    assertEquals(CONTINUE, s.onTrialResult(b, r(1, 1)));
    assertTrue(ctx.exploits.isEmpty());
    ctx.add(s, "w").status = TrialStatus.PENDING;
    // a on top keeps a checkpoint now; no exploit for it, but a trial waits, so it yields
    assertEquals(PAUSE, s.onTrialResult(a, r(2, 6)));
    assertTrue(ctx.exploits.isEmpty());
    assertEquals(PAUSE, s.onTrialResult(b, r(2, 0)));
    assertEquals("a", ctx.exploits.get(0).donorId());
  }

  @Test
  void burnInPeriodDefersPerturbation() {
    PbtScheduler s = pbt(Mode.MAX, 0.5, 3, List.of(2.0));
    FakeTrial a = ctx.add(s, "a").with("lr", 0.01).with("bs", 32);
    FakeTrial b = ctx.add(s, "b").with("lr", 0.02).with("bs", 64);
    for (int t = 1; t < 3; t++) {
      assertEquals(CONTINUE, s.onTrialResult(b, r(t, 10)));
      assertEquals(CONTINUE, s.onTrialResult(a, r(t, 0)));
    }
    assertTrue(s.lowerQuantile().isEmpty(), "nothing scored during burn-in");
    assertEquals(CONTINUE, s.onTrialResult(b, r(3, 10))); // first scored: alone, keeps no checkpoint
    assertEquals(CONTINUE, s.onTrialResult(a, r(3, 0)));  // bottom, but the donor has no checkpoint yet
    assertEquals(CONTINUE, s.onTrialResult(b, r(4, 10))); // top with a checkpoint
    assertEquals(PAUSE, s.onTrialResult(a, r(4, 0)));
    assertEquals("b", s.exploits().get(0).donorId());
  }
}
