package org.tunebench.worker;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A trial's {@code trial.log} with a size cap: the first {@code headBytes} go to the log as they come; what
 * follows goes to {@code trial.log.tail}, renamed to {@code trial.log.tail.prev} each {@code tailBytes / 2},
 * so the newest {@code tailBytes / 2} to {@code tailBytes} survive. On close the kept tail is appended to the log
 * behind a line saying how much was left out. A killed worker leaves the two tail files beside the log.
 */
final class CappedLog extends OutputStream {
  static final long HEAD_BYTES = 8L << 20;
  static final long TAIL_BYTES = 8L << 20;
  private final Path log;
  private final Path tail;
  private final Path prev;
  private final long tailSegment;
  private final OutputStream head;
  private long headLeft;
  private OutputStream tailOut;
  private long tailWritten;
  private long dropped;
  private boolean closed;

  CappedLog(Path log, long headBytes, long tailBytes) throws IOException {
    this.log = log;
    this.tail = log.resolveSibling(log.getFileName() + ".tail");
    this.prev = log.resolveSibling(log.getFileName() + ".tail.prev");
    this.tailSegment = Math.max(1, tailBytes / 2);
    Files.deleteIfExists(tail);
    Files.deleteIfExists(prev);
    // 0600 like every file Tunebench writes (its folder is 0700 too), whatever the user's umask
    this.head = Files.newOutputStream(org.tunebench.wire.PrivateFiles.file(log), StandardOpenOption.APPEND);
    // the cap holds for the file: earlier attempts of the same trial append to it
    this.headLeft = Math.max(0, headBytes - Files.size(log));
  }

  @Override public synchronized void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override public synchronized void write(byte[] b, int off, int len) throws IOException {
    if (closed) return;
    if (headLeft > 0) {
      int n = (int) Math.min(len, headLeft);
      head.write(b, off, n);
      headLeft -= n;
      off += n;
      len -= n;
      if (headLeft == 0) {
        head.write(("\n[tunebench] trial.log reached its cap: from here on only the last part of the output is kept "
            + "(in trial.log.tail while the trial runs, appended below when it ends)\n").getBytes(StandardCharsets.UTF_8));
        head.flush();
      }
    }
    while (len > 0) {
      if (tailOut == null || tailWritten >= tailSegment) rotate();
      int n = (int) Math.min(len, tailSegment - tailWritten);
      tailOut.write(b, off, n);
      tailWritten += n;
      off += n;
      len -= n;
    }
  }

  private void rotate() throws IOException {
    if (tailOut != null) {
      tailOut.close();
      if (Files.exists(prev)) dropped += Files.size(prev);
      Files.move(tail, prev, StandardCopyOption.REPLACE_EXISTING);
    }
    tailOut = Files.newOutputStream(org.tunebench.wire.PrivateFiles.file(tail), StandardOpenOption.TRUNCATE_EXISTING);
    tailWritten = 0;
  }

  @Override public synchronized void flush() throws IOException {
    head.flush();
    if (tailOut != null) tailOut.flush();
  }

  @Override public synchronized void close() throws IOException {
    if (closed) return;
    closed = true;
    if (tailOut != null) {
      tailOut.close();
      if (dropped > 0) {
        head.write(("[tunebench] " + dropped + " bytes of output left out here; the last part follows\n")
            .getBytes(StandardCharsets.UTF_8));
      }
      if (Files.exists(prev)) Files.copy(prev, head);
      Files.copy(tail, head);
      Files.deleteIfExists(prev);
      Files.deleteIfExists(tail);
    }
    head.close();
  }
}
