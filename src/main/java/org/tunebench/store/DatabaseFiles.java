package org.tunebench.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.tunebench.wire.PrivateFiles;

/**
 * The files of one database ({@code NAME.mv.db}, H2's {@code NAME.lock.db} and {@code NAME.trace.db}, and
 * {@code NAME.password}), kept private to the user, and the password every connection uses.
 */
final class DatabaseFiles {
  /** H2's error code for a wrong user name or password. */
  private static final int WRONG_PASSWORD = 28000;
  private static final long OPEN_LOCK_WAIT_MS = Long.getLong("tunebench.db.openWaitMs", 60_000);
  private static final Map<Path, Object> OPENING = new ConcurrentHashMap<>();

  static {
    // H2's auto server binds to this address and writes it into the lock file; unset it binds to every
    // interface and looks up the host name (which fails on machines whose name does not resolve)
    System.setProperty("h2.bindAddress", "127.0.0.1");
  }

  private final Path file;
  private final Path base;
  private final Path password;

  DatabaseFiles(Path file, Path base) {
    this.file = file;
    this.base = base;
    this.password = base.resolveSibling(base.getFileName() + ".password");
  }

  /** One lock object per database path, so threads of one process open it one at a time. */
  static Object openingLock(Path file) {
    return OPENING.computeIfAbsent(file, k -> new Object());
  }

  /** Refuses, in one line, a path that can never hold the database. */
  void checkUsable() {
    if (Files.isDirectory(file)) {
      throw new DatabaseUnusableException(file + " is a folder; give a database file such as "
          + file.resolve("tunebench.mv.db"));
    }
    Path parent = file.getParent();
    for (Path p = parent; p != null; p = p.getParent()) {
      if (Files.exists(p) && !Files.isDirectory(p)) {
        throw new DatabaseUnusableException("cannot create the database " + file + ": " + p + " is a file, not a folder");
      }
      if (Files.isDirectory(p)) {
        if (!Files.isWritable(p) && !Files.exists(file)) {
          throw new DatabaseUnusableException("cannot create the database " + file + ": no write access to " + p);
        }
        break;
      }
    }
    if (!Files.exists(file)) return;
    if (!Files.isRegularFile(file) || !Files.isReadable(file) || !Files.isWritable(file)) {
      throw new DatabaseUnusableException("cannot open the database " + file + ": not a readable and writable file");
    }
    if (!looksLikeH2()) {
      throw new DatabaseUnusableException(file + " is not a Tunebench database (not an H2 file); give another --db path");
    }
  }

