package org.tunebench.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.model.TrialStatus;
import org.tunebench.wire.Values;
import org.tunebench.wire.Wire;

/**
 * The history database: one H2 file. Reads happen on the caller's thread over their own connection;
 * a running experiment writes through its {@link H2Journal}.
 */
public final class ExperimentStore implements AutoCloseable {
  private final Path file;
  private final String url;
  private final String password;
  private final Connection reads;
  private static final long LINGER_POLL_MS = 300;
  private volatile Consumer<String> lingerNotice =
      m -> java.util.logging.Logger.getLogger(ExperimentStore.class.getName()).info(m);

  /** Open stores per database file in this process. */
  private static final java.util.concurrent.ConcurrentHashMap<Path, Integer> OPEN =
      new java.util.concurrent.ConcurrentHashMap<>();

  private Path key() {
    return file.toAbsolutePath().normalize();
  }

  private ExperimentStore(Path file, String url, String password, Connection reads) {
    OPEN.merge(file.toAbsolutePath().normalize(), 1, Integer::sum);
    this.file = file;
    this.url = url;
    this.password = password;
    this.reads = reads;
  }

  /**
   * Opens (creating if needed) the database at {@code file} ({@code .../name.mv.db}), see docs/decisions/0005.
   * Other processes reach an open database through H2's auto server, which here listens on loopback only
   * and needs the database's random password (kept in a 0600 file beside it), so the CLI can read while
   * the workbench or a {@code run} holds it open. Opening and migrating happen under a file lock, so two
   * processes creating one database at once do not collide.
   */
  public static ExperimentStore open(Path file) {
    return open(file, java.time.Duration.ofSeconds(DatabaseFiles.OPEN_WAIT_S));
  }

  /**
   * As {@link #open(Path)}, giving up after {@code wait} on another process that serves the database and does not
   * answer (a steering command's {@code --timeout} bounds its whole wait).
   */
  public static ExperimentStore open(Path file, java.time.Duration wait) {
    long waitS = Math.max(1, wait.toSeconds());
    String name = file.getFileName().toString();
    if (!name.endsWith(".mv.db")) throw new IllegalArgumentException("database file must end in .mv.db: " + file);
    Path abs = file.toAbsolutePath().normalize();
    Path base = abs.resolveSibling(name.substring(0, name.length() - ".mv.db".length()));
    DatabaseFiles files = new DatabaseFiles(abs, base);
    files.checkUsable();
    // MAX_COMPACT_TIME=0: no compaction at close. H2 2.3.232's chunk move at close failed an internal assertion
    // under load (RandomAccessStore.moveChunkInside), the close stopped half-way, and the next open lost the last
    // commits: a whole experiment once (CliTest under three busy loops, 3 runs in 5). Space is still reclaimed
    // while the database is open (H2's background compaction).
    String url = "jdbc:h2:file:" + base + ";AUTO_SERVER=TRUE;AUTO_RECONNECT=TRUE;WRITE_DELAY=0;MAX_COMPACT_TIME=0";
    synchronized (DatabaseFiles.openingLock(abs)) {
      try (DatabaseFiles.Held held = files.lockForOpening()) {
        String password = held.password();
        if (files.isNew()) files.createMigrated(password);
        Connection c = DatabaseFiles.connect(url, password, waitS);
        int version = Migrations.version(c);
        if (version > 0 && version < Migrations.ALL.size() && DatabaseFiles.alone(c)) {
          try (java.sql.Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
          }
          c.close();
          files.upgradeOnCopy(password);
          c = DatabaseFiles.connect(url, password, waitS);
        }
        try {
          Migrations.apply(c);
        } catch (SQLException e) {
          c.close();
          throw e;
        }
        files.restrictCreated();
        return new ExperimentStore(file, url, password, c);
      } catch (java.io.IOException | SQLException e) {
        throw files.explain(e);
      }
    }
  }

