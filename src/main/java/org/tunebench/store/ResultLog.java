package org.tunebench.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import org.tunebench.wire.PrivateFiles;

/**
 * An experiment's result log (decision 0021): results appended in one write per batch, so that a result is
 * stored, against a crash of any process, when its line is in the file, long before the database holds it. The
 * journal copies the lines into the database in large batches and empties the file once the database holds
 * them all; whoever opens the experiment after a crash copies what is left first.
 */
final class ResultLog implements AutoCloseable {
  static final String FILE = "results.log";
  /** Lines being copied into the database while new ones go to {@link #FILE}; gone once the database holds them. */
  static final String ASIDE = "results.log.copying";
  private static final Logger LOG = Logger.getLogger(ResultLog.class.getName());

  private final Path file;
  private FileChannel channel;

  private ResultLog(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  static Path in(Path experimentDir) {
    return experimentDir.resolve(FILE);
  }

  static ResultLog open(Path file) throws IOException {
    if (file.getParent() != null) PrivateFiles.directory(file.getParent());
    return new ResultLog(file, channel(file));
  }

  private static FileChannel channel(Path file) throws IOException {
    FileChannel ch = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE));
    PrivateFiles.restrict(file);
    ch.position(ch.size());
    return ch;
  }

  static Path asideOf(Path file) {
    return file.resolveSibling(ASIDE);
  }

  /**
   * Moves the lines so far aside (one rename) and goes on in a new file, so they can be copied into the database
   * while new lines are appended. False, and nothing moved, while lines set aside earlier are still there.
   */
  boolean rotate() throws IOException {
    Path aside = asideOf(file);
    if (Files.exists(aside)) return false;
    Files.move(file, aside, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    FileChannel old = channel;
    channel = channel(file);
    old.close();
    return true;
  }

  /** The database holds the lines set aside: they go. */
  static void dropAside(Path file) throws IOException {
    if (file != null) Files.deleteIfExists(asideOf(file));
  }

  /**
   * Appends the lines in one write. If the write fails part-way, the file is cut back to where it was, so a
   * later append never follows a half line; if even that fails the log must not be used again (the caller
   * stores through the database instead).
   */
  void append(List<String> lines) throws IOException {
    StringBuilder b = new StringBuilder();
    for (String l : lines) b.append(l);
    ByteBuffer buf = ByteBuffer.wrap(b.toString().getBytes(StandardCharsets.UTF_8));
    long before = channel.position();
    try {
      while (buf.hasRemaining()) channel.write(buf);
    } catch (IOException e) {
      channel.truncate(before);
      channel.position(before);
      throw e;
    }
  }

  /** The database holds every line: start the file again. */
  void clear() throws IOException {
    channel.truncate(0);
    channel.position(0);
  }

  Path file() {
    return file;
  }

  /**
   * The whole records of the file in order. Reading stops at the first line that is not whole (a write cut
   * short by a power loss; a killed process never leaves one): nothing after it was acknowledged.
   */
  static List<LoggedResult> read(Path file) throws IOException {
    List<LoggedResult> out = new ArrayList<>(readOne(asideOf(file))); // older lines, if a copy was under way
    out.addAll(readOne(file));
    return out;
  }

  private static List<LoggedResult> readOne(Path file) throws IOException {
    List<LoggedResult> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line; (line = r.readLine()) != null; ) {
        LoggedResult rec = LoggedResult.parse(line);
        if (rec == null) {
          LOG.warning("result log " + file + ": a line that is not whole after " + out.size() + " records; ignored from there");
          break;
        }
        out.add(rec);
      }
    } catch (NoSuchFileException e) {
      return List.of();
    }
    return out;
  }

  /** True when {@code experimentDir} holds a log with lines not yet known to be in the database. */
  static boolean pending(Path experimentDir) {
    return size(in(experimentDir)) > 0 || size(asideOf(in(experimentDir))) > 0;
  }

  private static long size(Path f) {
    try {
      return Files.size(f);
    } catch (IOException e) {
      return 0;
    }
  }

  @Override public void close() throws IOException {
    channel.close();
  }
}
