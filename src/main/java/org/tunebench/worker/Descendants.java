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

  static void halt(int code) {
    kill();
    Runtime.getRuntime().halt(code);
  }
}
