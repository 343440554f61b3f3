package org.tunebench.wire;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads newline-terminated lines of bytes with a cap, so that a peer can never make this side hold more than
 * the cap in memory (a 400 MB line before authentication, a 30 MB result). Over the cap the line is either
 * skipped to its end, to report its real size, or abandoned at once (for peers that are not trusted).
 */
final class LineReader {
  private static final Pattern TYPE = Pattern.compile("^\\{\\s*\"type\"\\s*:\\s*\"(\\w{1,32})\"");
  private final InputStream in;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int lim;
  private byte[] line = new byte[1 << 12];
  private int len;

  LineReader(InputStream in) {
    this.in = in;
  }

  /** The next line without its newline, valid until the next call; its length is {@link #length()}. */
  byte[] next(int maxBytes, boolean drainOversized) throws IOException {
    len = 0;
    if (line.length > 1 << 20) line = new byte[1 << 12]; // a rare big message does not stay resident
    long total = 0;
    boolean over = false;
    String type = null;
    while (true) {
      if (pos == lim && !fill()) {
        if (total == 0 && !over) throw new EOFException("channel closed");
        throw new EOFException("channel closed in the middle of a message");
      }
      int nl = indexOfNewline();
      int end = nl < 0 ? lim : nl;
      int n = end - pos;
      total += n;
      if (!over && len + n > maxBytes) {
        over = true;
        type = typeOf(n);
        if (!drainOversized) throw new MessageTooLargeException(type, total, false, maxBytes);
      }
      if (!over) append(n);
      pos = nl < 0 ? lim : nl + 1;
      if (nl >= 0) {
        if (over) throw new MessageTooLargeException(type, total, true, maxBytes);
        return line;
      }
    }
  }

  int length() {
    return len;
  }

  /** The type field of the line begun so far; {@code n} more bytes wait in the buffer at {@code pos}. */
  private String typeOf(int n) {
    byte[] head = Arrays.copyOf(line, Math.min(len, 64));
    if (head.length < 64) {
      int more = Math.min(64 - head.length, n);
      head = Arrays.copyOf(head, head.length + more);
      System.arraycopy(buf, pos, head, head.length - more, more);
    }
    Matcher m = TYPE.matcher(new String(head, StandardCharsets.UTF_8));
    return m.find() ? m.group(1) : null;
  }

  private void append(int n) {
    if (len + n > line.length) line = Arrays.copyOf(line, Math.max(len + n, line.length * 2));
    System.arraycopy(buf, pos, line, len, n);
    len += n;
  }

  private int indexOfNewline() {
    for (int i = pos; i < lim; i++) if (buf[i] == '\n') return i;
    return -1;
  }

  private boolean fill() throws IOException {
    int n = in.read(buf, 0, buf.length);
    if (n <= 0) return false;
    pos = 0;
    lim = n;
    return true;
  }
}
