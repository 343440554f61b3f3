package org.tunebench.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.tunebench.engine.exec.LaunchSpec;
import org.tunebench.engine.exec.TrialExecutor;
import org.tunebench.engine.exec.WorkerHandle;
import org.tunebench.engine.exec.WorkerListener;
import org.tunebench.engine.schedule.Decision;
import org.tunebench.engine.schedule.SchedulerContext;
import org.tunebench.engine.schedule.TrialScheduler;
import org.tunebench.engine.schedule.TrialView;
import org.tunebench.engine.search.Searcher;
import org.tunebench.engine.stop.Stopper;
import org.tunebench.model.ExperimentSpec;
import org.tunebench.model.TrialStatus;
import org.tunebench.wire.Channel;
import org.tunebench.wire.Msg;
import org.tunebench.wire.Values;

/**
 * The driver (Ray Tune's {@code TuneController}): one thread takes events from one queue and owns every
 * trial's state, so nothing here needs a lock. Workers, timers and users only {@link #post} events.
 */
public final class TuneController {
  private static final Logger LOG = Logger.getLogger(TuneController.class.getName());

  private final ExperimentSpec spec;
  private final Path experimentDir;
  private final ExperimentJournal journal;
  private final TrialExecutor executor;
  private final Searcher searcher;
  private final TrialScheduler scheduler;
  private final Stopper stopper;
  private final ResourcePool pool;
  private final DriverOptions options;
  private final String className;
  private final List<Trial> trials = new ArrayList<>();
  private final Map<String, Trial> byId = new LinkedHashMap<>();
  private final List<EngineListener> listeners = new CopyOnWriteArrayList<>();
  private final EventLoop loop = new EventLoop();
  private final CompletableFuture<String> finished = new CompletableFuture<>();
  private int maxConcurrent;
  private long attempts;
  private boolean paused;
  private boolean stopping;
  /** Set by a stop of the whole experiment: the searcher suggests nothing more, even if trials run again. */
  private boolean searchClosed;
  private String endReason;
  private boolean schedulerDirty;
  private Instant lastSchedulerSave;
  private String announcedStatus;
  /**
   * Trials per status, kept by {@link #setStatus}, {@link #addTrial} and {@link #restoreTrial}. Perf: the loop
   * asked "how many run / is any pending / is anything active" by scanning every trial after every event,
   * O(trials) per result; at 10,000 trials that was most of the driver's time (EngineBench d).
   */
  private final int[] statusCount = new int[TrialStatus.values().length];

  public TuneController(ExperimentSpec spec, String className, Path experimentDir, ExperimentJournal journal,
      TrialExecutor executor, Searcher searcher, TrialScheduler scheduler, Stopper stopper, ResourcePool pool,
      DriverOptions options) {
    this.spec = spec;
    this.className = className;
    this.experimentDir = experimentDir;
    this.journal = journal;
    this.executor = executor;
    this.searcher = searcher;
    this.scheduler = scheduler;
    this.stopper = stopper;
    this.pool = pool;
    this.options = options;
    this.maxConcurrent = spec.maxConcurrentTrials();
    scheduler.setContext(new Context());
  }

  public void addListener(EngineListener l) {
    listeners.add(l);
  }

  public ExperimentSpec spec() {
    return spec;
  }

  public ResourcePool pool() {
    return pool;
  }

  /**
   * Takes back trials of an earlier run of this experiment (resume): whatever was RUNNING or PENDING
   * becomes PENDING and restarts from its latest checkpoint.
   */
  public void restoreTrial(TrialSnapshot s, List<CheckpointRef> checkpoints) {
    Trial t = new Trial(s.id(), s.seq(), s.config(), Path.of(s.dir()), s.createdAt(), s.parentId());
    t.status = s.status();
    t.iteration = s.iteration();
    t.lastResult = s.lastResult();
    t.best = s.best();
    t.retries = s.retries();
    t.error = s.error();
    t.errorStack = s.errorStack();
    t.timeTotalS = s.timeTotalS();
    t.checkpoints.addAll(checkpoints);
    t.restore = t.latestCheckpoint();
    trials.add(t);
    byId.put(t.id, t);
    statusCount[t.status.ordinal()]++;
  }

