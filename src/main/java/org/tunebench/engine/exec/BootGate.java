package org.tunebench.engine.exec;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Lets at most {@code slots} worker JVMs boot at once. Sixteen JVMs booting together on two cores all reach
 * their first line of user code late, at about the same moment; booted a core's worth at a time, the first
 * trial starts after about one boot. A slot is given back when the worker says hello, when its process ends, or
 * after {@code maxHoldMs} (a few hundred ms): boots are paced, not serialised. Fully serialised boots (measured:
 * first result 0.5 s instead of 1.8-2.3 s for 16 trials at once) let the first trials' own work slow the later
 * boots, so 16 equal short trials ended later than with all booting together; paced, the first result comes as
 * soon and the rest start within a few hundred ms of each other. The limit also means a JVM that hangs while
 * booting holds up nobody.
 */
final class BootGate {
  private final int slots;
  private final long maxHoldMs;
  private final Deque<Runnable> waiting = new ArrayDeque<>();
  private int inUse;

  BootGate(int slots, long maxHoldMs) {
    if (slots < 1) throw new IllegalArgumentException("boot slots must be at least 1, not " + slots);
    this.slots = slots;
    this.maxHoldMs = maxHoldMs;
  }

  /** One boot's hold on a slot; {@link #release()} may be called any number of times, from any thread. */
  final class Hold {
    private final AtomicBoolean released = new AtomicBoolean();

    void release() {
      if (released.compareAndSet(false, true)) leave();
    }
  }

  /**
   * Runs {@code boot} with a slot's hold, now or once a slot is free (on the thread that frees it).
   * {@code boot} must not throw; what it cannot start it releases.
   */
  void enter(java.util.function.Consumer<Hold> boot) {
    Runnable r = () -> {
      Hold h = new Hold();
      CompletableFuture.delayedExecutor(maxHoldMs, TimeUnit.MILLISECONDS).execute(h::release);
      boot.accept(h);
    };
    synchronized (this) {
      if (inUse >= slots) {
        waiting.add(r);
        return;
      }
      inUse++;
    }
    r.run();
  }

  /** Boots waiting for a slot now. */
  synchronized int waiting() {
    return waiting.size();
  }

  /** Boots holding a slot now. */
  synchronized int booting() {
    return inUse;
  }

  private void leave() {
    Runnable next;
    synchronized (this) {
      next = waiting.poll();
      if (next == null) {
        inUse--;
        return;
      }
    }
    next.run();
  }
}
