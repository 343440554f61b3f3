package org.tunebench.testkit;

import java.util.concurrent.TimeUnit;

/**
 * Kills a process the way a crash would (SIGKILL on Unix) through {@link ProcessHandle}, so tests do not
 * depend on the {@code kill} program, which minimal systems lack.
 */
public final class HardKill {
  private HardKill() {}

  /** Kills {@code pid} forcibly and waits up to 10 s until it is gone; a pid already gone is fine. */
  public static void pid(long pid) throws Exception {
    ProcessHandle handle = ProcessHandle.of(pid).orElse(null);
    if (handle == null) {
      return;
    }
    handle.destroyForcibly();
    handle.onExit().get(10, TimeUnit.SECONDS);
  }
}