  /** Runs the loop on the calling thread until the experiment ends; returns the final status. */
  public String run() {
    journal.experimentStatus("RUNNING", now());
    announce("RUNNING", "started");
    for (Trial t : trials) {
      scheduler.onTrialAdd(t);
      if (t.status == TrialStatus.RUNNING) setStatus(t, TrialStatus.PENDING, "driver restarted");
      else if (t.status == TrialStatus.PAUSED) setStatus(t, TrialStatus.PENDING, "experiment resumed");
      if (t.status == TrialStatus.PENDING) journal.trialSaved(t.snapshot());
    }
    loop.every(options.tick(), this::tick);
    schedule();
    checkEnd();
    loop.run(finished::isDone, () -> {
      try {
        schedule();
      } finally {
        checkEnd();
      }
    }, () -> stopAllNow("driver interrupted"));
    saveSchedulerState(true);
    loop.exit();
    executor.releaseIdle();
    journal.flush();
    return finished.join();
  }

  /** Hands an event to the loop; safe from any thread. */
  public void post(Runnable event) {
    loop.post(event);
  }

  public CompletableFuture<String> finished() {
    return finished;
  }

  private <T> CompletableFuture<T> ask(Supplier<T> s) {
    return loop.ask(s);
  }

  // ---------------------------------------------------------------- commands (any thread)

  public CompletableFuture<List<TrialSnapshot>> snapshots() {
    return ask(() -> trials.stream().map(Trial::snapshot).toList());
  }

  public CompletableFuture<Void> pauseTrial(String id) {
    return ask(() -> { pause(find(id), "paused by user", false); return null; });
  }

  public CompletableFuture<Void> resumeTrial(String id) {
    return ask(() -> {
      Trial t = find(id);
      if (t.status != TrialStatus.PAUSED) throw new IllegalStateException("trial " + id + " is " + t.status + ", not PAUSED");
      t.pausedByScheduler = false;
      t.restore = t.latestCheckpoint();
      setStatus(t, TrialStatus.PENDING, "resumed by user");
      userWantsToRun();
      return null;
    });
  }

  public CompletableFuture<Void> stopTrial(String id) {
    return ask(() -> { stop(find(id), "stopped by user"); return null; });
  }

  /** Runs an ERRORED (or TERMINATED) trial again from its latest checkpoint, with fresh retries. */
  public CompletableFuture<Void> restartTrial(String id) {
    return ask(() -> {
      Trial t = find(id);
      if (!t.status.isFinished()) throw new IllegalStateException("trial " + id + " is " + t.status + "; only ERRORED or TERMINATED trials restart");
      t.retries = 0;
      t.error = null;
      t.errorStack = null;
      t.stopAtIteration = null;
      t.restore = t.latestCheckpoint();
      setStatus(t, TrialStatus.PENDING, "restarted by user" + fromWhere(t.restore));
      userWantsToRun();
      return null;
    });
  }

  /** Continues a TERMINATED trial for {@code more} iterations from its latest checkpoint. */
  public CompletableFuture<Void> extendTrial(String id, int more) {
    return ask(() -> {
      Trial t = find(id);
      if (t.status != TrialStatus.TERMINATED) throw new IllegalStateException("trial " + id + " is " + t.status + "; only TERMINATED trials can be extended");
      if (more < 1) throw new IllegalArgumentException("extend by at least 1 iteration");
      CheckpointRef c = t.latestCheckpoint();
      if (c == null) throw new IllegalStateException("trial " + id + " has no checkpoint to continue from (set checkpoint.atEnd)");
      t.restore = c;
      t.stopAtIteration = c.iteration() + more;
      setStatus(t, TrialStatus.PENDING, "extended by user to iteration " + t.stopAtIteration + fromWhere(c));
      userWantsToRun();
      return null;
    });
  }

  /** A new trial from {@code id}'s latest checkpoint with some hyperparameters changed; returns its id. */
  public CompletableFuture<String> forkTrial(String id, Map<String, Object> changes) {
    return ask(() -> {
      Trial parent = find(id);
      Map<String, Object> config = ConfigMaps.merge(parent.config, changes);
      Trial t = addTrial(config, parent.id, "forked from " + parent.id);
      userWantsToRun();
      t.restore = parent.latestCheckpoint();
      return t.id;
    });
  }

