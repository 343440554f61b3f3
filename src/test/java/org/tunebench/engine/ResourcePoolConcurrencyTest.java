package org.tunebench.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.tunebench.model.ExperimentSpec.Resources;

/** The workbench shares one pool among drivers on their own threads: no lost updates, never over capacity. */
class ResourcePoolConcurrencyTest {
  @Test void driversOnSeveralThreadsShareOnePool() throws Exception {
    ResourcePool pool = new ResourcePool(2, 0, 1 << 20);
    Resources r = new Resources(0.5, 0, 16);
    int threads = 4;
    AtomicInteger held = new AtomicInteger();
    AtomicInteger maxHeld = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    Thread[] ts = new Thread[threads];
    for (int i = 0; i < threads; i++) {
      ts[i] = new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int n = 0; n < 200_000; n++) {
          if (pool.tryAcquire(r)) {
            maxHeld.accumulateAndGet(held.incrementAndGet(), Math::max);
            held.decrementAndGet();
            pool.release(r);
          }
        }
      });
      ts[i].start();
    }
    go.countDown();
    for (Thread t : ts) t.join();
    assertTrue(maxHeld.get() <= 4, "never more than 2 CPUs / 0.5 handed out at once: " + maxHeld.get());
    assertEquals(0.0, pool.usedCpus(), 1e-9, "every release came back");
  }
}
