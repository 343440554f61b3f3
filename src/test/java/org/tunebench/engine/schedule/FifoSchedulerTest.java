package org.tunebench.engine.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tunebench.model.TrialStatus;

class FifoSchedulerTest extends TrialSchedulerContractTest {
  @Override
  protected TrialScheduler newScheduler() {
    return new FifoScheduler();
  }

  @Test
  void alwaysContinuesAndStartsTheFirstPendingTrial() {
    FifoScheduler s = new FifoScheduler();
    FakeTrial a = ctx.add(s, "a");
    FakeTrial b = ctx.add(s, "b");
    FakeTrial c = ctx.add(s, "c");
    assertEquals(Decision.CONTINUE, s.onTrialResult(a, Map.of("training_iteration", 1000, "score", -1e9)));
    a.status = TrialStatus.PAUSED;
    b.status = TrialStatus.PENDING;
    c.status = TrialStatus.PENDING;
    assertSame(b, s.chooseTrialToRun(List.of(a, b, c)));
  }
}
