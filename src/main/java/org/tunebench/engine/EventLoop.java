package org.tunebench.engine;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The driver's one thread: a queue of events run one at a time, timers that only post into that queue, and
 * questions from other threads answered through futures. Whatever runs here owns the driver's state.
 */
final class EventLoop {
  private static final Logger LOG = Logger.getLogger(EventLoop.class.getName());
  private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "tunebench-driver-timer");
    t.setDaemon(true);
    return t;
  });
  private volatile boolean exited;
  static final int IDLE_AT_LEAST_EVERY = 32;

  /** Hands an event to the loop; safe from any thread. */
  void post(Runnable event) {
    queue.add(event);
  }

  /** Runs {@code question} on the loop and answers with its value (or its exception). */
  <T> CompletableFuture<T> ask(Supplier<T> question) {
    CompletableFuture<T> f = new CompletableFuture<>();
    post(() -> {
      try {
        f.complete(question.get());
      } catch (RuntimeException e) {
        f.completeExceptionally(e);
      }
    });
    if (exited) drainAfterExit();
    return f;
  }

  void every(Duration period, Runnable event) {
    long ms = period.toMillis();
    timers.scheduleAtFixedRate(() -> post(event), ms, ms, TimeUnit.MILLISECONDS);
  }

  void after(Duration delay, Runnable event) {
    timers.schedule(() -> post(event), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Runs events on the calling thread until {@code done}; {@code afterEach} follows every event. A failing
   * event is logged: a bug in one handler must not take every running trial down with the driver.
   */
  void run(BooleanSupplier done, Runnable afterEach, Runnable onInterrupt) {
    run(done, afterEach, onInterrupt, () -> { });
  }

  /**
   * As above; {@code whenIdle} runs each time the queue is empty (before the loop waits) and at least every
   * {@link #IDLE_AT_LEAST_EVERY} events: the driver commits its queued history writes there, so a burst of
   * results shares one commit and no result waits behind a long queue for its commit.
   */
  void run(BooleanSupplier done, Runnable afterEach, Runnable onInterrupt, Runnable whenIdle) {
    run(done, afterEach, onInterrupt, whenIdle, Runnable::run);
  }

  /**
   * As above; each event and the {@code afterEach} that follows it run inside {@code around} (the driver holds
   * the journal's commits there, so an event's writes and those of its follow-up commit together).
   */
  void run(BooleanSupplier done, Runnable afterEach, Runnable onInterrupt, Runnable whenIdle,
      java.util.function.Consumer<Runnable> around) {
    int sinceIdle = 0;
    while (!done.getAsBoolean()) {
      Runnable event = queue.poll();
      try {
        if (event == null || ++sinceIdle >= IDLE_AT_LEAST_EVERY) {
          sinceIdle = 0;
          runLogged(whenIdle);
          if (event == null) event = queue.take();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        onInterrupt.run();
        return;
      }
      Runnable e = event;
      around.accept(() -> {
        runLogged(e);
        afterEach.run();
      });
    }
  }

  private static void runLogged(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "driver event failed", e);
    }
  }

  /** The loop is over: from now on whoever posts runs what is queued, as the state has no other owner. */
  void exit() {
    exited = true;
    drainAfterExit();
    timers.shutdownNow();
  }

  private synchronized void drainAfterExit() {
    for (Runnable r; (r = queue.poll()) != null; ) {
      try {
        r.run();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "event after the driver ended failed", e);
      }
    }
  }
}