  /** A trial with a hand-picked config, run after those already waiting. */
  public CompletableFuture<String> addTrial(Map<String, Object> config) {
    return ask(() -> {
      userWantsToRun();
      return addTrial(ConfigMaps.copy(config), null, "added by user").id;
    });
  }

  public CompletableFuture<Void> pauseAll() {
    return ask(() -> {
      paused = true;
      for (Trial t : trials) if (t.status == TrialStatus.RUNNING) pause(t, "experiment paused", false);
      announce("PAUSED", "paused by user");
      journal.experimentStatus("PAUSED", now());
      return null;
    });
  }

  public CompletableFuture<Void> resumeAll() {
    return ask(() -> {
      paused = false;
      for (Trial t : trials) {
        if (t.status == TrialStatus.PAUSED) {
          t.pausedByScheduler = false;
          t.restore = t.latestCheckpoint();
          setStatus(t, TrialStatus.PENDING, "experiment resumed");
        }
      }
      announcedStatus = null;
      announce("RUNNING", "resumed by user");
      journal.experimentStatus("RUNNING", now());
      return null;
    });
  }

  public CompletableFuture<Void> stopAll() {
    return ask(() -> { stopAllNow("stopped by user"); return null; });
  }

  public CompletableFuture<Void> setMaxConcurrentTrials(int n) {
    return ask(() -> {
      if (n < 0) throw new IllegalArgumentException("maxConcurrentTrials must be 0 (resources only) or more");
      maxConcurrent = n;
      return null;
    });
  }

  public int maxConcurrentTrials() {
    return maxConcurrent;
  }

  /** After a stop of the experiment, a user may still run single trials again (GUI). */
  private void userWantsToRun() {
    if (stopping) {
      stopping = false;
      announcedStatus = null;
    }
  }

  // ---------------------------------------------------------------- SchedulerContext

  /** What schedulers may ask of the driver; called on the loop thread while they handle an event. */
  private final class Context implements SchedulerContext {
    @Override public List<TrialView> trials() {
      return List.copyOf(trials);
    }

    @Override public void exploit(String trialId, String donorId, Map<String, Object> newConfig) {
      Trial t = find(trialId);
      CheckpointRef c = find(donorId).latestCheckpoint();
      if (c == null) {
        LOG.info(() -> "PBT: donor " + donorId + " has no checkpoint yet; " + trialId + " keeps its own");
        t.exploitRefused = true;
        return;
      }
      t.exploit = new Trial.Exploit(donorId, c, ConfigMaps.copy(newConfig));
    }

    @Override public void stopTrial(String trialId) {
      stop(find(trialId), "stopped by " + spec.scheduler().type() + " scheduler");
    }

    @Override public void checkpointNow(String trialId) {
      find(trialId).checkpointRequested = true;
    }

    @Override public String metric() {
      return spec.metric();
    }

    @Override public String mode() {
      return spec.mode().json();
    }
  }

  // ---------------------------------------------------------------- the loop's work

  private Trial find(String id) {
    Trial t = byId.get(id);
    if (t == null) throw new IllegalArgumentException("no trial '" + id + "' in experiment " + spec.name());
    return t;
  }

  private Instant now() {
    return options.clock().instant();
  }

  private static String fromWhere(CheckpointRef c) {
    return c == null ? " from scratch" : " from " + c.path().getFileName();
  }

  /** The one place where a trial's status changes; refuses illegal moves and records each move. */
  private void setStatus(Trial t, TrialStatus to, String reason) {
    TrialStatus from = t.status;
    if (!from.canMoveTo(to)) {
      throw new IllegalStateException("trial " + t.id + " cannot go from " + from + " to " + to + " (" + reason + ")");
    }
    t.status = to;
    statusCount[from.ordinal()]--;
    statusCount[to.ordinal()]++;
    Instant at = now();
    journal.statusChanged(t.id, from, to, reason, at);
    journal.trialSaved(t.snapshot());
    TrialSnapshot s = t.snapshot();
    for (EngineListener l : listeners) l.statusChanged(s, from, reason);
  }

