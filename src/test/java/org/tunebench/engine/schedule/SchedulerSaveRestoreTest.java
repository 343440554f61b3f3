package org.tunebench.engine.schedule;

import org.tunebench.model.ExperimentSpec.Mode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Ray's scheduler save/restore for ASHA and the median rule: a scheduler restored (through JSON text) from
 * another's state halfway through a scenario takes every later decision as the original does.
 */
class SchedulerSaveRestoreTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Trial i's value at time t: a few crossing curves, one of them NaN once, one infinite. */
  private static double value(int i, int t) {
    if (i == 2 && t == 3) return Double.NaN;
    if (i == 4 && t == 5) return Double.NEGATIVE_INFINITY;
    return (1 + i % 3) * (1 - Math.exp(-t / (1.0 + i))) + 0.01 * i;
  }

  /**
   * Runs trials 0..n-1 round robin for {@code steps} time units; trials get {@code offset + i} ids so the
   * second half can add new ones. Returns each decision.
   */
  private static List<String> drive(TrialScheduler s, FakeContext ctx, List<FakeTrial> trials, int fromT, int toT) {
    List<String> out = new ArrayList<>();
    for (int t = fromT; t <= toT; t++) {
      for (int i = 0; i < trials.size(); i++) {
        FakeTrial tr = trials.get(i);
        if (tr.status == org.tunebench.model.TrialStatus.TERMINATED) continue;
        Map<String, Object> r = FakeContext.result("t", t, "acc", value(i, t));
        Decision d = s.onTrialResult(tr, r);
        out.add(tr.id + "@" + t + "=" + d);
        if (d == Decision.STOP || t == toT && i % 2 == 0) {
          s.onTrialComplete(tr, r);
          tr.status = org.tunebench.model.TrialStatus.TERMINATED;
        }
      }
    }
    return out;
  }

  private void roundTrip(Supplier<TrialScheduler> make, Mode mode) throws Exception {
    FakeContext ctxA = new FakeContext("acc", mode);
    TrialScheduler a = make.get();
    a.setContext(ctxA);
    List<FakeTrial> ta = new ArrayList<>();
    for (int i = 0; i < 6; i++) ta.add(ctxA.add(a, "t" + i).with("lr", 0.01 * (i + 1)).with("bs", 32));
    drive(a, ctxA, ta, 1, 4);
    int exploitsBefore = ctxA.exploits.size();
    int stoppedBefore = ctxA.stopped.size();

    JsonNode saved = JSON.readTree(JSON.writeValueAsString(a.save())); // through text, as the store keeps it
    TrialScheduler b = make.get();
    FakeContext ctxB = new FakeContext("acc", mode);
    b.setContext(ctxB);
    b.restore(saved);
    List<FakeTrial> tb = new ArrayList<>();
    for (FakeTrial t : ta) { // the driver hands the restored trials back with their statuses
      FakeTrial c = new FakeTrial(t.id, t.seq);
      c.status = t.status;
      c.config.putAll(t.config);
      ctxB.trials.add(c);
      tb.add(c);
      b.onTrialAdd(c); // the resumed driver adds every restored trial again
    }
    assertEquals(a.save(), b.save());
    for (int i = 6; i < 9; i++) { // and new trials come after the restart
      ta.add(ctxA.add(a, "t" + i).with("lr", 0.05).with("bs", 64));
      tb.add(ctxB.add(b, "t" + i).with("lr", 0.05).with("bs", 64));
    }
    assertEquals(drive(a, ctxA, ta, 5, 12), drive(b, ctxB, tb, 5, 12));
    assertEquals(a.save(), b.save());
    assertEquals(String.valueOf(ctxA.exploits.subList(exploitsBefore, ctxA.exploits.size())), String.valueOf(ctxB.exploits));
    assertEquals(ctxA.stopped.subList(stoppedBefore, ctxA.stopped.size()), ctxB.stopped);
  }

  @Test void ashaRoundTrip() throws Exception {
    roundTrip(() -> new AshaScheduler("acc", Mode.MAX, "t", 12, 1, 2, 1, true, new Random(1)), Mode.MAX);
    roundTrip(() -> new AshaScheduler("acc", Mode.MIN, "t", 12, 1, 3, 1, true, new Random(1)), Mode.MIN);
    // several brackets: trials added after the restart pick theirs with the restored generator
    roundTrip(() -> new AshaScheduler("acc", Mode.MAX, "t", 12, 1, 2, 3, true, new Random(1)), Mode.MAX);
  }

  @Test void medianRoundTrip() throws Exception {
    roundTrip(() -> new MedianStoppingScheduler("acc", Mode.MAX, "t", 2, 2, 0, true), Mode.MAX);
    roundTrip(() -> new MedianStoppingScheduler("acc", Mode.MIN, "t", 1, 1, 0, false), Mode.MIN);
  }

  @Test void hyperbandRoundTrip() throws Exception {
    roundTrip(() -> new HyperBandScheduler("acc", Mode.MAX, "t", 9, 3, true), Mode.MAX);
    roundTrip(() -> new HyperBandScheduler("acc", Mode.MIN, "t", 12, 2, false), Mode.MIN);
  }

  @Test void pbtRoundTrip() throws Exception {
    java.util.function.Function<Mode, TrialScheduler> pbt = mode -> new PbtScheduler("acc", mode, "t", 2, 1,
        PbtMutation.parseAll(json("{\"lr\": {\"uniform\": [0.001, 0.1]}, \"bs\": [16, 32, 64, 128]}"), "$.m"), 0.34,
        0.25, List.of(1.2, 0.8), new Random(7));
    roundTrip(() -> pbt.apply(Mode.MAX), Mode.MAX);
    roundTrip(() -> pbt.apply(Mode.MIN), Mode.MIN);
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test void aStateOfAnotherKindIsRefused() {
    AshaScheduler asha = new AshaScheduler("acc", Mode.MAX, "t", 12, 1, 2, 1, true, new Random(1));
    MedianStoppingScheduler median = new MedianStoppingScheduler("acc", Mode.MAX);
    assertThrows(IllegalArgumentException.class, () -> asha.restore(median.save()));
    assertThrows(IllegalArgumentException.class, () -> median.restore(asha.save()));
    AshaScheduler other = new AshaScheduler("acc", Mode.MAX, "t", 12, 1, 3, 1, true, new Random(1));
    assertThrows(IllegalArgumentException.class, () -> other.restore(asha.save()));
  }

  @Test void schedulersWithoutStateSaveNull() {
    assertNull(new FifoScheduler().save());
    new FifoScheduler().restore(null);
  }
}
