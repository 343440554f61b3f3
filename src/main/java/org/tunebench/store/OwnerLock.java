package org.tunebench.store;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tunebench.wire.PrivateFiles;

/**
 * The one live owner of an experiment: an OS lock on {@code owner.lock} in the experiment's folder, held
 * while a {@code run}, a {@code resume} or the workbench drives it. The OS drops the lock when the owner's
 * process ends in any way (kill -9 too), so a crashed owner never blocks a later {@code resume}. The file
 * holds {@code pid@host} of the holder, for the message that refuses a second owner.
 */
public final class OwnerLock implements AutoCloseable {
  static final String FILE = "owner.lock";

  /**
   * Locks this process holds. Closing any descriptor of a locked file drops the process's POSIX lock on
   * it, so a file locked here is never opened again by this process until released.
   */
  private static final Map<Path, OwnerLock> HELD = new HashMap<>();

  private final Path file;
  private final java.time.Instant acquiredAt = java.time.Instant.now();
  private final FileChannel channel;
  private final FileLock lock;

  private OwnerLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock, or returns the live owner ({@code pid@host}) that holds it. */
  public static synchronized Result acquire(Path experimentDir) {
    Path f = experimentDir.toAbsolutePath().normalize().resolve(FILE);
    if (HELD.containsKey(f)) return new Result(null, me());
    try {
      PrivateFiles.directory(experimentDir);
      FileChannel ch = FileChannel.open(f, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE));
      PrivateFiles.restrict(f);
      FileLock l = null;
      // a few tries: another process may hold the lock for the moment of a probe (list, show, the workbench)
      for (int attempt = 0; attempt < PROBE_RETRIES && l == null; attempt++) {
        if (attempt > 0) pause(PROBE_WAIT_MS);
        try {
          l = ch.tryLock();
        } catch (OverlappingFileLockException thisProcess) {
          break;
        }
      }
      if (l == null) {
        String holder = read(ch);
        ch.close();
        return new Result(null, holder.isEmpty() ? "another process" : holder);
      }
      ch.truncate(0);
      ch.write(ByteBuffer.wrap(me().getBytes(StandardCharsets.UTF_8)), 0);
      ch.force(false);
      OwnerLock held = new OwnerLock(f, ch, l);
      HELD.put(f, held);
      return new Result(held, null);
    } catch (IOException e) {
      throw new StoreException("cannot take the owner lock in " + experimentDir + ": " + e.getMessage(), e);
    }
  }

  /**
   * The live owner of the experiment in {@code experimentDir}, if any. A probe: the lock is held for the
   * moment of a test and nothing is written, so a {@code resume} that comes meanwhile (and tries a few times,
   * see {@link #acquire}) is not told that the prober owns the experiment.
   */
  public static synchronized Optional<String> liveOwner(Path experimentDir) {
    Path f = experimentDir.toAbsolutePath().normalize().resolve(FILE);
    if (HELD.containsKey(f)) return Optional.of(me());
    if (!Files.exists(f)) return Optional.empty();
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      FileLock l = ch.tryLock();
      if (l != null) {
        l.release();
        return Optional.empty();
      }
      String holder = read(ch);
      return Optional.of(holder.isEmpty() ? "another process" : holder);
    } catch (OverlappingFileLockException thisProcess) {
      return Optional.of(me());
    } catch (IOException e) {
      return Optional.empty(); // unreadable lock file: nobody can hold it either
    }
  }

  private static final int PROBE_RETRIES = 5;
  private static final long PROBE_WAIT_MS = 20;

  private static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Either the lock, or who holds it. */
  public record Result(OwnerLock lock, String owner) {}

  /** {@code pid@host}; the host name never fails (machines whose name does not resolve get a fallback). */
  public static String me() {
    return ProcessHandle.current().pid() + "@" + hostName();
  }

  static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      String env = System.getenv("HOSTNAME");
      return env == null || env.isBlank() ? "localhost" : env;
    }
  }

  private static String read(FileChannel ch) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(512);
    ch.read(buf, 0);
    return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).strip();
  }

  /** When this process became the owner: steering commands sent before were meant for an earlier owner. */
  public java.time.Instant acquiredAt() {
    return acquiredAt;
  }

  @Override public void close() {
    synchronized (OwnerLock.class) {
      HELD.remove(file, this);
    }
    try {
      lock.release();
      channel.close();
    } catch (IOException ignored) {
      // the lock goes with the channel or the process anyway
    }
  }
}