  private Trial addTrial(Map<String, Object> config, String parentId, String reason) {
    int seq = trials.size();
    String id = String.format("%05d", seq);
    Trial t = new Trial(id, seq, config, experimentDir.resolve("trial_" + id), now(), parentId);
    trials.add(t);
    byId.put(id, t);
    statusCount[t.status.ordinal()]++;
    journal.trialSaved(t.snapshot());
    journal.statusChanged(id, null, TrialStatus.PENDING, reason, t.createdAt);
    scheduler.onTrialAdd(t);
    TrialSnapshot s = t.snapshot();
    for (EngineListener l : listeners) l.trialAdded(s);
    return t;
  }

  private int countRunning() {
    return count(TrialStatus.RUNNING);
  }

  private boolean hasPending() {
    return count(TrialStatus.PENDING) > 0;
  }

  private int count(TrialStatus s) {
    return statusCount[s.ordinal()];
  }

  /** Starts what may start: Ray's "maybe add trials, then start the scheduler's choice". */
  private void schedule() {
    if (paused || stopping || finished.isDone()) return;
    boolean mayAdd = !searchClosed;
    while (maxConcurrent == 0 || countRunning() < maxConcurrent) {
      if (mayAdd && !hasPending() && !searcher.isFinished()) {
        Optional<Map<String, Object>> next = searcher.suggest(String.format("%05d", trials.size()));
        journal.searcherState(searcher.save());
        next.ifPresent(c -> addTrial(c, null, "suggested by " + spec.search().type() + " search"));
      }
      // nothing to start: skip the O(trials) scan below (it ran after every event while trials drained)
      if (count(TrialStatus.PENDING) == 0 && count(TrialStatus.PAUSED) == 0) return;
      List<TrialView> candidates = new ArrayList<>();
      for (Trial t : trials) {
        if (t.status == TrialStatus.PENDING || (t.status == TrialStatus.PAUSED && t.pausedByScheduler)) {
          candidates.add(t);
        }
      }
      if (candidates.isEmpty()) return;
      TrialView choice = scheduler.chooseTrialToRun(candidates);
      if (choice == null) return;
      if (!pool.tryAcquire(spec.resourcesPerTrial())) return;
      start(find(choice.id()));
    }
  }

  private void start(Trial t) {
    if (t.status == TrialStatus.PAUSED) {
      t.pausedByScheduler = false;
      t.restore = t.latestCheckpoint();
      setStatus(t, TrialStatus.PENDING, "resumed by scheduler");
    }
    CheckpointRef from = t.restore;
    t.iteration = from == null ? 0 : from.iteration();
    t.timeTotalS = from == null ? 0 : from.timeTotalS();
    t.iterationsSinceRestore = 0;
    t.intent = Trial.Intent.NONE;
    t.awaitingReply = false;
    t.kind = null;
    t.exploit = null;
    long attempt = ++attempts;
    t.attempt = attempt;
    setStatus(t, TrialStatus.RUNNING, "started" + (from == null ? "" : fromWhere(from)));
    LaunchSpec launch = new LaunchSpec(t.id, attempt, spec.trainable().jar(), className, t.config, t.dir,
        from == null ? null : from.path(), spec.jvmArgs(), spec.resourcesPerTrial().memoryMb());
    try {
      t.worker = executor.launch(launch, new TrialWorkerListener(t, attempt));
    } catch (RuntimeException e) {
      fail(t, "cannot start a worker: " + e.getMessage(), null);
    }
  }

  private final class TrialWorkerListener implements WorkerListener {
    private final Trial trial;
    private final long attempt;

    TrialWorkerListener(Trial trial, long attempt) {
      this.trial = trial;
      this.attempt = attempt;
    }

    @Override public void onMessage(WorkerHandle worker, ObjectNode message) {
      post(() -> {
        if (trial.attempt == attempt && trial.status == TrialStatus.RUNNING) onWorkerMessage(trial, message);
      });
    }

    @Override public void onExit(WorkerHandle worker, String description) {
      post(() -> {
        if (trial.attempt == attempt && trial.status == TrialStatus.RUNNING && trial.worker == worker) {
          trial.worker = null;
          fail(trial, description + LogTail.of(trial.dir.resolve("trial.log"), worker.log()), null);
        }
      });
    }
  }

