package org.tunebench.worker;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Processes a trial started (a data loader, a {@code sleep}, a Python helper) end with the worker: every way
 * out of the worker JVM goes through here, so nothing a trial started outlives it.
 */
final class Descendants {
  private static final Path TASKS = Path.of("/proc/self/task");

  private Descendants() {}

  /** Kills every process this JVM started, directly or not. */
  static void kill() {
    if (!mayHaveChildren()) return;
    // a snapshot first: once a child dies its own children are re-parented and no longer listed as ours
    ProcessHandle.current().descendants().toList().forEach(ProcessHandle::destroyForcibly);
  }

  /**
   * Listing descendants reads every process's entry in /proc (several ms on a busy machine), which most workers
   * would pay for nothing. Without a child there is no descendant, and Linux lists each thread's children in
   * {@code /proc/self/task/TID/children}: reading those is cheap. Elsewhere, or if unsure, answers true.
   */
  static boolean mayHaveChildren() {
    if (!Files.isDirectory(TASKS)) return true;
    try (DirectoryStream<Path> threads = Files.newDirectoryStream(TASKS)) {
      for (Path t : threads) {
        try {
          if (Files.readAllBytes(t.resolve("children")).length > 0) return true;
        } catch (NoSuchFileException e) {
          if (Files.exists(t)) return true; // a kernel without the children file: list descendants
        }
      }
      return false;
    } catch (IOException | RuntimeException e) {
      return true;
    }
  }

  static void halt(int code) {
    kill();
    Runtime.getRuntime().halt(code);
  }
}
