package org.tunebench.worker;

/**
 * Processes a trial started (a data loader, a {@code sleep}, a Python helper) end with the worker: every way
 * out of the worker JVM goes through here, so nothing a trial started outlives it.
 */
final class Descendants {
  private Descendants() {}

  /** Kills every process this JVM started, directly or not. */
  static void kill() {
    // a snapshot first: once a child dies its own children are re-parented and no longer listed as ours
    ProcessHandle.current().descendants().toList().forEach(ProcessHandle::destroyForcibly);
  }

  private static final java.util.concurrent.ExecutorService REAPER =
      java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tunebench-descendants-reaper");
        t.setDaemon(true);
        return t;
      });

  /** {@link #kill()} on a background thread: at the end of a trial whose worker lives on. */
  static void killSoon() {
    REAPER.execute(Descendants::kill);
  }

  static void halt(int code) {
    kill();
    Runtime.getRuntime().halt(code);
  }
}