  private void onWorkerMessage(Trial t, ObjectNode m) {
    switch (m.path("type").asText()) {
      case Msg.STARTED -> t.kind = m.path("kind").asText();
      case Msg.RESULT -> onResult(t, m);
      case Msg.CHECKPOINTED -> addCheckpoint(t, Path.of(m.path("dir").asText()));
      case Msg.RESET_DONE -> onResetDone(t, m.path("accepted").asBoolean());
      case Msg.FINISHED -> onFinished(t, m.path("reason").asText());
      case Msg.ERROR -> {
        WorkerHandle w = t.worker;
        t.worker = null;
        if (w != null) w.kill();
        fail(t, m.path("message").asText(), m.path("stack").asText(null));
      }
      default -> LOG.warning(() -> "unknown worker message " + m);
    }
  }

  private void onResult(Trial t, ObjectNode m) {
    Map<String, Object> result = new LinkedHashMap<>(Values.toMap(m.path("metrics")));
    double elapsed = m.path("elapsed").asDouble();
    t.iteration++;
    t.iterationsSinceRestore++;
    t.timeTotalS += elapsed;
    Instant at = now();
    result.putIfAbsent("done", false);
    result.put("training_iteration", t.iteration);
    result.put("time_this_iter_s", elapsed);
    result.put("time_total_s", t.timeTotalS);
    result.put("timestamp", at.getEpochSecond());
    result.put("trial_id", t.id);
    result.put("node", t.worker == null ? "?" : t.worker.node());
    result.put("pid", t.worker == null ? -1 : t.worker.pid());
    result.put("iterations_since_restore", t.iterationsSinceRestore);
    if (m.hasNonNull("checkpoint")) {
      // the function API hands over its own folder: copy it before the training thread may change it
      Path target = t.dir.resolve(String.format("checkpoint_%06d", t.iteration));
      try {
        Checkpoints.copy(Path.of(m.path("checkpoint").asText()), target);
        addCheckpoint(t, target);
      } catch (java.io.IOException e) {
        LOG.warning(() -> "trial " + t.id + ": cannot copy its checkpoint: " + e);
      }
    }
    t.awaitingReply = true;
    long attempt = t.attempt;
    Map<String, Object> stored = java.util.Collections.unmodifiableMap(result);
    journal.result(t.id, t.iteration, stored, at, () -> post(() -> {
      if (t.attempt == attempt && t.status == TrialStatus.RUNNING) onResultDurable(t, stored);
    }));
  }

  private void onResultDurable(Trial t, Map<String, Object> result) {
    t.awaitingReply = false;
    t.lastResult = result;
    String problem = MetricCheck.problem(spec.metric(), result);
    Object v = result.get(spec.metric());
    if (problem == null && v instanceof Number n && !Double.isNaN(n.doubleValue())) {
      double d = n.doubleValue();
      if (t.best == null || spec.mode().better(d, t.best)) t.best = d;
    }
    journal.trialSaved(t.snapshot());
    TrialSnapshot s = t.snapshot();
    for (EngineListener l : listeners) l.result(s, result);
    if (problem != null) {
      WorkerHandle w = t.worker;
      t.worker = null;
      if (w != null) w.kill();
      fail(t, "result " + t.iteration + ": " + problem, null);
      return;
    }
    searcher.onTrialResult(t.id, result);
    schedulerDirty = true;
    apply(t, decide(t, result));
  }

  private Decision decide(Trial t, Map<String, Object> result) {
    if (t.intent == Trial.Intent.STOP) return Decision.STOP;
    if (t.intent == Trial.Intent.PAUSE) return Decision.PAUSE;
    boolean done = Boolean.TRUE.equals(result.get("done"));
    if (t.stopAtIteration != null) return done || t.iteration >= t.stopAtIteration ? Decision.STOP : Decision.CONTINUE;
    if (done || stopper.stopTrial(t.id, result)) {
      t.intentReason = done ? "reported done" : "stop condition met";
      scheduler.onTrialComplete(t, result);
      return Decision.STOP;
    }
    t.exploitRefused = false;
    Decision d = scheduler.onTrialResult(t, result);
    if (d == Decision.PAUSE && t.exploitRefused) {
      // the pause was only to swap in the donor's state, which does not exist yet: train on instead
      d = Decision.CONTINUE;
    }
    if (d == Decision.STOP) {
      t.intentReason = "stopped by " + spec.scheduler().type() + " scheduler";
      scheduler.onTrialComplete(t, result);
    } else if (d == Decision.PAUSE) {
      t.pausedByScheduler = true;
      t.intentReason = "paused by " + spec.scheduler().type() + " scheduler";
    }
    if (stopper.stopAll()) {
      stopAllNow("experiment stop condition met (" + describeStopAll() + ")");
      return Decision.STOP;
    }
    return d;
  }

