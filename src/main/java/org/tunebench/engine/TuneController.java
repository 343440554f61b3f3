package org.tunebench.engine;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
import org.tunebench.engine.schedule.Decision;
import org.tunebench.engine.schedule.TrialScheduler;
import org.tunebench.engine.schedule.TrialView;
import org.tunebench.engine.search.Searcher;
import org.tunebench.engine.search.SearcherSave;
import org.tunebench.engine.stop.Stopper;
import org.tunebench.model.ExperimentSpec;
import org.tunebench.model.ExperimentStatus;
import org.tunebench.model.TrialStatus;
import static org.tunebench.engine.CheckpointManager.fromWhere;

/**
 * The driver (Ray Tune's {@code TuneController}): one thread takes events from one queue and owns every
 * trial's state, so nothing here needs a lock. Workers, timers and users only post events. This class runs
 * the loop and the flow of a trial (start, result, reply, end); the jobs along that flow are each one
 * class: {@link TrialRegistry}, {@link TrialLifecycle}, {@link ExperimentLifecycle},
 * {@link CheckpointManager}, {@link RetryPolicy}, {@link DecisionStep}, {@link ResultEnricher},
 * {@link WorkerMessage}/{@link WorkerReply}, {@link ReplyPlanner}, {@link DriverSchedulerContext},
 * {@link TrialTimers} (a pause's grace, {@code stepTimeoutS}), {@link DecisionRecord}, {@link DriverResume} (what
 * a resumed run does with what the earlier one left) and {@link UserCommands} (what users ask of it).
 */
public final class TuneController implements ExperimentControl {
  private static final Logger LOG = Logger.getLogger(TuneController.class.getName());

  private final ExperimentSpec spec;
  private final Path experimentDir;
  private final ExperimentJournal journal;
  private final TrialExecutor executor;
  private final Searcher searcher;
  private final TrialScheduler scheduler;
  private final ResourcePool pool;
  private final DriverOptions options;
  private final String className;
  private final List<EngineListener> listeners = new CopyOnWriteArrayList<>();
  private final EventLoop loop = new EventLoop();
  private final CompletableFuture<String> finished = new CompletableFuture<>();
  private final TrialRegistry registry;
  private final TrialLifecycle lifecycle;
  private final ExperimentLifecycle experiment;
  private final CheckpointManager checkpoints;
  private final DecisionStep decisions;
  private final RetryPolicy retryPolicy;
  private final TrialTimers timers;
  private final DriverFlags flags;
  private final UserCommands commands;
  private final ReplyPlanner replies;
  private long attempts;
  private Instant lastSearcherSave;
  /** Stores the scheduler's and stoppers' changes with each result and event (decision 0019). */
  private final PluginStates pluginStates;
  /** Nothing changed in the scheduler and stoppers since their last whole snapshot (an interrupt's, then the end's). */
  private boolean snapshotCurrent;
  /** Running trials another trial's result stopped (a halving), noted while that result is decided. */
  private List<Trial> stoppedByThisResult;
  private Instant startedAt;
  private volatile Throwable storeFailure;
  private final DriverResume resume;

  public TuneController(ExperimentSpec spec, String className, Path experimentDir, ExperimentJournal journal,
      TrialExecutor executor, Searcher searcher, TrialScheduler scheduler, Stopper stopper, ResourcePool pool,
      DriverOptions options) {
    this(spec, className, experimentDir, journal, executor, searcher, scheduler, stopper, pool, options,
        ExperimentStatus.CREATED);
  }

