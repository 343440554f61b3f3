package org.tunebench.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CappedLogTest {
  @TempDir Path dir;

  /** The trial's output is the user's: 0600 whatever the umask (a worker inherits the user's, often 022). */
  @Test void theLogAndItsTailAreReadableByTheirOwnerOnly() throws Exception {
    Path log = dir.resolve("trial.log");
    try (CappedLog out = new CappedLog(log, 10, 40)) {
      for (int i = 0; i < 20; i++) out.write(String.format("%04d\n", i).getBytes(StandardCharsets.UTF_8));
      for (Path p : new Path[] {log, dir.resolve("trial.log.tail")}) {
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), p.toString());
      }
    }
  }

  @Test void smallOutputIsWrittenAsIs() throws Exception {
    Path log = dir.resolve("trial.log");
    try (CappedLog out = new CappedLog(log, 100, 40)) {
      out.write("hello\n".getBytes(StandardCharsets.UTF_8));
    }
    assertEquals("hello\n", Files.readString(log));
  }

  @Test void keepsTheHeadAndTheLastPartAndSaysWhatWasLeftOut() throws Exception {
    Path log = dir.resolve("trial.log");
    try (CappedLog out = new CappedLog(log, 100, 40)) {
      for (int i = 0; i < 1000; i++) out.write(String.format("%04d\n", i).getBytes(StandardCharsets.UTF_8));
    }
    String text = Files.readString(log);
    assertTrue(text.startsWith("0000\n0001\n"), text);
    assertTrue(text.contains("trial.log reached its cap"), text);
    assertTrue(text.contains("bytes of output left out here"), text);
    assertTrue(text.endsWith("0998\n0999\n"), text);
    assertTrue(text.length() < 100 + 40 + 400, "bounded: " + text.length());
    assertFalse(Files.exists(dir.resolve("trial.log.tail")));
    assertFalse(Files.exists(dir.resolve("trial.log.tail.prev")));
  }

  @Test void whileRunningTheNewestOutputIsInTheTailFiles() throws Exception {
    Path log = dir.resolve("trial.log");
    CappedLog out = new CappedLog(log, 10, 40);
    out.write("0123456789abcdefghij-last".getBytes(StandardCharsets.UTF_8));
    out.flush();
    assertTrue(Files.readString(dir.resolve("trial.log.tail")).endsWith("-last"));
    out.close();
  }

  @Test void theCapCountsWhatEarlierAttemptsWrote() throws Exception {
    Path log = dir.resolve("trial.log");
    Files.writeString(log, "x".repeat(95));
    try (CappedLog out = new CappedLog(log, 100, 40)) {
      out.write("0123456789".getBytes(StandardCharsets.UTF_8));
    }
    String text = Files.readString(log);
    assertTrue(text.startsWith("x".repeat(95) + "01234\n[tunebench] trial.log reached its cap"), text);
    assertTrue(text.endsWith("56789"), text);
  }
}
