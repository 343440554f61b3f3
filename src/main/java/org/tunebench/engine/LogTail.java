package org.tunebench.engine;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The last lines of a worker's logs, so an error message says what the process said before it died. */
final class LogTail {
  private LogTail() {}

  static String of(Path... logs) {
    StringBuilder b = new StringBuilder();
    for (Path p : logs) {
      if (p == null) continue;
      String tail = last(p, 1500);
      if (tail.isBlank()) continue;
      String oneLine = lastMeaningfulLine(tail);
      if (!oneLine.isEmpty()) b.append("; last output: ").append(oneLine);
    }
    return b.toString();
  }

  static String last(Path p, int bytes) {
    if (!Files.isReadable(p)) return "";
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "r")) {
      long start = Math.max(0, f.length() - bytes);
      byte[] buf = new byte[(int) (f.length() - start)];
      f.seek(start);
      f.readFully(buf);
      return new String(buf, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private static String lastMeaningfulLine(String tail) {
    String[] lines = tail.split("\\R");
    for (int i = lines.length - 1; i >= 0; i--) {
      String l = lines[i].strip();
      if (!l.isEmpty() && !l.startsWith("at ") && !l.startsWith("...")) return l.length() > 300 ? l.substring(0, 300) : l;
    }
    return "";
  }
}