  /** {@code status} is the experiment's stored status (a resume starts from INTERRUPTED, PAUSED, ...). */
  public TuneController(ExperimentSpec spec, String className, Path experimentDir, ExperimentJournal journal,
      TrialExecutor executor, Searcher searcher, TrialScheduler scheduler, Stopper stopper, ResourcePool pool,
      DriverOptions options, ExperimentStatus status) {
    this.spec = spec;
    this.className = className;
    this.experimentDir = experimentDir;
    this.journal = journal;
    this.executor = executor;
    this.searcher = searcher;
    this.scheduler = scheduler;
    this.pool = pool;
    this.options = options;
    this.flags = new DriverFlags(spec.maxConcurrentTrials());
    this.registry = new TrialRegistry(spec.name());
    this.lifecycle = new TrialLifecycle(registry, journal, listeners, options.clock());
    this.experiment = new ExperimentLifecycle(status, journal, listeners, options.clock());
    this.checkpoints = new CheckpointManager(spec, journal, registry, options.clock(), this::post);
    this.decisions = new DecisionStep(spec, scheduler, stopper);
    this.pluginStates = new PluginStates(scheduler, stopper);
    this.retryPolicy = new RetryPolicy(spec.failure().maxRetries());
    this.timers = new TrialTimers(loop, options, spec.stepTimeoutS(), this::graceOver, this::stepTimedOut);
    this.replies = new ReplyPlanner(spec, checkpoints, timers, options);
    this.resume = new DriverResume(spec, registry, lifecycle, checkpoints, decisions, searcher, scheduler);
    scheduler.setContext(new DriverSchedulerContext(spec, registry, checkpoints,
        (t, reason) -> stop(t, reason, false)));
    this.commands = new UserCommands(loop, registry, lifecycle, experiment, checkpoints, scheduler, flags,
        new UserCommands.Driver() {
          @Override public void pause(Trial t, String reason) { TuneController.this.pause(t, reason); }
          @Override public void stop(Trial t, String reason, boolean leaves) { TuneController.this.stop(t, reason, leaves); }
          @Override public Trial addTrial(Map<String, Object> config, String parentId, String reason) {
            return TuneController.this.addTrial(config, parentId, reason);
          }
          @Override public void stopAll(String reason) { stopAllNow(reason); }
          @Override public boolean stopMet(Trial t) { return decisions.stopMet(t); }
        }, spec.space());
    journal.onFailure(new JournalFailures());
    // cluster agents come and go: the pool follows what they offer, and waiting trials get another chance
    executor.onCapacityChange(() -> post(this::followCapacity));
  }