  private String describeStopAll() {
    return spec.timeBudgetS() != null ? "stop or timeBudgetS" : "stop";
  }

  private boolean isClassApi(Trial t) {
    return "class".equals(t.kind);
  }

  private Path checkpointDir(Trial t) {
    return t.dir.resolve(String.format("checkpoint_%06d", t.iteration));
  }

  private void apply(Trial t, Decision d) {
    WorkerHandle w = t.worker;
    if (w == null) return;
    boolean wantsCheckpoint = t.checkpointRequested;
    t.checkpointRequested = false;
    if (t.exploit != null && d != Decision.STOP) {
      applyExploit(t, w);
      return;
    }
    ObjectNode reply;
    switch (d) {
      case CONTINUE -> {
        reply = Channel.message(Msg.CONTINUE);
        int f = spec.checkpoint().frequency();
        if (isClassApi(t) && ((f > 0 && t.iteration % f == 0) || wantsCheckpoint)) {
          reply.put("checkpoint", checkpointDir(t).toString());
        }
      }
      case PAUSE -> {
        t.intent = Trial.Intent.PAUSE;
        reply = Channel.message(Msg.STOP);
        if (isClassApi(t)) reply.put("checkpoint", checkpointDir(t).toString());
        armDeadline(t, options.pauseGrace());
      }
      default -> {
        t.intent = Trial.Intent.STOP;
        reply = Channel.message(Msg.STOP);
        if (isClassApi(t) && (spec.checkpoint().atEnd() || t.stopAtIteration != null)) {
          reply.put("checkpoint", checkpointDir(t).toString());
        }
        armDeadline(t, options.stopGrace());
      }
    }
    w.send(reply);
  }

  private void applyExploit(Trial t, WorkerHandle w) {
    Trial.Exploit e = t.exploit;
    if (isClassApi(t)) {
      ObjectNode reset = Channel.message(Msg.RESET);
      reset.set("config", Values.toJsonObject(e.newConfig()));
      reset.put("restore", e.donorCheckpoint().path().toString());
      w.send(reset);
    } else {
      t.intent = Trial.Intent.PAUSE;
      w.send(Channel.message(Msg.STOP));
    }
  }

  private void onResetDone(Trial t, boolean accepted) {
    if (!accepted || t.exploit == null) return; // FINISHED follows: the trial restarts with the new config
    Trial.Exploit e = t.exploit;
    t.exploit = null;
    recordExploit(t, e);
    t.iteration = e.donorCheckpoint().iteration();
    t.timeTotalS = e.donorCheckpoint().timeTotalS();
    t.iterationsSinceRestore = 0;
    journal.trialSaved(t.snapshot());
  }

  private void recordExploit(Trial t, Trial.Exploit e) {
    Map<String, Object> old = t.config;
    t.config = e.newConfig();
    journal.exploit(t.id, e.donorId(), old, e.newConfig(), e.donorCheckpoint().path().toString(), now());
    for (EngineListener l : listeners) l.exploit(t.id, e.donorId(), e.newConfig());
  }

  /** If the worker has not finished by then, it is killed and the trial ends as it was asked to. */
  private void armDeadline(Trial t, java.time.Duration grace) {
    long token = ++t.deadlineToken;
    long attempt = t.attempt;
    loop.after(grace, () -> {
      if (t.attempt != attempt || t.deadlineToken != token || t.status != TrialStatus.RUNNING) return;
      WorkerHandle w = t.worker;
      t.worker = null;
      if (w != null) w.kill();
      String why = " (worker killed: its step did not return within " + grace.toSeconds() + " s)";
      if (t.intent == Trial.Intent.PAUSE) endRunning(t, TrialStatus.PAUSED, (t.intentReason == null ? "paused" : t.intentReason) + why);
      else endRunning(t, TrialStatus.TERMINATED, (t.intentReason == null ? "stopped" : t.intentReason) + why);
    });
  }

