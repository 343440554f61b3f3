package org.tunebench.cli;

import java.util.logging.Level;
import java.util.logging.Logger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM run {@code onSignal} to its end, then exit 130 / 143. Shutdown hooks run
 * concurrently, and H2's own hook would close the database while the interruption is being written; a
 * signal handler runs first.
 */
final class SignalExit {
  private static final Logger LOG = Logger.getLogger(SignalExit.class.getName());
  private final SignalHandler oldInt;
  private final SignalHandler oldTerm;

  private SignalExit(SignalHandler oldInt, SignalHandler oldTerm) {
    this.oldInt = oldInt;
    this.oldTerm = oldTerm;
  }

  static SignalExit install(Runnable onSignal) {
    SignalHandler h = sig -> {
      onSignal.run();
      System.exit(128 + sig.getNumber());
    };
    try {
      return new SignalExit(Signal.handle(new Signal("INT"), h), Signal.handle(new Signal("TERM"), h));
    } catch (IllegalArgumentException e) {
      // the JVM reserves the signal (e.g. -Xrs): shutdown hooks do what they can
      LOG.log(Level.INFO, "cannot handle signals", e);
      return new SignalExit(null, null);
    }
  }

  void uninstall() {
    if (oldInt != null) Signal.handle(new Signal("INT"), oldInt);
    if (oldTerm != null) Signal.handle(new Signal("TERM"), oldTerm);
  }
}
