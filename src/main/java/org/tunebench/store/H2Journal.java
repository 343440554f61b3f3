package org.tunebench.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tunebench.engine.ExperimentJournal;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.model.TrialStatus;

/**
 * Writes one experiment's history on its own thread with group commit: it takes every write queued since
 * the last commit, applies them in one transaction, commits (H2 with WRITE_DELAY=0 writes the file at
 * commit), and only then runs the callbacks that let workers go on. Many trials' results share a commit, so
 * durability costs one file write per batch, not per result. What each write does in SQL is {@link JournalRows}.
 */
public final class H2Journal implements ExperimentJournal, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(H2Journal.class.getName());

  /**
   * {@code onRejected}: the write failed for good while the store still works (null: only logged).
   * {@code logged}: the write is a result that may go to the result log first (decision 0021).
   */
  private record Op(JournalRows.Write write, Runnable onDurable, java.util.function.Consumer<Throwable> onRejected,
      LoggedResult logged) {
    Op(JournalRows.Write write, Runnable onDurable) {
      this(write, onDurable, null, null);
    }
  }

  /** Off only to measure what the log saves: {@code -Dtunebench.resultLog=false}. */
  static final boolean RESULT_LOG = !"false".equals(System.getProperty("tunebench.resultLog"));
  /** Logged results that wake the writer thread to copy them into the database. */
  private static final int APPLY_AT = 256;
  /** Logged results beyond which the driver's loop copies them itself rather than log more. */
  private static final int APPLY_LIMIT = 4096;
  /** How long a logged result waits at most before the writer thread copies it into the database. */
  private static final long APPLY_AFTER_NS = TimeUnit.MILLISECONDS.toNanos(200);

  /** Back-off before each retry of a write that failed alone: a transient failure gets three more tries. */
  private static final long[] RETRY_MS = {20, 100, 400};

  private final JournalRows rows;
  private final long experimentId;
  private final LinkedBlockingQueue<Op> queue = new LinkedBlockingQueue<>();
  /** How often deferred progress rows (see {@link #trialSaved}) are written. */
  private static final long PROGRESS_EVERY_NS = TimeUnit.SECONDS.toNanos(1);
  /** Status of each trial's last saved snapshot; touched by callers (the driver loop) only. */
  private final Map<String, TrialStatus> savedStatus = new ConcurrentHashMap<>();
  /** Newest progress-only snapshot per trial, not yet written. */
  private final Map<String, TrialSnapshot> progress = new ConcurrentHashMap<>();
  private volatile long lastProgressWrite = System.nanoTime();
  private volatile long progressWrites;
  private final Thread writer;
  /** Wakes the writer thread: a write from a thread other than {@link #committer}, a flush, a close. */
  private final java.util.concurrent.Semaphore kicks = new java.util.concurrent.Semaphore(0);
  /** Held while a batch is drained, logged or applied, and its callbacks run (writer thread or the driver's loop). */
  private final java.util.concurrent.locks.ReentrantLock commitLock = new java.util.concurrent.locks.ReentrantLock();
  /**
   * Held while the database connection is used. The writer thread copies logged results into the database under
   * this lock alone, so the driver's loop goes on logging and acknowledging results meanwhile; whoever holds
   * {@link #commitLock} may take this one too, never the other way round.
   */
  private final java.util.concurrent.locks.ReentrantLock dbLock = new java.util.concurrent.locks.ReentrantLock();
  /** The thread that commits its own writes ({@link #commitFromCallerThread}), or null. */
  private volatile Thread committer;
  private volatile boolean closed;
  /** Set when the store cannot be written any more; from then on writes are dropped and flushes return. */
  private volatile Throwable lost;
  private volatile FailureListener failures = new FailureListener() {
    @Override public void resultRejected(String trialId, int iteration, Throwable cause) {}

    @Override public void storeLost(Throwable cause) {}
  };
  private volatile long commits;
  private volatile long writes;
  /** The result log, or null: every write goes straight to the database. Touched under {@link #commitLock}. */
  private ResultLog log;
  /** Where the result log is (null: none), for its lines set aside while the writer copies them. */
  private final java.nio.file.Path logFile;
  /** Results in the log (acknowledged) and not yet in the database, in order; under {@link #commitLock}. */
  private final List<Op> unapplied = new ArrayList<>();
  private volatile int unappliedCount;
  private long firstUnappliedNs;
  /** Sequence number of the last logged result, and of the last one the database holds. */
  private long logSeq;
  private volatile long appliedSeq;

  H2Journal(Connection c, long experimentId) throws SQLException {
    this(c, experimentId, null);
  }

  /**
   * {@code logFile}: the experiment's result log (null: none). What a previous process left in it and the
   * database does not hold yet is copied into the database here, before anything else is written.
   */
  H2Journal(Connection c, long experimentId, java.nio.file.Path logFile) throws SQLException {
    this.rows = new JournalRows(c, experimentId);
    this.experimentId = experimentId;
    this.logFile = logFile;
    if (logFile != null) openLog(logFile);
    this.writer = new Thread(this::writeLoop, "tunebench-journal-" + experimentId);
    writer.setDaemon(true);
    writer.start();
  }

  private void enqueue(JournalRows.Write w, Runnable onDurable) {
    enqueue(new Op(w, onDurable));
  }

  private void enqueue(Op op) {
    if (closed) throw new IllegalStateException("journal closed");
    if (lost != null) return; // the driver was told; nothing more can be stored
    queue.add(op);
    // the driver's loop commits its own writes when it runs out of events (decision 0018); any other
    // thread's write wakes the writer thread as before
    if (Thread.currentThread() != committer) kicks.release();
  }

  @Override public void onFailure(FailureListener listener) {
    failures = listener;
  }

  @Override public void commitFromCallerThread(boolean on) {
    if (on) {
      committer = Thread.currentThread();
    } else if (committer == Thread.currentThread()) {
      committer = null;
      kicks.release(); // whatever it left queued is the writer thread's now
    }
  }

  @Override public void holdingCommits(Runnable r) {
    // the writer thread commits under this lock too; the caller may commit inside (the lock is reentrant)
    commitLock.lock();
    try {
      r.run();
    } finally {
      commitLock.unlock();
    }
  }

  @Override public void commitQueued() {
    if (queue.isEmpty() && !progressDue()) return;
    if (Thread.currentThread().isInterrupted()) {
      // an interrupted thread would close H2's file channel mid-write (ClosedByInterruptException) and lose
      // the store: the writer thread commits instead
      kicks.release();
      return;
    }
    commitLock.lock();
    try {
      drainAndCommit();
    } finally {
      commitLock.unlock();
    }
  }

  private void writeLoop() {
    while (!closed || !queue.isEmpty()) {
      try {
        // wakes at least once per PROGRESS_EVERY_NS so deferred progress rows are written while idle too
        // and every APPLY_AFTER_NS while logged results wait for the database
        kicks.tryAcquire(unappliedCount == 0 ? PROGRESS_EVERY_NS : APPLY_AFTER_NS, TimeUnit.NANOSECONDS);
        kicks.drainPermits();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        if (!closed) return;
      }
      List<Op> copy = null;
      commitLock.lock();
      try {
        copy = setAsideForCopy();
        if (copy == null) drainAndCommit(true);
        else dbLock.lock(); // before anyone else may write: the database stays a prefix of the history
      } finally {
        commitLock.unlock();
      }
      if (copy != null) {
        copyIntoDatabase(copy);
        if (!queue.isEmpty()) kicks.release(); // left for this round's copy: drained next round
      }
      if (Thread.currentThread().isInterrupted()) return;
    }
  }

  /**
   * When logged results are due for the database: they and the log's lines move aside (the log goes on in a new
   * file) and are returned for {@link #copyIntoDatabase} outside {@link #commitLock}, so results logged meanwhile
   * are acknowledged at once instead of waiting for the copy (tens of ms every ~200 ms under load). Null when no
   * copy is due or the lines cannot move aside: then the copy runs under the lock as before.
   */
  private List<Op> setAsideForCopy() {
    if (log == null || lost != null || !applyDue()) return null;
    try {
      if (!log.rotate()) return null;
    } catch (IOException e) {
      LOG.log(Level.WARNING, "the result log " + log.file() + " failed; results go straight to the database", e);
      closeLog();
      return null;
    }
    List<Op> copy = new ArrayList<>(unapplied);
    unapplied.clear();
    unappliedCount = 0;
    return copy;
  }

  /**
   * Copies results set aside into the database, holding {@link #dbLock} (taken under {@link #commitLock} when they
   * were set aside) and releasing it. Anything else written meanwhile waits for this lock, so the database still
   * holds a prefix of the history; the lines set aside go once it holds them.
   */
  private void copyIntoDatabase(List<Op> copy) {
    long upTo = copy.get(copy.size() - 1).logged().seq();
    try {
      beforeCopy.run();
      if (lost != null) return;
      try {
        commitBatch(copy, upTo);
      } catch (Throwable e) {
        lose(e);
        return;
      }
      if (lost == null) dropAside();
    } finally {
      dbLock.unlock();
    }
  }

  /** Runs on the writer thread before each copy of results set aside (tests hold a copy there). */
  volatile Runnable beforeCopy = () -> { };

  private void dropAside() {
    try {
      ResultLog.dropAside(logFile);
    } catch (IOException e) {
      // its lines are marked as held by the database: a later open skips them, and no move aside happens until it is gone
      LOG.log(Level.FINE, "cannot remove the copied result log lines", e);
    }
  }

  /**
   * One group commit: every write queued so far in one transaction, then their callbacks. Runs under
   * {@link #commitLock}, on the writer thread or on the driver's loop ({@link #commitQueued()}), so writes
   * are committed, and callbacks run, in the order they were queued.
   */
  private void drainAndCommit() {
    drainAndCommit(false);
  }

  /**
   * {@code byWriter}: on the writer thread, which also copies logged results into the database when they are
   * due. A batch of results alone goes to the result log (one write) and is acknowledged from there; anything
   * else goes to the database after the logged results, so the database always holds a prefix of the history.
   */
  private void drainAndCommit(boolean byWriter) {
    List<Op> batch = new ArrayList<>();
    queue.drainTo(batch);
    if (lost != null) {
      releaseFlushes(batch);
      return;
    }
    if (log != null && !batch.isEmpty() && allLogged(batch) && unapplied.size() < APPLY_LIMIT
        && !(byWriter && applyDue()) && appendToLog(batch)) {
      runCallbacks(batch);
      return;
    }
    List<Op> all = batch;
    dbLock.lock();
    try {
      long upTo = appliedSeq;
      if (!unapplied.isEmpty()) {
        all = new ArrayList<>(unapplied);
        all.addAll(batch);
        upTo = unapplied.get(unapplied.size() - 1).logged().seq();
        unapplied.clear();
        unappliedCount = 0;
      }
      try {
        commitBatch(all, upTo);
      } catch (Throwable e) {
        lose(e);
        releaseFlushes(all);
        return;
      }
      clearLogIfHeld();
    } finally {
      dbLock.unlock();
    }
    runCallbacks(all);
  }

  private static boolean allLogged(List<Op> batch) {
    for (Op op : batch) if (op.logged == null) return false;
    return true;
  }

  private boolean applyDue() {
    return !unapplied.isEmpty()
        && (unapplied.size() >= APPLY_AT || System.nanoTime() - firstUnappliedNs >= APPLY_AFTER_NS);
  }

  /**
   * The batch's results in one append to the log; they wait in {@link #unapplied} for the database. False if
   * the log failed: it is not used again and the batch goes to the database as before.
   */
  private boolean appendToLog(List<Op> batch) {
    List<String> lines = new ArrayList<>(batch.size());
    List<Op> logged = new ArrayList<>(batch.size());
    long s = logSeq;
    for (Op op : batch) {
      LoggedResult r = op.logged.withSeq(++s);
      lines.add(r.line());
      logged.add(new Op(op.write, null, op.onRejected, r));
    }
    try {
      log.append(lines);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "the result log " + log.file() + " failed; results go straight to the database", e);
      closeLog();
      return false;
    }
    logSeq = s;
    if (unapplied.isEmpty()) firstUnappliedNs = System.nanoTime();
    unapplied.addAll(logged);
    unappliedCount = unapplied.size();
    if (unapplied.size() >= APPLY_AT && Thread.currentThread() != writer) kicks.release();
    return true;
  }

  private void runCallbacks(List<Op> batch) {
    for (Op op : batch) {
      if (op.onDurable != null) {
        try {
          op.onDurable.run();
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "durability callback failed", e);
        }
      }
    }
  }

  private boolean progressDue() {
    return !progress.isEmpty() && System.nanoTime() - lastProgressWrite >= PROGRESS_EVERY_NS;
  }

  /**
   * Applies the batch in one transaction. If that fails, each write is applied alone and retried with
   * back-off, so one bad write cannot hold back unrelated trials; a write that still fails while the store
   * works is dropped from the batch (its callback never runs) and reported; if the store itself is gone,
   * the journal is lost.
   */
  private void commitBatch(List<Op> batch, long upTo) throws SQLException {
    boolean flushing = false;
    for (Op op : batch) if (op.onDurable instanceof FlushMarker) flushing = true;
    try {
      for (Op op : batch) op.write.apply();
      // progress rows go in the same transaction, after this batch's ops (which may insert their trials)
      boolean progressed = writeProgress(flushing);
      if (batch.isEmpty() && !progressed) return;
      markApplied(upTo);
      committed();
      logApplied(upTo);
      commits++;
      writes += batch.size();
      return;
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.WARNING, "a batch of history writes failed; writing them one by one", e);
      rollbackQuietly();
    }
    for (java.util.Iterator<Op> it = batch.iterator(); it.hasNext(); ) {
      Op op = it.next();
      Exception err = applyAlone(op);
      if (err == null) continue;
      if (!storeWorks()) {
        lose(err);
        releaseFlushes(batch);
        batch.clear();
        return;
      }
      LOG.log(Level.SEVERE, "a history write failed for good and was dropped", err);
      it.remove();
      if (op.onRejected != null) op.onRejected.accept(err);
    }
    try {
      writeProgress(flushing);
      markApplied(upTo);
      committed();
      logApplied(upTo);
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly();
      if (!storeWorks()) {
        lose(e);
        releaseFlushes(batch);
        batch.clear();
      }
    }
  }

  private Exception applyAlone(Op op) {
    Exception last = null;
    for (int attempt = 0; attempt <= RETRY_MS.length; attempt++) {
      try {
        op.write.apply();
        // a logged result alone: the database must say it holds it in the same commit, or a restart copies it twice
        if (op.logged != null) markApplied(op.logged.seq());
        committed();
        if (op.logged != null) appliedSeq = Math.max(appliedSeq, op.logged.seq());
        commits++;
        writes++;
        return null;
      } catch (SQLException | RuntimeException e) {
        last = e;
        rollbackQuietly();
        if (attempt == RETRY_MS.length) break;
        try {
          Thread.sleep(RETRY_MS[attempt]);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    return last;
  }

  /** A real write and commit: a store that can only read (disk full, closed) counts as gone. */
  private boolean storeWorks() {
    try {
      rows.touch();
      committed();
      return true;
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly();
      return false;
    }
  }

  private void lose(Throwable e) {
    if (lost != null) return;
    lost = e;
    LOG.log(Level.SEVERE, "experiment history cannot be written any more", e);
    List<Op> rest = new ArrayList<>();
    queue.drainTo(rest);
    releaseFlushes(rest);
    failures.storeLost(e);
  }

  /** Flushes waiting on a lost journal return: the driver learns of the loss through its listener. */
  private static void releaseFlushes(List<Op> ops) {
    for (Op op : ops) if (op.onDurable instanceof FlushMarker m) m.run();
  }

  private void rollbackQuietly() {
    rows.rollbackQuietly();
  }

  private void committed() throws SQLException {
    rows.commit();
  }

  /** In the open transaction: the database holds the logged results up to {@code upTo}. */
  private void markApplied(long upTo) throws SQLException {
    if (upTo <= appliedSeq) return;
    rows.setLogApplied(upTo);
  }

  /** After a commit that holds the logged results up to {@code upTo}. */
  private void logApplied(long upTo) {
    appliedSeq = Math.max(appliedSeq, upTo);
  }

  /** Under both locks, after a commit: if the database holds every logged result, the log starts again. */
  private void clearLogIfHeld() {
    if (log == null || lost != null || !unapplied.isEmpty() || appliedSeq < logSeq) return;
    try {
      log.clear();
      ResultLog.dropAside(logFile);
    } catch (IOException e) {
      // what stays in the file is marked as held by the database; a restart skips it
      LOG.log(Level.WARNING, "cannot empty the result log " + log.file() + "; results go straight to the database", e);
      closeLog();
    }
  }

  private void openLog(java.nio.file.Path file) throws SQLException {
    long applied = rows.logApplied();
    List<LoggedResult> left;
    try {
      left = ResultLog.read(file);
    } catch (IOException e) {
      throw new SQLException("cannot read the result log " + file + ": " + e.getMessage(), e);
    }
    long last = applied;
    int copied = 0;
    for (LoggedResult r : left) {
      last = Math.max(last, r.seq());
      if (r.seq() <= applied) continue;
      if (!rows.knows(r.trialId())) {
        LOG.warning("result log " + file + ": a result of unknown trial " + r.trialId() + " skipped");
        continue;
      }
      rows.applyResult(r);
      copied++;
    }
    appliedSeq = applied;
    try {
      markApplied(last);
      committed();
    } catch (SQLException e) {
      rollbackQuietly();
      throw e;
    }
    appliedSeq = last;
    logSeq = last;
    if (copied > 0) LOG.info("copied " + copied + " results from the result log " + file + " into the database");
    if (!RESULT_LOG) {
      emptyLeft(file);
      return;
    }
    try {
      log = ResultLog.open(file);
      log.clear();
      ResultLog.dropAside(file);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot use the result log " + file + "; results go straight to the database", e);
      closeLog();
      emptyLeft(file);
    }
  }

  private static void emptyLeft(java.nio.file.Path file) {
    try {
      if (java.nio.file.Files.exists(file)) java.nio.file.Files.write(file, new byte[0]);
      ResultLog.dropAside(file);
    } catch (IOException ignored) {
      // every line in it is marked as held by the database
    }
  }

  private void closeLog() {
    if (log == null) return;
    try {
      log.close();
    } catch (IOException ignored) {
      // nothing more is written to it
    }
    log = null;
  }

  /** Why the store was lost, if it was. */
  public java.util.Optional<Throwable> lost() {
    return java.util.Optional.ofNullable(lost);
  }

  /** Writes the deferred progress rows when due (or when flushing); true if it wrote any. */
  private boolean writeProgress(boolean force) throws SQLException {
    long now = System.nanoTime();
    if (progress.isEmpty() || (!force && now - lastProgressWrite < PROGRESS_EVERY_NS)) return false;
    lastProgressWrite = now;
    boolean any = false;
    for (String id : List.copyOf(progress.keySet())) {
      TrialSnapshot t = progress.remove(id);
      if (t == null || !rows.writeProgress(t)) continue;
      progressWrites++;
      any = true;
    }
    if (any) rows.progressed(Instant.now());
    return any;
  }

  private static final class FlushMarker implements Runnable {
    final CompletableFuture<Void> done = new CompletableFuture<>();

    @Override public void run() {
      done.complete(null);
    }
  }

  @Override public void experimentStatus(String status, Instant at) {
    enqueue(rows.experimentStatus(status, at), null);
  }

  @Override public void searcherState(JsonNode state) {
    enqueue(rows.pluginColumn("searcher_state", state), null);
  }

  @Override public void schedulerState(JsonNode state) {
    enqueue(rows.pluginColumn("scheduler_state", state), null);
  }

  @Override public void stopperState(JsonNode state) {
    enqueue(rows.pluginColumn("stopper_state", state), null);
  }

  @Override public void trialSaved(TrialSnapshot t) {
    // Perf (EngineBench b): the driver saves the trial row after every result; rewriting that row (config and
    // last result JSON) in every commit doubled the journal's CPU. A save that keeps the status is progress
    // only (iteration, last result, best): it waits here, newest wins, and is written at most every
    // PROGRESS_EVERY_NS and on flush/close. Results themselves are still durable before the worker goes on;
    // after a crash the trial row's progress columns may lag its results by up to that interval.
    TrialStatus before = savedStatus.put(t.id(), t.status());
    if (before == t.status()) {
      progress.put(t.id(), t);
      return;
    }
    progress.remove(t.id());
    enqueue(rows.saveRow(t, null, List.of()), null);
  }

  @Override public void trialSuggested(TrialSnapshot t, JsonNode searcherState) {
    trialSuggested(t, searcherState, List.of());
  }

  @Override public void trialSuggested(TrialSnapshot t, JsonNode searcherState, List<JsonNode> appended) {
    savedStatus.put(t.id(), t.status());
    progress.remove(t.id());
    enqueue(rows.saveRow(t, searcherState == null ? null : searcherState.toString(), JournalRows.texts(appended)), null);
  }

  @Override public void searcherState(JsonNode state, List<JsonNode> appended) {
    enqueue(rows.searcherState(state, appended), null);
  }

  @Override public void statusChanged(String trialId, TrialStatus from, TrialStatus to, String reason, Instant at) {
    enqueue(rows.statusChanged(trialId, from, to, reason, at), null);
  }

  @Override public void result(String trialId, int iteration, Map<String, Object> result, Instant at,
      boolean supersedes, Runnable onDurable) {
    result(trialId, iteration, result, at, supersedes, org.tunebench.engine.ResultEffects.none(), onDurable);
  }

  /** The result, what it changed in the scheduler and stoppers, and its decision: one write, one transaction. */
  @Override public void result(String trialId, int iteration, Map<String, Object> result, Instant at,
      boolean supersedes, org.tunebench.engine.ResultEffects effects, Runnable onDurable) {
    LoggedResult r = new LoggedResult(0, trialId, iteration, at, supersedes, ExperimentStore.json(result),
        effects.decision() == null ? null : effects.decision().toString(), effects.scheduler(), effects.stopper());
    enqueue(new Op(() -> rows.applyResult(r), onDurable, e -> failures.resultRejected(trialId, iteration, e), r));
  }

  @Override public void pluginState(String plugin, org.tunebench.engine.PluginSave save) {
    if (save.isEmpty()) return;
    enqueue(rows.pluginWrite(plugin, save), null);
  }

  @Override public void checkpointAdded(String trialId, int iteration, double timeTotalS, String path, Instant at,
      Runnable onDurable) {
    enqueue(rows.checkpointAdded(trialId, iteration, timeTotalS, path, at), onDurable);
  }

  @Override public void checkpointRemoved(String trialId, String path, Instant at) {
    enqueue(rows.checkpointRemoved(trialId, path, at), null);
  }

  @Override public void exploit(String trialId, String donorId, Map<String, Object> oldConfig,
      Map<String, Object> newConfig, String checkpoint, Instant at) {
    enqueue(rows.exploit(trialId, donorId, oldConfig, newConfig, checkpoint, at), null);
  }

  @Override public void flush() {
    if (closed || lost != null) return;
    if (Thread.currentThread() == committer && !Thread.currentThread().isInterrupted()) {
      // every write so far is queued, and this thread commits them now (the marker forces progress rows)
      queue.add(new Op(() -> { }, new FlushMarker()));
      commitQueued();
      return;
    }
    FlushMarker m = new FlushMarker();
    queue.add(new Op(() -> { }, m));
    kicks.release();
    while (!m.done.isDone()) {
      try {
        m.done.get(1, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        if (lost != null || !writer.isAlive()) return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (java.util.concurrent.ExecutionException e) {
        return;
      }
    }
  }

  /** Commits and writes so far (for benchmarks: results per commit). */
  public long commits() {
    return commits;
  }

  public long writes() {
    return writes;
  }

  /** Deferred trial-progress rows written (not counted in {@link #writes}). */
  public long progressWrites() {
    return progressWrites;
  }

  @Override public void close() {
    flush();
    closed = true;
    kicks.release();
    try {
      // the writer ends its last round on its own (a copy of logged results into the database, emptying the log):
      // an interrupt in the middle of that closed the log's file channel and logged a warning at every exit
      writer.join(5000);
      if (writer.isAlive()) {
        writer.interrupt();
        writer.join(5000);
      }
      commitLock.lock();
      try {
        closeLog();
      } finally {
        commitLock.unlock();
      }
      rows.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (SQLException ignored) {
      // the connection is gone either way
    }
  }
}
