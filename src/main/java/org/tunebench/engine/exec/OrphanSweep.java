package org.tunebench.engine.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the processes a worker's trials started after the worker itself died without killing them (killed by
 * the kernel's OOM killer, or by a user with {@code kill -9}): they are re-parented and no longer its descendants,
 * but they inherited its environment, which carries a tag unique to that worker. Linux only ({@code /proc});
 * elsewhere it finds nothing.
 */
final class OrphanSweep {
  static final String TAG = "TUNEBENCH_WORKER_TAG";

  private OrphanSweep() {}

  /** Kills every process of this user whose environment has {@code TAG=tag}; returns how many. */
  static int kill(String tag) {
    Path proc = Path.of("/proc");
    if (!Files.isDirectory(proc)) return 0;
    byte[] needle = (TAG + "=" + tag).getBytes(StandardCharsets.UTF_8);
    long self = ProcessHandle.current().pid();
    int killed = 0;
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc, "[0-9]*")) {
      for (Path d : dirs) {
        long pid = Long.parseLong(d.getFileName().toString());
        if (pid == self || !hasEntry(d.resolve("environ"), needle)) continue;
        if (ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly).orElse(false)) killed++;
      }
    } catch (IOException | RuntimeException e) {
      // best effort: /proc changes while it is read
    }
    return killed;
  }

  /** Whether the NUL-separated environment file holds exactly the entry {@code needle}. */
  private static boolean hasEntry(Path environ, byte[] needle) {
    byte[] env;
    try {
      env = Files.readAllBytes(environ);
    } catch (IOException | RuntimeException e) {
      return false; // another user's process, or gone
    }
    int start = 0;
    for (int i = 0; i <= env.length; i++) {
      if (i == env.length || env[i] == 0) {
        if (i - start == needle.length && java.util.Arrays.equals(env, start, i, needle, 0, needle.length)) return true;
        start = i + 1;
      }
    }
    return false;
  }
}