  private void followCapacity() {
    if (pool.isElastic()) executor.offered().ifPresent(o -> pool.resize(o.cpus(), o.gpuIds(), o.memoryMb()));
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

  /** Why the history could not be written, if that ended the experiment. */
  public Optional<Throwable> storeFailure() {
    return Optional.ofNullable(storeFailure);
  }

  /**
   * Takes back trials of an earlier run of this experiment (resume): whatever was RUNNING or PENDING
   * becomes PENDING and restarts from its newest checkpoint that still exists.
   */
  public void restoreTrial(TrialSnapshot s, List<CheckpointRef> refs) {
    restoreTrial(s, refs, null);
  }

  /**
   * As {@link #restoreTrial(TrialSnapshot, List)}, with the metric of each kept result by iteration, so that
   * when the trial restarts from a checkpoint its best is the best of the timeline it keeps.
   */
  public void restoreTrial(TrialSnapshot s, List<CheckpointRef> refs, java.util.SortedMap<Integer, Double> metricByIteration) {
    resume.restoreTrial(s, refs, metricByIteration);
  }

  /**
   * On resume, the decision stored with the trial's newest result ({@code ExperimentStore.lastDecisions}): when
   * a hard kill left the trial RUNNING at exactly that result, the resumed driver carries the decision out (stop,
   * scheduler's pause, PBT exploit, a stop of the experiment) as the killed one would have, instead of training
   * that iteration again and deciding it a second time. Call before {@link #run()}.
   */
  public void restoreDecision(String trialId, JsonNode decision) {
    resume.restoreDecision(trialId, decision, null);
  }

  /**
   * As above, with the number of PBT exploits the store holds for the trial: a stored exploit decision that was
   * already recorded (the kill came after the worker's reset, before its next result) is carried out without
   * recording it a second time. Call after {@code restoreTrial}.
   */
  public void restoreDecision(String trialId, JsonNode decision, int exploitsRecorded) {
    resume.restoreDecision(trialId, decision, exploitsRecorded);
  }

  /** Runs the loop on the calling thread until the experiment ends; returns the final status. */
  public String run() {
    try {
      return drive();
    } catch (RuntimeException | Error e) {
      // a plug-in or the driver itself failed outside an event (a searcher's suggest, a scheduler's choice): the
      // experiment must not stay RUNNING with nobody running it; it ends INTERRUPTED, its workers ended, its trials
      // paused with the fault as their reason
      if (!finished.isDone()) {
        try {
          interruptNow("driver fault: " + e);
        } catch (RuntimeException again) {
          e.addSuppressed(again);
        }
      }
      finished.completeExceptionally(e); // if it was not done: nobody waits for an end that will not come
      loop.exit();
      throw e;
    }
  }

  private String drive() {
    startedAt = now();
    if (experiment.status() == ExperimentStatus.STOPPED) {
      // a stopped experiment reopened (a workbench extends or restarts its trials): it stays stopped, nothing new is
      // suggested, and only a user's restart or extension makes it run again
      flags.searchClosed = true;
      flags.endReason = "stopped earlier";
    } else if (!experiment.status().isFinished()) {
      experiment.moveTo(ExperimentStatus.RUNNING, "started");
    }
    String experimentStop = resume.takeBack();
    if (experimentStop != null) {
      // the experiment had been told to stop: nothing new is suggested, and it ends STOPPED for that reason
      flags.searchClosed = true;
      flags.endReason = experimentStop;
    }
    // the whole states once, so a later restore replays only the entries written from here on
    if (storeFailure == null) pluginStates.snapshot(journal);
    flags.schedulerDirty = false;
    snapshotCurrent = true;
    loop.every(options.tick(), this::tick);
    followCapacity();
    schedule();
    savePluginChanges();
    checkEnd();
    // the loop commits the history writes it queued each time it runs out of events, and replies to the
    // results among them from there: no journal thread between a result and its reply (decision 0018)
    journal.commitFromCallerThread(true);
    try {
      loop.run(finished::isDone, () -> {
        try {
          schedule();
          savePluginChanges();
        } finally {
          checkEnd();
        }
      }, () -> interruptNow("driver interrupted"), journal::commitQueued, journal::holdingCommits);
    } finally {
      journal.commitFromCallerThread(false);
    }
    // no state save here: every way the loop ends (checkEnd, interruptNow) saved it before completing
    // finished, and whoever waits on finished may close the journal at once (a write now would fail)
    loop.exit();
    executor.releaseIdle();
    if (storeFailure == null) journal.flush();
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

  // ---------------------------------------------------------------- commands (any thread): see UserCommands

  @Override public CompletableFuture<List<TrialSnapshot>> snapshots() { return commands.snapshots(); }
  @Override public CompletableFuture<Void> pauseTrial(String id) { return commands.pauseTrial(id); }
  @Override public CompletableFuture<Void> resumeTrial(String id) { return commands.resumeTrial(id); }
  @Override public CompletableFuture<Void> stopTrial(String id) { return commands.stopTrial(id); }
  @Override public CompletableFuture<Void> restartTrial(String id) { return commands.restartTrial(id); }
  @Override public CompletableFuture<Void> extendTrial(String id, int more) { return commands.extendTrial(id, more); }
  @Override public CompletableFuture<String> forkTrial(String id, Map<String, Object> changes, Integer more) {
    return commands.forkTrial(id, changes, more);
  }
  @Override public CompletableFuture<String> addTrial(Map<String, Object> config) { return commands.addTrial(config); }
  @Override public CompletableFuture<Void> pauseAll() { return commands.pauseAll(); }
  @Override public CompletableFuture<Void> resumeAll() { return commands.resumeAll(); }
  @Override public CompletableFuture<Void> stopAll() { return commands.stopAll(); }
  @Override public CompletableFuture<Void> setMaxConcurrentTrials(int n) { return commands.setMaxConcurrentTrials(n); }

  /**
   * Ctrl-C, SIGTERM, or the workbench closing: every live trial's worker is ended, RUNNING trials become
   * PAUSED (a later {@code resume} restarts them from their newest checkpoint), and a running experiment
   * becomes INTERRUPTED. A finished experiment stays as it is. Completes once that is durable.
   */
  public CompletableFuture<String> interrupt(String reason) {
    CompletableFuture<String> done = ask(() -> {
      interruptNow(reason);
      return experiment.status().name();
    });
    return done;
  }

  /** Ends the loop (GUI closing) as {@link #interrupt} does, without waiting. */
  public void shutdown() {
    interrupt("workbench closed");
  }

  // ---------------------------------------------------------------- the loop's work

  private Instant now() {
    return options.clock().instant();
  }

  private Trial addTrial(Map<String, Object> config, String parentId, String reason) {
    return addTrial(config, parentId, reason, null);
  }

  private Trial addTrial(Map<String, Object> config, String parentId, String reason, SearcherSave searcherState) {
    String id = registry.nextId();
    Trial t = new Trial(id, registry.size(), config, experimentDir.resolve("trial_" + id), now(), parentId);
    lifecycle.created(t, reason, searcherState);
    scheduler.onTrialAdd(t);
    flags.schedulerDirty = true; // a bracket or population changed without a result: an interrupt must store it
    return t;
  }

  /** Starts what may start: Ray's "maybe add trials, then start the scheduler's choice". */
  private void schedule() {
    if (flags.paused && !flags.stopping && !finished.isDone()) startResumedWhilePaused();
    if (flags.paused || flags.stopping || finished.isDone()) return;
    while (flags.maxConcurrent == 0 || registry.count(TrialStatus.RUNNING) < flags.maxConcurrent) {
      // a model-based searcher is asked only when its trial can start, so it sees every result before it
      boolean fits = !searcher.learnsFromResults() || pool.canFit(spec.resourcesPerTrial());
      if (fits && !flags.searchClosed && registry.count(TrialStatus.PENDING) == 0 && !searcher.isFinished()) {
        Optional<Map<String, Object>> next = searcher.suggest(registry.nextId());
        // what changed in the searcher is stored with the trial it suggested: a resume neither skips nor
        // repeats a suggestion, and a save costs the change, not the history
        SearcherSave state = searcher.saveChanges();
        if (next.isPresent()) addTrial(next.get(), null, "suggested by " + spec.search().type() + " search", state);
        else journal.searcherState(state.state(), state.appended());
      }
      // nothing to start: skip the O(trials) scan below (it ran after every event while trials drained)
      if (registry.count(TrialStatus.PENDING) == 0 && registry.count(TrialStatus.PAUSED) == 0) return;
      TrialView choice = resume.nextToRestart();
      if (choice == null) {
        List<TrialView> candidates = registry.startable();
        if (candidates.isEmpty()) return;
        choice = scheduler.chooseTrialToRun(candidates);
        flags.schedulerDirty = true; // HyperBand may halve a bracket while choosing
      }
      if (choice == null) return;
      Trial t = registry.find(choice.id());
      Optional<ResourcePool.Allocation> held = pool.tryAllocate(spec.resourcesPerTrial());
      if (held.isEmpty()) {
        String gaveUp = pool.isElastic() ? executor.givesUp() : null;
        if (gaveUp != null) {
          fail(t, gaveUp, null);
          continue;
        }
        lifecycle.waiting(t, "resources: " + pool.describeNeed(spec.resourcesPerTrial()));
        return;
      }
      t.allocation = held.get();
      start(t);
    }
    markWaitingForSlot();
  }

  /**
   * The experiment is paused: nothing new is suggested and nothing starts, except the trials their user resumed
   * one by one (`tunebench resume NAME TRIAL`, the workbench's Resume trial); the other PENDING ones say what they
   * wait for.
   */
  private void startResumedWhilePaused() {
    for (Trial t : registry.all()) {
      if (t.status != TrialStatus.PENDING) continue;
      if (!t.resumedByUser) {
        lifecycle.waiting(t, "the experiment to be resumed (it is paused)");
        continue;
      }
      if (flags.maxConcurrent > 0 && registry.count(TrialStatus.RUNNING) >= flags.maxConcurrent) {
        lifecycle.waiting(t, "a free slot (maxConcurrentTrials " + flags.maxConcurrent + ")");
        continue;
      }
      Optional<ResourcePool.Allocation> held = pool.tryAllocate(spec.resourcesPerTrial());
      if (held.isEmpty()) {
        lifecycle.waiting(t, "resources: " + pool.describeNeed(spec.resourcesPerTrial()));
        continue;
      }
      t.allocation = held.get();
      start(t);
    }
  }

  /** PENDING trials held back by maxConcurrentTrials say so. */
  private void markWaitingForSlot() {
    if (registry.count(TrialStatus.PENDING) == 0) return;
    for (Trial t : registry.all()) {
      if (t.status == TrialStatus.PENDING && t.waitingFor == null) {
        lifecycle.waiting(t, "a free slot (maxConcurrentTrials " + flags.maxConcurrent + ")");
      }
    }
  }

  private void start(Trial t) {
    t.resumedByUser = false;
    if (t.status == TrialStatus.PAUSED) {
      t.pausedByScheduler = false;
      t.restore = checkpoints.restorePoint(t);
      lifecycle.setStatus(t, TrialStatus.PENDING, "resumed by scheduler" + fromWhere(t, t.restore));
    }
    CheckpointRef from = t.restore;
    t.iteration = from == null ? 0 : from.iteration();
    t.timeTotalS = from == null ? 0 : from.timeTotalS();
    t.rewindBest(t.iteration);
    t.iterationsSinceRestore = 0;
    t.intent = Trial.Intent.NONE;
    t.stopSent = false;
    t.awaitingReply = false;
    t.checkpointTravelling = false;
    t.kind = null;
    t.exploit = null;
    if (t.stopAtNextResult != null) {
      t.intent = Trial.Intent.STOP;
      t.intentReason = t.stopAtNextResult;
      t.stopAtNextResult = null;
    }
    long attempt = ++attempts;
    t.attempt = attempt;
    lifecycle.setStatus(t, TrialStatus.RUNNING, "started" + (from == null ? "" : fromWhere(from)));
    LaunchSpec launch = new LaunchSpec(t.id, attempt, spec.trainable().jar(), className, t.config, t.dir,
        from == null ? null : from.path(), spec.jvmArgs(), spec.resourcesPerTrial().memoryMb(),
        t.allocation == null ? List.of() : t.allocation.gpuIds());
    try {
      t.worker = executor.launch(launch, new TrialWorkerListener(this, t, attempt));
    } catch (RuntimeException e) {
      fail(t, "cannot start a worker: " + e.getMessage(), null);
      return;
    }
    timers.armStepTimeout(t);
  }

  /** A message from the worker of {@code attempt}; stale attempts' messages are dropped. */
  void onWorkerMessage(Trial t, long attempt, WorkerMessage m) {
    if (t.attempt != attempt || t.status != TrialStatus.RUNNING) return;
    if (m instanceof WorkerMessage.Started s) {
      t.kind = s.kind();
      lifecycle.launchWaiting(t, null);
    } else if (m instanceof WorkerMessage.Result r) {
      t.checkpointTravelling = false; // the reply arms what comes next
      onResult(t, r);
    } else if (m instanceof WorkerMessage.Checkpointed c) {
      checkpoints.add(t, c.dir());
      if (t.checkpointTravelling) timers.rearmAfterTransfer(t);
    }
    else if (m instanceof WorkerMessage.ResetDone d) onResetDone(t, d.accepted());
    else if (m instanceof WorkerMessage.Finished f) onFinished(t, f.reason());
    else if (m instanceof WorkerMessage.Failed f) {
      killWorker(t);
      fail(t, f.message(), f.stack());
    } else LOG.warning(() -> "trial " + t.id + ": unknown worker message " + m);
  }

  /** A cluster agent is sending a checkpoint of {@code attempt}: the trial's clocks wait for it (see TrialTimers). */
  void onCheckpointTravelling(Trial t, long attempt) {
    if (t.attempt != attempt || t.status != TrialStatus.RUNNING) return;
    timers.holdWhileTravelling(t);
  }

  /** The worker of {@code attempt} ended without saying why (crash, kill, out of memory). */
  void onWorkerExit(Trial t, long attempt, WorkerHandle worker, String description) {
    if (t.attempt != attempt || t.status != TrialStatus.RUNNING || t.worker != worker) return;
    t.worker = null;
    fail(t, description + LogTail.of(t.dir.resolve("trial.log"), worker.log()), null);
  }

  /** Gives back what the trial held; a trial holds resources exactly while it is RUNNING. */
  private void releaseResources(Trial t) {
    if (t.allocation != null) pool.release(t.allocation);
    t.allocation = null;
  }

  private void killWorker(Trial t) {
    WorkerHandle w = t.worker;
    t.worker = null;
    if (w != null) w.kill();
  }

  private void onResult(Trial t, WorkerMessage.Result r) {
    if (t.stopSent) {
      // the driver already said stop: a result still in flight is not part of the trial's timeline
      LOG.fine(() -> "trial " + t.id + ": result after stop dropped");
      return;
    }
    t.stepToken++;
    Instant at = now();
    Map<String, Object> result = ResultEnricher.enrich(t, r.metrics(), r.elapsedS(), at);
    if (r.checkpoint() != null) {
      // the function API hands over its own folder: copy it before the training thread may change it
      Path target = checkpoints.dirFor(t);
      try {
        Checkpoints.copy(r.checkpoint(), target);
        checkpoints.add(t, target);
      } catch (java.io.IOException e) {
        LOG.warning(() -> "trial " + t.id + ": cannot copy its checkpoint: " + e);
      }
    }
    t.awaitingReply = true;
    long attempt = t.attempt;
    WorkerHandle worker = t.worker;
    // Decided now, on the loop, but sent only once the result is durable, straight from the journal's
    // thread: the worker's wait is one commit, not a commit plus a trip back through the loop (decision
    // 0012). A request that arrives in between (pause, stop) applies at the trial's next result.
    boolean replay = resume.replays(t);
    WorkerReply reply;
    ResultEffects effects;
    if (replay) {
      reply = replayed(t, result);
      effects = ResultEffects.none();
    } else {
      stoppedByThisResult = new java.util.ArrayList<>();
      try {
        reply = decide(t, result);
        // what the result changed in the scheduler and stoppers, and how it is answered, go in its transaction
        effects = pluginStates.forResult(
            DecisionRecord.of(t, reply, stoppedByThisResult, flags.stopping ? flags.endReason : null));
        flags.schedulerDirty = false;
        snapshotCurrent = false;
      } finally {
        stoppedByThisResult = null;
      }
    }
    // the first result after a (re)start replays iterations an earlier attempt may have stored: those rows
    // are superseded, so each iteration is kept once
    boolean supersedes = t.iterationsSinceRestore == 1;
    journal.result(t.id, t.iteration, result, at, supersedes, effects, () -> {
      if (reply != null && worker != null) worker.send(reply.toJson());
      post(() -> {
        if (t.attempt == attempt) t.awaitingReply = false;
      });
    });
  }

  /** A result of an iteration decided before a hard kill: kept and answered "go on", the plug-ins not asked. */
  private WorkerReply replayed(Trial t, Map<String, Object> result) {
    t.lastResult = result;
    Object v = result.get(spec.metric());
    if (MetricCheck.problem(spec.metric(), result) == null && v instanceof Number n && !Double.isNaN(n.doubleValue())) {
      t.offerBest(t.iteration, n.doubleValue(), spec.mode());
    }
    lifecycle.saved(t);
    TrialSnapshot s = t.snapshot();
    for (EngineListener l : listeners) l.result(s, result);
    return replies.reply(t, Decision.CONTINUE);
  }

  /** What to answer a result with, and the bookkeeping of that answer; null: no answer (the trial failed). */
  private WorkerReply decide(Trial t, Map<String, Object> result) {
    t.lastResult = result;
    String problem = MetricCheck.problem(spec.metric(), result);
    Object v = result.get(spec.metric());
    if (problem == null && v instanceof Number n && !Double.isNaN(n.doubleValue())) t.offerBest(t.iteration, n.doubleValue(), spec.mode());
    lifecycle.saved(t);
    TrialSnapshot s = t.snapshot();
    for (EngineListener l : listeners) l.result(s, result);
    if (problem != null) {
      killWorker(t);
      fail(t, "result " + t.iteration + ": " + problem, null);
      return null;
    }
    searcher.onTrialResult(t.id, result);
    flags.schedulerDirty = true;
    Decision d = decisions.decide(t, result);
    if (!flags.stopping && decisions.stopAll()) {
      stopAllNow(describeStopAll());
      d = Decision.STOP;
    }
    return replies.reply(t, d);
  }

  private String describeStopAll() {
    Double budget = spec.timeBudgetS();
    if (budget != null && startedAt != null && Duration.between(startedAt, now()).toMillis() >= budget * 1000) {
      return "time budget used up (timeBudgetS " + TrialTimers.seconds(budget) + " s)";
    }
    return "experiment stop condition met";
  }

  private void onResetDone(Trial t, boolean accepted) {
    if (!accepted || t.exploit == null) return; // FINISHED follows: the trial restarts with the new config
    Trial.Exploit e = t.exploit;
    t.exploit = null;
    lifecycle.exploited(t, e);
    t.iteration = e.donorCheckpoint().iteration();
    t.timeTotalS = e.donorCheckpoint().timeTotalS();
    // the trial now is the donor's state: a restart (crash, resume) must restore that, not its own older one
    checkpoints.adopt(t, e.donorCheckpoint());
    t.rewindBest(t.iteration);
    t.iterationsSinceRestore = 0;
    lifecycle.saved(t);
  }

  /** The worker outlived its pause's or stop's grace: it is killed and the trial ends as it was asked to. */
  private void graceOver(Trial t, String why) {
    killWorker(t);
    if (t.intent == Trial.Intent.PAUSE) endRunning(t, TrialStatus.PAUSED, (t.intentReason == null ? "paused" : t.intentReason) + why);
    else endRunning(t, TrialStatus.TERMINATED, (t.intentReason == null ? "stopped" : t.intentReason) + why);
  }

  private void stepTimedOut(Trial t, String message) {
    killWorker(t);
    fail(t, message, null);
  }

  private void onFinished(Trial t, String reason) {
    WorkerHandle w = t.worker;
    t.worker = null;
    if (w != null) executor.release(w);
    if (t.exploit != null) {
      Trial.Exploit e = t.exploit;
      t.exploit = null;
      lifecycle.exploited(t, e);
      checkpoints.adopt(t, e.donorCheckpoint());
      t.restore = e.donorCheckpoint();
      releaseResources(t);
      t.pausedByScheduler = false;
      TrialTimers.disarm(t);
      lifecycle.setStatus(t, TrialStatus.PENDING, "PBT exploit of trial " + e.donorId() + fromWhere(e.donorCheckpoint()));
      return;
    }
    switch (t.intent) {
      case PAUSE -> endRunning(t, TrialStatus.PAUSED, t.intentReason == null ? "paused" : t.intentReason);
      case STOP -> endRunning(t, TrialStatus.TERMINATED, t.intentReason == null ? "stopped" : t.intentReason);
      default -> {
        scheduler.onTrialComplete(t, t.lastResult);
        endRunning(t, TrialStatus.TERMINATED, finishedReason(t, reason));
      }
    }
  }

  /**
   * A function trainable restored from a checkpoint whose own loop had already ended there (an extend, or a fork
   * with the same iteration count) returns without a result: say so, or it looks like a trial that trained.
   */
  static String finishedReason(Trial t, String reason) {
    if ("returned".equals(reason) && t.iterationsSinceRestore == 0 && t.iteration > 0) {
      return "completed: trainable returned at once after restoring iteration " + t.iteration
          + " (its own loop had ended there; a fork with a config that trains longer goes on)";
    }
    return "completed: trainable " + reason;
  }

  private void endRunning(Trial t, TrialStatus to, String reason) {
    releaseResources(t);
    TrialTimers.disarm(t);
    if (to == TrialStatus.TERMINATED) {
      searcher.onTrialComplete(t.id, t.lastResult, false);
      decisions.forget(t.id);
    }
    flags.schedulerDirty = true;
    t.intent = Trial.Intent.NONE;
    t.intentReason = null;
    lifecycle.setStatus(t, to, reason);
  }

  private void fail(Trial t, String message, String stack) {
    boolean wasRunning = t.status == TrialStatus.RUNNING;
    if (wasRunning) releaseResources(t);
    TrialTimers.disarm(t);
    if (t.intent == Trial.Intent.STOP || t.intent == Trial.Intent.PAUSE) {
      // the user or scheduler already wanted it gone: a crash on the way out ends it as asked
      TrialStatus to = t.intent == Trial.Intent.PAUSE ? TrialStatus.PAUSED : TrialStatus.TERMINATED;
      String why = (t.intentReason == null ? to.name().toLowerCase() : t.intentReason) + "; worker ended: " + message;
      t.intent = Trial.Intent.NONE;
      lifecycle.setStatus(t, to, why);
      return;
    }
    t.error = message;
    t.errorStack = stack;
    lifecycle.setStatus(t, TrialStatus.ERRORED, message);
    if (retryPolicy.mayRetry(t, flags.stopping)) {
      // as Ray's recovery: the scheduler is not told of the error, the trial keeps its rung, bracket or PBT slot
      t.restore = checkpoints.restorePoint(t);
      lifecycle.setStatus(t, TrialStatus.PENDING, retryPolicy.retry(t, t.restore));
    } else {
      scheduler.onTrialError(t);
      flags.schedulerDirty = true;
      searcher.onTrialComplete(t.id, t.lastResult, true);
      decisions.forget(t.id);
      TrialSnapshot s = t.snapshot();
      for (EngineListener l : listeners) l.trialErrored(s, message);
    }
  }

  private void pause(Trial t, String reason) {
    switch (t.status) {
      case PENDING -> {
        t.pausedByScheduler = false;
        lifecycle.setStatus(t, TrialStatus.PAUSED, reason);
      }
      case RUNNING -> {
        if (t.intent != Trial.Intent.NONE) return;
        t.intent = Trial.Intent.PAUSE;
        t.intentReason = reason;
        t.pausedByScheduler = false;
        if (t.kind == null || !t.awaitingReply) timers.armDeadline(t, options.pauseGrace());
      }
      default -> throw new IllegalStateException("trial " + t.id + " is " + t.status + "; only PENDING or RUNNING trials pause");
    }
  }

  /** Ends a trial for good: the scheduler forgets it, so it no longer counts in rungs and brackets. */
  void stop(Trial t, String reason, boolean leaves) {
    flags.schedulerDirty = true;
    switch (t.status) {
      case PENDING, PAUSED -> {
        searcher.onTrialComplete(t.id, t.lastResult, false);
        decisions.forget(t.id);
        if (leaves) scheduler.onTrialRemove(t);
        lifecycle.setStatus(t, TrialStatus.TERMINATED, reason);
      }
      case RUNNING -> {
        if (t.intent == Trial.Intent.STOP) return;
        if (leaves) scheduler.onTrialRemove(t);
        t.intent = Trial.Intent.STOP;
        t.intentReason = reason;
        if (stoppedByThisResult != null) stoppedByThisResult.add(t);
        timers.armDeadline(t, options.stopGrace());
      }
      default -> { }
    }
  }

  private void stopAllNow(String reason) {
    if (flags.stopping) return;
    flags.stopping = true;
    flags.searchClosed = true;
    flags.endReason = reason;
    for (Trial t : registry.all()) {
      if (t.status == TrialStatus.PENDING || t.status == TrialStatus.PAUSED || t.status == TrialStatus.RUNNING) {
        stop(t, reason, true);
      }
    }
  }

  private void interruptNow(String reason) {
    for (Trial t : registry.all()) {
      if (t.worker != null) killWorker(t);
      if (t.status == TrialStatus.RUNNING) {
        releaseResources(t);
        // what was decided for the trial's next step is kept, so a resume carries it out as this run would:
        // an exploit under way is applied, a stop happens at the trial's next result, a scheduler's pause holds
        Trial.Exploit e = t.exploit;
        t.exploit = null;
        if (e != null) {
          lifecycle.exploited(t, e);
          checkpoints.adopt(t, e.donorCheckpoint());
        }
        if (e != null || t.intent != Trial.Intent.PAUSE) t.pausedByScheduler = false;
        String stop = t.intent == Trial.Intent.STOP ? t.intentReason : null;
        boolean ofExperiment = stop != null && flags.stopping && stop.equals(flags.endReason);
        t.intent = Trial.Intent.NONE;
        t.intentReason = null;
        TrialTimers.disarm(t);
        lifecycle.setStatus(t, TrialStatus.PAUSED, "interrupted: " + reason);
        if (stop != null) lifecycle.pausedWaiting(t, (ofExperiment ? DriverResume.EXPERIMENT_STOP : DriverResume.TRIAL_STOP) + stop);
      }
    }
    experiment.moveTo(ExperimentStatus.INTERRUPTED, reason);
    if (storeFailure == null) {
      saveSchedulerState(true);
      journal.flush();
    }
    finished.complete(experiment.status().name());
  }

  /** Stores what the last event changed in the scheduler and stoppers (a trial added, ended, chosen, ...). */
  private void savePluginChanges() {
    if (!flags.schedulerDirty || storeFailure != null || finished.isDone()) return;
    flags.schedulerDirty = false;
    snapshotCurrent = false;
    pluginStates.saveChanges(journal);
  }

  private void tick() {
    snapshotCurrent = false; // a stopper may change on the clock alone (timeout)
    if (!flags.stopping && decisions.stopAll()) stopAllNow(describeStopAll());
    for (Trial t : registry.all()) {
      if (t.status == TrialStatus.RUNNING && t.kind == null && t.worker != null) {
        String why = executor.waitingFor(t.worker);
        // stored as what follows "waiting for", as a PENDING trial's reason is
        lifecycle.launchWaiting(t, why != null && why.startsWith("waiting for ") ? why.substring(12) : why);
      }
    }
    saveSchedulerState(false);
  }

  /**
   * The scheduler's and stoppers' changes are stored with each result and event (decision 0019); at the end
   * ({@code now}) their whole states replace those entries. The searcher learnt of finished trials since its
   * last save at a suggestion: that is saved every few seconds and at the end (a resume tells it of trials
   * that ended after, and a searcher ignores an end it knows).
   */
  private void saveSchedulerState(boolean now) {
    if (storeFailure != null) return;
    Instant at = now();
    if (now) {
      if (!snapshotCurrent || flags.schedulerDirty) pluginStates.snapshot(journal);
      flags.schedulerDirty = false;
      snapshotCurrent = true;
    } else {
      savePluginChanges();
      if (lastSearcherSave != null && at.isBefore(lastSearcherSave.plusSeconds(5))) return;
    }
    lastSearcherSave = at;
    SearcherSave changes = searcher.saveChanges();
    journal.searcherState(changes.state(), changes.appended());
  }

  private void checkEnd() {
    if (finished.isDone()) return;
    // a paused trial waits for its scheduler or its user to resume it: the experiment is not over
    if (registry.live() > 0 || (!flags.stopping && !flags.searchClosed && !searcher.isFinished())) return;
    boolean anyErrored = registry.count(TrialStatus.ERRORED) > 0;
    ExperimentStatus status = flags.searchClosed ? ExperimentStatus.STOPPED : ExperimentStatus.COMPLETED;
    String reason = flags.searchClosed ? flags.endReason : anyErrored ? "finished with errored trials" : "all trials finished";
    if (options.keepAlive()) {
      // the workbench keeps the loop for extend/fork/restart, which start new workers anyway: idle worker
      // JVMs are not kept waiting for that
      if (experiment.moveTo(status, reason)) executor.releaseIdle();
      return;
    }
    saveSchedulerState(true);
    experiment.moveTo(status, reason);
    // whoever waits on finished() may read the store at once: the history must be there
    journal.flush();
    finished.complete(status.name());
  }

  /** The history cannot be written any more (disk full, database gone): end visibly, never hang. */
  private void onStoreLost(Throwable cause) {
    if (storeFailure != null || finished.isDone()) return;
    storeFailure = cause;
    for (Trial t : registry.all()) killWorker(t);
    String why = "experiment history cannot be written: " + JournalFailures.describe(cause);
    for (EngineListener l : listeners) l.experimentStatus(ExperimentStatus.INTERRUPTED.name(), why);
    finished.complete(ExperimentStatus.INTERRUPTED.name());
  }

  /** Failures the journal reports from its own thread, handled on the loop. */
  private final class JournalFailures implements ExperimentJournal.FailureListener {
    @Override public void resultRejected(String trialId, int iteration, Throwable cause) {
      post(() -> {
        Trial t = registry.findOrNull(trialId);
        if (t == null || t.status != TrialStatus.RUNNING) return;
        killWorker(t);
        fail(t, "result " + iteration + " could not be stored: " + describe(cause), null);
      });
    }

    @Override public void storeLost(Throwable cause) {
      post(() -> onStoreLost(cause));
    }

    static String describe(Throwable e) {
      String m = e.getMessage();
      if (m == null) return e.getClass().getSimpleName();
      int nl = m.indexOf('\n');
      return nl < 0 ? m : m.substring(0, nl);
    }
  }
}