  private void onFinished(Trial t, String reason) {
    WorkerHandle w = t.worker;
    t.worker = null;
    if (w != null) executor.release(w);
    if (t.exploit != null) {
      Trial.Exploit e = t.exploit;
      t.exploit = null;
      recordExploit(t, e);
      t.restore = e.donorCheckpoint();
      pool.release(spec.resourcesPerTrial());
      t.pausedByScheduler = false;
      setStatus(t, TrialStatus.PENDING, "PBT exploit of trial " + e.donorId() + fromWhere(e.donorCheckpoint()));
      return;
    }
    switch (t.intent) {
      case PAUSE -> endRunning(t, TrialStatus.PAUSED, t.intentReason == null ? "paused" : t.intentReason);
      case STOP -> endRunning(t, TrialStatus.TERMINATED, t.intentReason == null ? "stopped" : t.intentReason);
      default -> {
        scheduler.onTrialComplete(t, t.lastResult);
        endRunning(t, TrialStatus.TERMINATED, "trainable " + reason);
      }
    }
  }

  private void endRunning(Trial t, TrialStatus to, String reason) {
    pool.release(spec.resourcesPerTrial());
    t.deadlineToken++;
    if (to == TrialStatus.TERMINATED) searcher.onTrialComplete(t.id, t.lastResult, false);
    schedulerDirty = true;
    if (to == TrialStatus.PAUSED && !t.pausedByScheduler) t.pausedByScheduler = false;
    t.intent = Trial.Intent.NONE;
    t.intentReason = null;
    setStatus(t, to, reason);
  }

  private void fail(Trial t, String message, String stack) {
    boolean wasRunning = t.status == TrialStatus.RUNNING;
    if (wasRunning) pool.release(spec.resourcesPerTrial());
    t.deadlineToken++;
    t.error = message;
    t.errorStack = stack;
    if (t.intent == Trial.Intent.STOP || t.intent == Trial.Intent.PAUSE) {
      // the user or scheduler already wanted it gone: a crash on the way out ends it as asked
      TrialStatus to = t.intent == Trial.Intent.PAUSE ? TrialStatus.PAUSED : TrialStatus.TERMINATED;
      String why = (t.intentReason == null ? to.name().toLowerCase() : t.intentReason) + "; worker ended: " + message;
      t.intent = Trial.Intent.NONE;
      setStatus(t, to, why);
      return;
    }
    setStatus(t, TrialStatus.ERRORED, message);
    scheduler.onTrialError(t);
    int max = spec.failure().maxRetries();
    if (t.retries < max && !stopping) {
      t.retries++;
      t.restore = t.latestCheckpoint();
      setStatus(t, TrialStatus.PENDING, "retry " + t.retries + " of " + max + fromWhere(t.restore));
    } else {
      searcher.onTrialComplete(t.id, t.lastResult, true);
      for (EngineListener l : listeners) l.experimentStatus("TRIAL_ERRORED", "trial " + t.id + ": " + message);
    }
  }

  private void pause(Trial t, String reason, boolean byScheduler) {
    switch (t.status) {
      case PENDING -> {
        t.pausedByScheduler = byScheduler;
        setStatus(t, TrialStatus.PAUSED, reason);
      }
      case RUNNING -> {
        if (t.intent != Trial.Intent.NONE) return;
        t.intent = Trial.Intent.PAUSE;
        t.intentReason = reason;
        t.pausedByScheduler = byScheduler;
        if (t.kind == null || !t.awaitingReply) armDeadline(t, options.pauseGrace());
      }
      default -> throw new IllegalStateException("trial " + t.id + " is " + t.status + "; only PENDING or RUNNING trials pause");
    }
  }

