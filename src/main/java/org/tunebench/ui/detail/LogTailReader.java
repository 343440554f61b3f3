package org.tunebench.ui.detail;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the end of a growing log file; only the last {@code maxBytes} so a huge log costs nothing. */
public final class LogTailReader {
  private LogTailReader() {}

  public static String tail(Path p, int maxBytes) {
    if (p == null || !Files.isReadable(p)) return "";
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "r")) {
      long start = Math.max(0, f.length() - maxBytes);
      byte[] buf = new byte[(int) (f.length() - start)];
      f.seek(start);
      f.readFully(buf);
      String s = new String(buf, StandardCharsets.UTF_8);
      if (start > 0) {
        int nl = s.indexOf('\n');
        if (nl >= 0) s = s.substring(nl + 1);
      }
      return s;
    } catch (IOException e) {
      return "(cannot read " + p + ": " + e.getMessage() + ")";
    }
  }
}
