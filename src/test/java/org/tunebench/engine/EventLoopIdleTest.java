package org.tunebench.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The loop's idle hook (where the driver commits): when the queue runs dry, and at least every N events. */
class EventLoopIdleTest {
  @Test void idleRunsWhenTheQueueIsEmptyAndDuringLongBursts() {
    EventLoop loop = new EventLoop();
    List<String> log = new ArrayList<>();
    int burst = EventLoop.IDLE_AT_LEAST_EVERY * 3;
    boolean[] done = new boolean[1];
    loop.post(() -> {
      log.add("e0");
      // a burst queued at once: the hook must not wait for its end
      for (int i = 1; i <= burst; i++) {
        int n = i;
        loop.post(() -> log.add("e" + n));
      }
      loop.post(() -> done[0] = true);
    });
    loop.run(() -> done[0], () -> { }, () -> { }, () -> log.add("idle"));
    int idles = (int) log.stream().filter("idle"::equals).count();
    assertTrue(idles >= 3, "idle ran during the burst too: " + idles + " times in " + log.size());
    int gap = 0;
    int maxGap = 0;
    for (String s : log) {
      gap = s.equals("idle") ? 0 : gap + 1;
      maxGap = Math.max(maxGap, gap);
    }
    assertTrue(maxGap <= EventLoop.IDLE_AT_LEAST_EVERY, "at most " + EventLoop.IDLE_AT_LEAST_EVERY + " events between idles: " + maxGap);
    assertEquals("e0", log.get(0), "a queued event runs before the hook");
    loop.exit();
  }
}