  private void stop(Trial t, String reason) {
    switch (t.status) {
      case PENDING, PAUSED -> {
        searcher.onTrialComplete(t.id, t.lastResult, false);
        setStatus(t, TrialStatus.TERMINATED, reason);
      }
      case RUNNING -> {
        if (t.intent == Trial.Intent.STOP) return;
        t.intent = Trial.Intent.STOP;
        t.intentReason = reason;
        armDeadline(t, options.stopGrace());
      }
      default -> { }
    }
  }

  private void stopAllNow(String reason) {
    if (stopping) return;
    stopping = true;
    searchClosed = true;
    endReason = reason;
    for (Trial t : trials) {
      if (t.status == TrialStatus.PENDING || t.status == TrialStatus.PAUSED || t.status == TrialStatus.RUNNING) {
        stop(t, reason);
      }
    }
  }

  private void tick() {
    if (!stopping && stopper.stopAll()) stopAllNow("experiment stop condition met (" + describeStopAll() + ")");
    saveSchedulerState(false);
  }

  /**
   * The scheduler's state grows with results (median keeps every history), so it is saved every few seconds
   * and at the end rather than per result; a resume may redo the decisions of those last seconds.
   */
  private void saveSchedulerState(boolean now) {
    if (!schedulerDirty) return;
    Instant at = now();
    if (!now && lastSchedulerSave != null && at.isBefore(lastSchedulerSave.plusSeconds(5))) return;
    lastSchedulerSave = at;
    schedulerDirty = false;
    journal.schedulerState(scheduler.save());
    // the searcher learnt of finished trials since its last save at a suggestion
    journal.searcherState(searcher.save());
  }

  private void addCheckpoint(Trial t, Path dir) {
    CheckpointRef c = new CheckpointRef(t.iteration, t.timeTotalS, dir);
    CheckpointRef last = t.latestCheckpoint();
    if (last != null && last.path().equals(dir)) return;
    t.checkpoints.addLast(c);
    journal.checkpointAdded(t.id, c.iteration(), c.timeTotalS(), dir.toString(), now());
    int keep = spec.checkpoint().numToKeep();
    while (keep > 0 && t.checkpoints.size() > keep) {
      CheckpointRef old = t.checkpoints.pollFirst();
      if (isInUse(old)) {
        t.checkpoints.addFirst(old);
        break;
      }
      Checkpoints.delete(old.path());
      journal.checkpointRemoved(t.id, old.path().toString(), now());
    }
  }

  /** A checkpoint another trial will start from (fork, PBT) must outlive numToKeep. */
  private boolean isInUse(CheckpointRef c) {
    for (Trial o : trials) {
      if (o.restore == c && (o.status == TrialStatus.PENDING || o.status == TrialStatus.PAUSED)) return true;
      if (o.exploit != null && o.exploit.donorCheckpoint() == c) return true;
    }
    return false;
  }

  private void checkEnd() {
    if (finished.isDone()) return;
    // a paused trial waits for its scheduler or its user to resume it: the experiment is not over
    boolean active = count(TrialStatus.RUNNING) + count(TrialStatus.PENDING) + count(TrialStatus.PAUSED) > 0;
    boolean anyErrored = count(TrialStatus.ERRORED) > 0;
    if (active || (!stopping && !searchClosed && !searcher.isFinished())) return;
    String status = searchClosed ? "STOPPED" : "COMPLETED";
    String reason = searchClosed ? endReason : anyErrored ? "finished with errored trials" : "all trials finished";
    if (options.keepAlive()) {
      if (!status.equals(announcedStatus)) {
        journal.experimentStatus(status, now());
        announce(status, reason);
      }
      return;
    }
    saveSchedulerState(true);
    journal.experimentStatus(status, now());
    // whoever waits on finished() may read the store at once: the history must be there
    journal.flush();
    announce(status, reason);
    finished.complete(status);
  }

  private void announce(String status, String reason) {
    announcedStatus = status;
    for (EngineListener l : listeners) l.experimentStatus(status, reason);
  }

  /** Ends the loop (GUI closing): running trials are stopped without waiting. */
  public void shutdown() {
    post(() -> {
      for (Trial t : trials) {
        if (t.worker != null) t.worker.kill();
      }
      if (!finished.isDone()) {
        journal.experimentStatus("INTERRUPTED", now());
        finished.complete("INTERRUPTED");
      }
    });
  }


}