  static String firstLine(Exception e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  public Path file() {
    return file;
  }

  Connection newConnection() throws SQLException {
    Connection c = DatabaseFiles.connect(url, password);
    c.setAutoCommit(false);
    return c;
  }

  static OffsetDateTime ts(Instant i) {
    return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
  }

  static Instant instant(ResultSet rs, String col) throws SQLException {
    OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  static String json(Object v) {
    try {
      return Wire.JSON.writeValueAsString(v instanceof Map<?, ?> m ? Values.toJsonObject(m) : Values.toJson(v));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, Object> map(String json) {
    if (json == null) return null;
    try {
      return Values.toMap(Wire.JSON.readTree(json));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("corrupt JSON in the database: " + e.getOriginalMessage(), e);
    }
  }

  static List<String> list(String json) {
    if (json == null) return List.of();
    try {
      List<String> out = new ArrayList<>();
      for (var n : Wire.JSON.readTree(json)) out.add(n.asText());
      return out;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("corrupt JSON in the database: " + e.getOriginalMessage(), e);
    }
  }

  @FunctionalInterface
  private interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** Runs one read on the shared read connection; {@code args} bind to the ? placeholders in order. */
  private <T> List<T> query(String what, String sql, Row<T> row, Object... args) {
    synchronized (reads) {
      try (PreparedStatement p = reads.prepareStatement(sql)) {
        for (int i = 0; i < args.length; i++) p.setObject(i + 1, args[i]);
        List<T> out = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) out.add(row.map(rs));
        }
        return out;
      } catch (SQLException e) {
        throw new StoreException("cannot read " + what + ": " + firstLine(e), e);
      }
    }
  }

  public boolean exists(String name) {
    return find(name).isPresent();
  }

  /** Creates the experiment row with no uid (as experiments made before uids); fails if the name is taken. */
  public long create(String name, String specJson, String specPath, String metric, String mode, Path homeDir) {
    return create(name, null, specJson, specPath, metric, mode, homeDir);
  }

  /** Creates the experiment row; fails if the name is taken. {@code uid} is unique across databases. */
  public long create(String name, String uid, String specJson, String specPath, String metric, String mode,
      Path homeDir) {
    String sql = "INSERT INTO experiment(name, status, metric, mode, spec, spec_path, home_dir, created_at, updated_at,"
        + " uid) VALUES (?, 'CREATED', ?, ?, ?, ?, ?, ?, ?, ?)";
    synchronized (reads) {
      try (PreparedStatement p = reads.prepareStatement(sql, new String[] {"ID"})) {
        OffsetDateTime now = ts(Instant.now());
        p.setString(1, name);
        p.setString(2, metric);
        p.setString(3, mode);
        p.setString(4, specJson);
        p.setString(5, specPath);
        p.setString(6, homeDir.toString());
        p.setObject(7, now);
        p.setObject(8, now);
        p.setString(9, uid);
        p.executeUpdate();
        try (ResultSet rs = p.getGeneratedKeys()) {
          rs.next();
          return rs.getLong(1);
        }
      } catch (SQLException e) {
        throw new StoreException("cannot create experiment '" + name + "': " + firstLine(e), e);
      }
    }
  }

  public List<StoredExperiment> list() {
    List<StoredExperiment> all = queryExperiments("SELECT * FROM experiment ORDER BY created_at, id", null);
    boolean copied = false;
    for (StoredExperiment e : all) copied |= applyOrphanedLogIfAny(e);
    return copied ? queryExperiments("SELECT * FROM experiment ORDER BY created_at, id", null) : all;
  }

  public Optional<StoredExperiment> find(String name) {
    Optional<StoredExperiment> e = queryExperiments("SELECT * FROM experiment WHERE name = ?", name).stream().findFirst();
    if (e.isPresent() && applyOrphanedLogIfAny(e.get())) {
      return queryExperiments("SELECT * FROM experiment WHERE name = ?", name).stream().findFirst();
    }
    return e;
  }

  private boolean applyOrphanedLogIfAny(StoredExperiment e) {
    if (e.homeDir() == null || !ResultLog.pending(Path.of(e.homeDir()))) return false;
    applyOrphanedLog(e);
    return true;
  }

  private List<StoredExperiment> queryExperiments(String sql, String arg) {
    Object[] args = arg == null ? new Object[0] : new Object[] {arg};
    return query("experiments", sql, rs -> new StoredExperiment(rs.getLong("id"), rs.getString("name"),
        rs.getString("status"), rs.getString("metric"), rs.getString("mode"), rs.getString("spec"),
        rs.getString("spec_path"), rs.getString("home_dir"), instant(rs, "created_at"), instant(rs, "updated_at"),
        rs.getString("searcher_state"), rs.getString("scheduler_state"),
        rs.getString("stopper_state")), args);
  }

  /** Trials of an experiment in creation order. */
  public List<TrialSnapshot> trials(long experimentId) {
    String sql = "SELECT t.*, (SELECT c.path FROM checkpoint c WHERE c.trial_pk = t.id AND c.removed_at IS NULL"
        + " ORDER BY c.id DESC LIMIT 1) AS latest_ckpt FROM trial t WHERE experiment_id = ? ORDER BY seq";
    return query("trials", sql, rs -> {
      double best = rs.getDouble("best");
      Double bestOrNull = rs.wasNull() ? null : best;
      return new TrialSnapshot(rs.getString("trial_id"), rs.getInt("seq"), TrialStatus.valueOf(rs.getString("status")),
          map(rs.getString("config")), rs.getInt("iterations"), map(rs.getString("last_result")), bestOrNull,
          rs.getInt("retries"), rs.getString("error"), rs.getString("error_stack"), rs.getString("dir"),
          rs.getString("parent_trial_id"), instant(rs, "created_at"), rs.getDouble("time_total_s"),
          rs.getString("latest_ckpt"), rs.getString("end_reason"), rs.getString("waiting_for"),
          list(rs.getString("attempts")));
    }, experimentId);
  }

  /** Results of one trial (or of every trial when {@code trialId} is null), in the order stored. */
  public List<StoredResult> results(long experimentId, String trialId) {
    String sql = "SELECT t.trial_id, r.iteration, r.recorded_at, r.metrics FROM result r JOIN trial t ON r.trial_pk = t.id"
        + " WHERE t.experiment_id = ? AND NOT r.superseded" + (trialId == null ? "" : " AND t.trial_id = ?") + " ORDER BY r.id";
    Row<StoredResult> row = rs -> new StoredResult(rs.getString(1), rs.getInt(2), instant(rs, "recorded_at"),
        map(rs.getString(4)));
    return trialId == null ? query("results", sql, row, experimentId) : query("results", sql, row, experimentId, trialId);
  }

  public List<StoredEvent> events(long experimentId) {
    String sql = "SELECT t.trial_id, e.at, e.from_status, e.to_status, e.reason FROM lifecycle_event e"
        + " JOIN trial t ON e.trial_pk = t.id WHERE t.experiment_id = ? ORDER BY e.id";
    return query("lifecycle events", sql, rs -> new StoredEvent(rs.getString(1), instant(rs, "at"), rs.getString(3),
        rs.getString(4), rs.getString(5)), experimentId);
  }

  public List<StoredCheckpoint> checkpoints(long experimentId) {
    String sql = "SELECT t.trial_id, c.iteration, c.time_total_s, c.path, c.created_at, c.removed_at FROM checkpoint c"
        + " JOIN trial t ON c.trial_pk = t.id WHERE t.experiment_id = ? ORDER BY c.id";
    return query("checkpoints", sql, rs -> new StoredCheckpoint(rs.getString(1), rs.getInt(2), rs.getDouble(3),
        rs.getString(4), instant(rs, "created_at"), instant(rs, "removed_at")), experimentId);
  }

  /** The searcher's stored entries in the order they were written (see {@code Searcher.saveChanges}). */
  public List<String> searcherEntries(long experimentId) {
    return query("searcher entries", "SELECT entry FROM searcher_entry WHERE experiment_id = ? ORDER BY id",
        rs -> rs.getString(1), experimentId);
  }

  /** A scheduler's or the stoppers' entries after their stored state, in the order they were written (decision 0019). */
  public List<String> pluginEntries(long experimentId, String plugin) {
    return query("plug-in entries", "SELECT entry FROM plugin_entry WHERE experiment_id = ? AND plugin = ? ORDER BY id",
        rs -> rs.getString(1), experimentId, plugin);
  }

  /**
   * Per trial, the decision stored with its newest kept result that has one (a stop, pause or exploit the driver
   * answered with), as JSON holding its {@code iteration}; a resume carries it out when that result is the
   * trial's last.
   */
  public Map<String, String> lastDecisions(long experimentId) {
    String sql = "SELECT t.trial_id, r.decision FROM result r JOIN trial t ON r.trial_pk = t.id"
        + " WHERE t.experiment_id = ? AND NOT r.superseded AND r.decision IS NOT NULL ORDER BY r.id";
    Map<String, String> out = new java.util.HashMap<>();
    for (String[] row : query("decisions", sql, rs -> new String[] {rs.getString(1), rs.getString(2)}, experimentId)) {
      out.put(row[0], row[1]);
    }
    return out;
  }

  public List<StoredExploit> exploits(long experimentId) {
    String sql = "SELECT t.trial_id, x.donor_trial_id, x.old_config, x.new_config, x.checkpoint, x.at FROM exploit x"
        + " JOIN trial t ON x.trial_pk = t.id WHERE t.experiment_id = ? ORDER BY x.id";
    return query("exploits", sql, rs -> new StoredExploit(rs.getString(1), rs.getString(2), map(rs.getString(3)),
        map(rs.getString(4)), rs.getString(5), instant(rs, "at")), experimentId);
  }

  // ---------------------------------------------------------------- steering commands

  /** Queues a steering command for the experiment's live owner; returns its id. */
  public long requestCommand(long experimentId, String action, List<String> trialIds, String requestedBy) {
    String sql = "INSERT INTO steering_command(experiment_id, action, trial_ids, requested_by, requested_at)"
        + " VALUES (?, ?, ?, ?, ?)";
    synchronized (reads) {
      try (PreparedStatement p = reads.prepareStatement(sql, new String[] {"ID"})) {
        p.setLong(1, experimentId);
        p.setString(2, action);
        p.setString(3, String.join(",", trialIds));
        p.setString(4, requestedBy);
        p.setObject(5, ts(Instant.now()));
        p.executeUpdate();
        try (ResultSet rs = p.getGeneratedKeys()) {
          rs.next();
          return rs.getLong(1);
        }
      } catch (SQLException e) {
        throw new StoreException("cannot queue the command: " + firstLine(e), e);
      }
    }
  }

  public Optional<StoredCommand> command(long id) {
    return queryCommands("SELECT * FROM steering_command WHERE id = ?", id).stream().findFirst();
  }

  /** Unanswered commands of an experiment, oldest first. */
  public List<StoredCommand> pendingCommands(long experimentId) {
    return queryCommands("SELECT * FROM steering_command WHERE experiment_id = ? AND outcome IS NULL ORDER BY id",
        experimentId);
  }

  private List<StoredCommand> queryCommands(String sql, long arg) {
    return query("steering commands", sql, rs -> {
      String ids = rs.getString("trial_ids");
      return new StoredCommand(rs.getLong("id"), rs.getString("action"),
          ids == null || ids.isEmpty() ? List.of() : List.of(ids.split(",")), rs.getString("requested_by"),
          instant(rs, "requested_at"), rs.getString("outcome"), rs.getString("message"));
    }, arg);
  }

  /**
   * Writes a command's outcome unless it already has one (the owner answering and the sender giving up
   * race; the first wins). True if this call wrote it.
   */
  public boolean answerCommand(long id, String outcome, String message) {
    String sql = "UPDATE steering_command SET outcome = ?, message = ?, answered_at = ? WHERE id = ? AND outcome IS NULL";
    synchronized (reads) {
      try (PreparedStatement p = reads.prepareStatement(sql)) {
        p.setString(1, outcome);
        p.setString(2, message);
        p.setObject(3, ts(Instant.now()));
        p.setLong(4, id);
        return p.executeUpdate() == 1;
      } catch (SQLException e) {
        throw new StoreException("cannot answer command " + id + ": " + firstLine(e), e);
      }
    }
  }

  /** Deletes an experiment's history (not its trial folders). */
  public void delete(String name) {
    synchronized (reads) {
      try (PreparedStatement p = reads.prepareStatement("DELETE FROM experiment WHERE name = ?")) {
        p.setString(1, name);
        p.executeUpdate();
      } catch (SQLException e) {
        throw new StoreException("cannot delete experiment '" + name + "': " + firstLine(e), e);
      }
    }
  }

  /** A journal that writes this experiment's history with group commit. */
  public H2Journal journal(long experimentId) {
    return journal(experimentId, true);
  }

  /** {@code withLog} false: every write goes straight to the database (tests of that path). */
  H2Journal journal(long experimentId, boolean withLog) {
    try {
      // survives the process that serves the database dying mid-transaction (docs/decisions/0005)
      return new H2Journal(ReconnectingConnection.wrap(this::newConnection), experimentId,
          withLog ? resultLog(experimentId) : null);
    } catch (SQLException e) {
      throw new StoreException("cannot open a writer on " + file + ": " + firstLine(e), e);
    }
  }

  /** The experiment's result log (decision 0021), in its folder; null if it has none. */
  private Path resultLog(long experimentId) {
    List<String> dirs = query("experiment folder", "SELECT home_dir FROM experiment WHERE id = ?", rs -> rs.getString(1),
        experimentId);
    return dirs.isEmpty() || dirs.get(0) == null ? null : ResultLog.in(Path.of(dirs.get(0)));
  }

  /**
   * Copies into the database what a crashed owner left in the experiment's result log. The caller owns the
   * experiment ({@code resume}); readers get the same through {@link #find} and {@link #list}.
   */
  public void applyResultLog(long experimentId) {
    Path log = resultLog(experimentId);
    if (log == null || !ResultLog.pending(log.getParent())) return;
    journal(experimentId).close();
  }

  /** A result log with lines and no live owner: its owner died; copy it now, under the owner lock, for readers. */
  private void applyOrphanedLog(StoredExperiment e) {
    if (e.homeDir() == null) return;
    Path dir = Path.of(e.homeDir());
    if (!ResultLog.pending(dir)) return;
    OwnerLock.Result r = OwnerLock.acquire(dir);
    if (r.lock() == null) return; // its owner lives and copies it itself
    try (OwnerLock held = r.lock()) {
      if (ResultLog.pending(dir)) journal(e.id()).close();
    } catch (RuntimeException ex) {
      java.util.logging.Logger.getLogger(ExperimentStore.class.getName()).log(java.util.logging.Level.WARNING, "cannot copy the result log of '" + e.name() + "'", ex);
    }
  }

  /** Where the one line saying why {@link #close} waits goes (stderr in the CLI). */
  public void onLinger(Consumer<String> notice) {
    this.lingerNotice = notice;
  }

  /**
   * True when this process holds the database file and serves it to the others (the first to open it).
   * Its leaving would cut the others' open transactions, so {@link #close} waits for their experiments.
   */
  boolean hostsDatabase() {
    synchronized (reads) {
      try {
        return reads.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal;
      } catch (SQLException e) {
        return false;
      }
    }
  }

  /** Experiments of this database that another live process owns, as "name (pid@host)". */
  List<String> otherLiveOwners() {
    String me = OwnerLock.me();
    List<String> out = new ArrayList<>();
    for (StoredExperiment e : list()) {
      OwnerLock.liveOwner(Path.of(e.homeDir())).filter(o -> !o.equals(me)).ifPresent(o -> out.add(e.name()
          + " (process " + o + ")"));
    }
    return out;
  }

  /**
   * Closes this process's connections. A process that hosts the database stays until the experiments
   * other processes run on it have ended (or their processes died), so that their writes are never cut.
   */
  @Override public void close() {
    boolean told = false;
    try {
      // H2 keeps the database open while this process has another store on it: only the last one waits
      boolean last = OPEN.merge(key(), -1, Integer::sum) <= 0;
      while (last && hostsDatabase()) {
        List<String> others = otherLiveOwners();
        if (others.isEmpty()) break;
        if (!told) {
          lingerNotice.accept("keeping the database open for " + String.join(", ", others) + " until "
              + (others.size() == 1 ? "it ends" : "they end"));
          told = true;
        }
        Thread.sleep(LINGER_POLL_MS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // a store that can't be read any more has nothing left to keep open
    }
    synchronized (reads) {
      try {
        reads.close();
      } catch (SQLException ignored) {
        // closing a connection that already failed
      }
    }
  }
}
