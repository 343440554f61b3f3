package org.tunebench.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BootGateTest {
  @Test void bootsBeyondTheSlotsWaitAndStartInOrderAsSlotsFree() {
    BootGate g = new BootGate(2, 60_000);
    List<BootGate.Hold> holds = new ArrayList<>();
    List<Integer> started = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      int n = i;
      g.enter(h -> {
        started.add(n);
        holds.add(h);
      });
    }
    assertEquals(List.of(0, 1), started);
    assertEquals(2, g.booting());
    assertEquals(3, g.waiting());
    holds.get(1).release();
    holds.get(1).release(); // a second release (hello, then the exit) frees nothing more
    assertEquals(List.of(0, 1, 2), started);
    holds.get(0).release();
    assertEquals(List.of(0, 1, 2, 3), started);
    holds.get(2).release();
    holds.get(3).release();
    holds.get(4).release();
    assertEquals(List.of(0, 1, 2, 3, 4), started);
    assertEquals(0, g.booting());
    assertEquals(0, g.waiting());
  }

  @Test void aBootThatNeverSaysHelloGivesItsSlotBackAfterTheLimit() throws Exception {
    BootGate g = new BootGate(1, 200);
    CountDownLatch second = new CountDownLatch(1);
    g.enter(h -> { }); // never released by its owner
    g.enter(h -> second.countDown());
    assertTrue(second.await(10, TimeUnit.SECONDS), "the second boot waited for ever");
  }

  @Test void atLeastOneSlot() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BootGate(0, 1000));
    assertTrue(e.getMessage().contains("at least 1"), e.getMessage());
  }
}