  private boolean looksLikeH2() {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(4);
      return head.length == 0 || new String(head, StandardCharsets.ISO_8859_1).startsWith("H:2,");
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Creates the folder (0700) and the password file (0600) if missing and holds an OS lock on the password
   * file until closed: two processes that open one database at once create and migrate it one after the other.
   */
  Held lockForOpening() throws IOException {
    Path parent = file.getParent();
    if (parent.equals(TunebenchHome.dir())) TunebenchHome.privateDir();
    else if (!Files.isDirectory(parent)) PrivateFiles.directory(parent);
    FileChannel ch = FileChannel.open(password, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(PrivateFiles.FILE));
    try {
      PrivateFiles.restrict(password);
      FileLock lock = awaitLock(ch);
      ByteBuffer buf = ByteBuffer.allocate(256);
      while (ch.read(buf, buf.position()) > 0 && buf.hasRemaining()) {
        // reads the whole (short) file
      }
      String pw = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).strip();
      if (pw.isEmpty()) {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        pw = HexFormat.of().formatHex(random);
        ch.truncate(0);
        ch.write(ByteBuffer.wrap((pw + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        ch.force(true);
      }
      return new Held(ch, lock, pw);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  private FileLock awaitLock(FileChannel ch) throws IOException {
    long deadline = System.currentTimeMillis() + OPEN_LOCK_WAIT_MS;
    while (true) {
      FileLock l = ch.tryLock();
      if (l != null) return l;
      if (System.currentTimeMillis() > deadline) {
        throw new IOException("another process has been opening it for " + OPEN_LOCK_WAIT_MS / 1000
            + " s (lock on " + password + ")");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for another process to open it");
      }
    }
  }

  /** The open lock and the password read under it. */
  record Held(FileChannel channel, FileLock lock, String password) implements AutoCloseable {
    @Override public void close() throws IOException {
      channel.close();
    }
  }

  /**
   * A connection with the database's password. A database made before passwords (user SA, empty password)
   * gets the password set on first open.
   */
  /** How long opening waits for the process that serves the database to answer; then it gives up. */
  static final long OPEN_WAIT_S = Long.getLong("tunebench.dbOpenWaitS", 20);
  /** The error code of {@link #connect} giving up on that process (H2's own codes are five digits). */
  static final int NO_ANSWER = 1_000_001;

  /**
   * A connection, given up on after {@link #OPEN_WAIT_S} seconds: when another process serves the database, H2
   * asks it over a socket with no timeout, and a stopped (SIGSTOP) or hung server held `list`, `show` and even
   * `pause --timeout 2` forever. The connection that a late answer makes is closed.
   */
  static Connection connect(String url, String password) throws SQLException {
    return connect(url, password, OPEN_WAIT_S);
  }

  /** As {@link #connect(String, String)}, giving up after {@code waitS} seconds. */
  static Connection connect(String url, String password, long waitS) throws SQLException {
    java.util.concurrent.CompletableFuture<Connection> f = new java.util.concurrent.CompletableFuture<>();
    Thread opener = new Thread(() -> {
      try {
        f.complete(connectNow(url, password));
      } catch (Throwable e) {
        f.completeExceptionally(e);
      }
    }, "tunebench-db-open");
    opener.setDaemon(true);
    opener.start();
    try {
      return f.get(waitS, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      f.thenAccept(DatabaseFiles::closeQuietly);
      throw new SQLException("no answer within " + waitS + " s", "08001", NO_ANSWER, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      f.thenAccept(DatabaseFiles::closeQuietly);
      throw new SQLException("interrupted while opening the database", "08001", e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof SQLException s) throw s;
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error err) throw err;
      throw new SQLException(e.getCause());
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // it was never handed out
    }
  }

  private static Connection connectNow(String url, String password) throws SQLException {
    try {
      return DriverManager.getConnection(url, "sa", password);
    } catch (SQLException e) {
      if (e.getErrorCode() != WRONG_PASSWORD) throw e;
      Connection legacy;
      try {
        legacy = DriverManager.getConnection(url, "sa", "");
      } catch (SQLException notLegacy) {
        throw e;
      }
      try (Statement s = legacy.createStatement()) {
        s.execute("ALTER USER SA SET PASSWORD '" + password.replace("'", "''") + "'");
      }
      return legacy;
    }
  }

  /** True when {@code c} runs the database inside this process and is its only connection. */
  static boolean alone(Connection c) {
    try (Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
      return c.unwrap(org.h2.jdbc.JdbcConnection.class).getSession() instanceof org.h2.engine.SessionLocal
          && rs.next() && rs.getInt(1) == 1;
    } catch (SQLException e) {
      return false;
    }
  }

  /** No database yet at this path (an empty file is what a kill during H2's own creation leaves). */
  boolean isNew() throws IOException {
    return !Files.exists(file) || Files.size(file) == 0;
  }

  /**
   * Creates the database whole, or not at all: H2's DDL is not atomic, and a kill part-way through the first
   * migrations once left tables that referenced H2's temporary copies. So the schema is built under a
   * temporary name, closed, and moved into place in one rename; a leftover of a killed creation is removed
   * first (the caller holds the opening lock, so nobody else is creating it).
   */
  void createMigrated(String pw) throws IOException, SQLException {
    migrateAside(".creating", null, pw);
  }

  /**
   * Brings an older database up to date on a copy that replaces it in one rename, so a kill during the upgrade
   * leaves the old database as it was. Only for a database that no connection has open.
   */
  void upgradeOnCopy(String pw) throws IOException, SQLException {
    migrateAside(".upgrading", file, pw);
  }

  private void migrateAside(String suffix, Path from, String pw) throws IOException, SQLException {
    Path temp = base.resolveSibling(base.getFileName() + suffix);
    for (String ext : new String[] {".mv.db", ".trace.db", ".lock.db"}) {
      Files.deleteIfExists(temp.resolveSibling(temp.getFileName() + ext));
    }
    if (from != null) {
      Files.copy(from, temp.resolveSibling(temp.getFileName() + ".mv.db"));
    }
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + temp + ";MAX_COMPACT_TIME=0", "sa", pw)) {
      Migrations.apply(c);
      try (Statement s = c.createStatement()) {
        s.execute("SHUTDOWN");
      }
    }
    Path made = temp.resolveSibling(temp.getFileName() + ".mv.db");
    PrivateFiles.restrict(made);
    Files.move(made, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.deleteIfExists(temp.resolveSibling(temp.getFileName() + ".trace.db"));
  }

  /** Tightens the files H2 made (created with the umask's modes). */
  void restrictCreated() throws IOException {
    // H2 creates its trace file only when it first logs something, with the umask's mode, and a failed
    // login by another local user is what it logs: made private beforehand, H2 appends to it as it is
    PrivateFiles.file(base.resolveSibling(base.getFileName() + ".trace.db"));
    for (Path p : new Path[] {file, base.resolveSibling(base.getFileName() + ".lock.db"),
        base.resolveSibling(base.getFileName() + ".trace.db"), password}) {
      PrivateFiles.restrict(p);
    }
  }

  /** A failure to open, as a user-facing reason when the path is at fault. */
  RuntimeException explain(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getErrorCode() == NO_ANSWER) {
        String server = serverOf(base);
        return new DatabaseBusyException("the database " + file + " is open in another process" + (server == null ? ""
            : " (serving it at " + server + ")") + " that did not answer " + s.getMessage().replaceFirst("^no answer ", "") + "; it may be stopped"
            + " or hung: try again once it runs, or end it", e);
      }
    }
    if (e instanceof SQLException s && (s.getErrorCode() == 90030 || s.getErrorCode() == 90048)) {
      return new DatabaseUnusableException(file + " is not a usable Tunebench database: "
          + ExperimentStore.firstLine(e));
    }
    return new StoreException("cannot open the database " + file + ": " + ExperimentStore.firstLine(e), e);
  }

  /** Where H2's lock file says the process that has the database open serves it (host:port), or null. */
  static String serverOf(Path base) {
    java.util.Properties p = new java.util.Properties();
    try (InputStream in = Files.newInputStream(base.resolveSibling(base.getFileName() + ".lock.db"))) {
      p.load(in);
      return p.getProperty("server");
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }
}
