package org.tunebench.cli;

import java.util.logging.Level;
import java.util.logging.Logger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM start the action set by {@link #onSignal} (interrupting the experiment), wait for the
 * command to finish its own way (the journal closed, the final table and what to do next printed:
 * {@link #commandEnded()}), then exit 130 / 143. Shutdown hooks run concurrently with an exit, and H2's own hook
 * closed the database while the journal still wrote; a signal handler runs first. Installed when the command
 * starts: a signal while the experiment is being set up is carried out as soon as it exists.
 */
final class SignalExit {
  private static final Logger LOG = Logger.getLogger(SignalExit.class.getName());
  /** How long a signal waits for the command to end its own way before the process exits regardless. */
  static final long FINISH_TIMEOUT_S = 30;
  private final java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);
  private volatile int signal;
  /** What a signal starts; run once, by the handler or, when the signal came first, by {@link #onSignal}. */
  private Runnable action;
  private boolean acted;
  private SignalHandler oldInt;
  private SignalHandler oldTerm;

  /** The handlers installed last, whose signal waits for {@link #commandEnded()}. */
  private static volatile SignalExit current;

  private SignalExit() {}

  static SignalExit install() {
    SignalExit x = new SignalExit();
    current = x;
    SignalHandler h = sig -> {
      x.received(sig.getNumber());
      try {
        x.finished.await(FINISH_TIMEOUT_S, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      System.exit(128 + sig.getNumber());
    };
    try {
      x.oldInt = Signal.handle(new Signal("INT"), h);
      x.oldTerm = Signal.handle(new Signal("TERM"), h);
    } catch (IllegalArgumentException e) {
      // the JVM reserves the signal (e.g. -Xrs): shutdown hooks do what they can
      LOG.log(Level.INFO, "cannot handle signals", e);
    }
    return x;
  }

  /** A signal came: its action starts now, or when {@link #onSignal} sets one. */
  void received(int number) {
    Runnable run;
    synchronized (this) {
      signal = number;
      run = take();
    }
    if (run != null) run.run();
  }

  /** What a signal starts from now on; run at once when a signal came before it was set. */
  void onSignal(Runnable a) {
    Runnable run;
    synchronized (this) {
      action = a;
      run = signal != 0 ? take() : null;
    }
    if (run != null) run.run();
  }

  private synchronized Runnable take() {
    if (action == null || acted) return null;
    acted = true;
    return action;
  }

  /** Whether a signal ended the command. */
  boolean signalled() {
    return signal != 0;
  }

  /** The exit code: 128 + the signal's number after a signal, else {@code normal}. */
  int exitCode(int normal) {
    return signal != 0 ? 128 + signal : normal;
  }

  /**
   * The command has ended, said all it has to say and closed its database: a signal's exit may go ahead (before,
   * H2's shutdown hook closed the database under the store's own close).
   */
  static void commandEnded() {
    SignalExit x = current;
    if (x != null) x.finished.countDown();
  }

  void uninstall() {
    if (oldInt != null) Signal.handle(new Signal("INT"), oldInt);
    if (oldTerm != null) Signal.handle(new Signal("TERM"), oldTerm);
  }
}
