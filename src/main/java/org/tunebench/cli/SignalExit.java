package org.tunebench.cli;

import java.util.logging.Level;
import java.util.logging.Logger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM run {@code onSignal} to its end, wait for the command to finish its own way (the
 * journal closed, the final table and what to do next printed: {@link #done()}), then exit 130 / 143. Shutdown
 * hooks run concurrently with an exit, and H2's own hook closed the database while the journal still wrote; a
 * signal handler runs first.
 */
final class SignalExit {
  private static final Logger LOG = Logger.getLogger(SignalExit.class.getName());
  /** How long a signal waits for the command to end its own way before the process exits regardless. */
  static final long FINISH_TIMEOUT_S = 30;
  private final java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);
  private volatile int signal;
  private SignalHandler oldInt;
  private SignalHandler oldTerm;

  /** The handlers installed last, whose signal waits for {@link #commandEnded()}. */
  private static volatile SignalExit current;

  private SignalExit() {}

  static SignalExit install(Runnable onSignal) {
    SignalExit x = new SignalExit();
    current = x;
    SignalHandler h = sig -> {
      x.signal = sig.getNumber();
      onSignal.run();
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
