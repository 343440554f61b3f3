package org.tunebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A signal interrupts the experiment once, whether it comes before the experiment exists or after. */
class SignalExitTest {
  @Test void aSignalDuringTheSetUpIsCarriedOutOnceTheExperimentExists() {
    SignalExit x = SignalExit.install();
    try {
      AtomicInteger interrupts = new AtomicInteger();
      assertFalse(x.signalled());
      x.received(15); // SIGTERM while the experiment is being created: nothing to interrupt yet
      assertEquals(0, interrupts.get());
      x.onSignal(interrupts::incrementAndGet);
      assertEquals(1, interrupts.get(), "carried out as soon as there is something to interrupt");
      x.received(2);
      x.onSignal(interrupts::incrementAndGet);
      assertEquals(1, interrupts.get(), "once");
      assertTrue(x.signalled());
      assertEquals(130, x.exitCode(0), "the newest signal's code");
    } finally {
      x.uninstall();
    }
  }

  @Test void aSignalDuringTheRunInterruptsAtOnce() {
    SignalExit x = SignalExit.install();
    try {
      AtomicInteger interrupts = new AtomicInteger();
      x.onSignal(interrupts::incrementAndGet);
      assertEquals(0, interrupts.get());
      assertEquals(1, x.exitCode(1), "no signal: the command's own code");
      x.received(15);
      assertEquals(1, interrupts.get());
      assertEquals(143, x.exitCode(1));
    } finally {
      x.uninstall();
    }
  }
}
