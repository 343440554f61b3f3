package org.tunebench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.model.TrialStatus;

class ErrorBurstTest {
  private static TrialSnapshot errored(String id, String error) {
    return new TrialSnapshot(id, Integer.parseInt(id), TrialStatus.ERRORED, Map.of(), 0, null, null, 0, error,
        "stack\n at x", "/tmp/t", null, null, 0, null, error, null, null);
  }

  @Test void oneErrorIsToldAsBefore() {
    ErrorBurst b = new ErrorBurst();
    assertTrue(b.add(errored("00003", "java.lang.IllegalStateException: boom\nmore")));
    ErrorBurst.Told t = b.drain();
    assertEquals("Trial 00003 errored", t.title());
    assertEquals("java.lang.IllegalStateException: boom", t.text());
    assertTrue(b.isEmpty());
    assertNull(b.drain());
  }

  @Test void aBurstIsOneNotificationNamingTheTrialsAndTheReasons() {
    ErrorBurst b = new ErrorBurst();
    assertTrue(b.add(errored("00000", "no cluster agent to run it")));
    for (int i = 1; i < 7; i++) assertFalse(b.add(errored("0000" + i, "no cluster agent to run it")));
    ErrorBurst.Told t = b.drain();
    assertEquals("7 trials errored", t.title());
    assertEquals("00000, 00001, 00002, 00003, 00004, …: no cluster agent to run it", t.text());
    assertTrue(b.add(errored("00008", "a")), "a later error starts a new burst");
    b.add(errored("00009", "b"));
    b.add(errored("00010", "c"));
    assertEquals("00008, 00009, 00010: a (and 2 other reasons)", b.drain().text());
  }
}
