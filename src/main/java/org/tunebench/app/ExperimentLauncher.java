package org.tunebench.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tunebench.engine.CheckpointRef;
import org.tunebench.engine.DriverOptions;
import org.tunebench.engine.ResourcePool;
import org.tunebench.engine.TrainableCatalog;
import org.tunebench.engine.TrainableInfo;
import org.tunebench.engine.ResultEffects;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.engine.TuneController;
import org.tunebench.engine.exec.ExecutorFactory;
import org.tunebench.engine.exec.TrialExecutor;
import org.tunebench.engine.PluginLoaders;
import org.tunebench.engine.schedule.SchedulerRegistry;
import org.tunebench.engine.schedule.TrialScheduler;
import org.tunebench.engine.search.Searcher;
import org.tunebench.engine.search.SearcherRegistry;
import org.tunebench.engine.stop.Stopper;
import org.tunebench.engine.stop.StopperRegistry;
import org.tunebench.model.ExperimentSpec;
import org.tunebench.model.SpecReader;
import org.tunebench.store.ExperimentStore;
import org.tunebench.store.H2Journal;
import org.tunebench.store.OwnerLock;
import org.tunebench.store.StoreException;
import org.tunebench.store.StoredCheckpoint;
import org.tunebench.store.StoredExperiment;
import org.tunebench.store.TunebenchHome;
import org.tunebench.wire.PrivateFiles;

/**
 * Turns a spec (new experiment) or a stored experiment (resume) into a ready {@link RunningExperiment}:
 * checks everything a user can get wrong before any worker starts.
 */
public final class ExperimentLauncher {
  static final int MAX_NAME_CHARS = 200;
  static final int MAX_NAME_BYTES = 255;
  private final ExperimentStore store;
  private final ResourcePool pool;
  private final DriverOptions options;
  private final ExecutorFactory executors;

  public ExperimentLauncher(ExperimentStore store, ResourcePool pool, DriverOptions options) {
    this(store, pool, options, ExecutorFactory.LOCAL);
  }

  /** As above, with trials run by the executor {@code executors} makes (local child JVMs or a cluster). */
  public ExperimentLauncher(ExperimentStore store, ResourcePool pool, DriverOptions options, ExecutorFactory executors) {
    this.store = store;
    this.pool = pool;
    this.options = options;
    this.executors = executors;
  }

  /** Checks a spec as {@link #start} would, without creating anything. Returns the trainable to run. */
  public TrainableInfo validate(ExperimentSpec spec) {
    TrainableInfo info = TrainableCatalog.resolve(spec.trainable().jar(), spec.trainable().className());
    String tooBig = pool.neverFits(spec.resourcesPerTrial());
    if (tooBig != null) {
      throw new BadInputException("$.resourcesPerTrial: a trial can never start here: " + tooBig);
    }
    ClassLoader plugins = PluginLoaders.forExperiment(spec.trainable().jar());
    SearcherRegistry.create(spec, plugins);
    SchedulerRegistry.create(spec, plugins);
    StopperRegistry.create(spec.stop(), spec.metric(), spec.mode(), spec.timeBudgetS(), InstantSource.system(), plugins);
    return info;
  }

  /** A new experiment; refuses a name the database already holds, or one too long to store. */
  public RunningExperiment start(ExperimentSpec spec, Path specFile) {
    checkName(spec.name());
    if (store.exists(spec.name())) throw nameTaken(spec.name());
    TrainableInfo info = validate(spec);
    String uid = TunebenchHome.newExperimentUid();
    Path dir = TunebenchHome.experimentDir(store.file(), spec.name(), uid);
    OwnerLock lock = own(spec.name(), dir);
    boolean created = false;
    try {
      ObjectNode json = SpecReader.toJson(spec);
      long id;
      try {
        id = store.create(spec.name(), uid, json.toString(), specFile == null ? null : specFile.toString(),
            spec.metric(), spec.mode().json(), dir);
      } catch (StoreException e) {
        if (store.exists(spec.name())) throw nameTaken(spec.name());
        throw e;
      }
      created = true;
      RunningExperiment exp = assemble(spec, info, id, dir, lock, List.of(), List.of(), null, null,
          org.tunebench.model.ExperimentStatus.CREATED, null);
      int fed = WarmStart.feed(spec, exp.searcher(), store);
      if (fed > 0) java.util.logging.Logger.getLogger(getClass().getName()).info(fed + " warm-start points for " + spec.name());
      return exp;
    } catch (RuntimeException e) {
      // a start that failed leaves no CREATED row behind to block the name
      if (created) store.delete(spec.name());
      lock.close();
      throw e;
    }
  }

  private BadInputException nameTaken(String name) {
    String owner = store.find(name).map(e -> OwnerLock.liveOwner(Path.of(e.homeDir())).orElse(null)).orElse(null);
    String status = store.find(name).map(StoredExperiment::status).orElse(null);
    // a finished experiment is not resumed (it stays finished): only a new name runs the spec again
    boolean finished = org.tunebench.model.ExperimentStatus.parse(status).isFinished();
    return new BadInputException("experiment '" + name + "' already exists in " + store.file()
        + (owner != null ? " and is running in process " + owner + "; pick another name with --name"
            : finished ? " (" + status + "); pick another name with --name"
            : "; pick another name with --name, or continue it with: tunebench resume " + name));
  }

  /** Names are stored in 200 characters and become folder names: longer ones are refused up front. */
  static void checkName(String name) {
    if (name.length() > MAX_NAME_CHARS || name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
      throw new BadInputException("experiment name is too long (" + name.length() + " characters, "
          + name.getBytes(StandardCharsets.UTF_8).length + " UTF-8 bytes); at most " + MAX_NAME_CHARS
          + " characters and " + MAX_NAME_BYTES + " UTF-8 bytes are allowed");
    }
  }

  /** Takes the experiment's owner lock, or refuses naming the live owner. */
  private static OwnerLock own(String name, Path dir) {
    try {
      // trial folders, logs and checkpoints live below: a private folder keeps them from other users
      if (dir.getParent() != null) PrivateFiles.directory(dir.getParent());
    } catch (java.io.IOException e) {
      throw new BadInputException("cannot create the experiment folder " + dir.getParent() + ": " + e.getMessage());
    }
    OwnerLock.Result r = OwnerLock.acquire(dir);
    if (r.lock() == null) {
      throw new BadInputException("experiment '" + name + "' is running in process " + r.owner()
          + "; steer it with tunebench pause/stop/resume " + name + ", or wait until it ends");
    }
    return r.lock();
  }

  /** Continues a stored experiment from its trials and checkpoints. */
  public RunningExperiment resume(String name) {
    StoredExperiment e = store.find(name).orElseThrow(() -> new BadInputException("no experiment '" + name
        + "' in " + store.file() + "; see: tunebench list"));
    Path dir = Path.of(e.homeDir());
    OwnerLock lock = own(name, dir);
    try {
      // a crashed owner's last results may be in its result log only: into the database before anything is read
      store.applyResultLog(e.id());
      // read under the lock: a previous owner may have written up to the moment it let go
      StoredExperiment fresh = store.find(name).orElseThrow(() -> new BadInputException("no experiment '" + name
          + "' in " + store.file() + "; see: tunebench list"));
      ExperimentSpec spec = SpecReader.readStored(fresh.spec(), dir, name);
      TrainableInfo info = validate(spec);
      List<TrialSnapshot> trials = store.trials(fresh.id());
      List<StoredCheckpoint> ckpts = store.checkpoints(fresh.id());
      JsonNode searcherState = fresh.searcherState() == null ? null : SpecReader.parseJson(fresh.searcherState());
      JsonNode schedulerState = fresh.schedulerState() == null ? null : SpecReader.parseJson(fresh.schedulerState());
      return assemble(spec, info, fresh.id(), dir, lock, trials, ckpts, searcherState, schedulerState,
          org.tunebench.model.ExperimentStatus.parse(fresh.status()),
          fresh.stopperState() == null ? null : SpecReader.parseJson(fresh.stopperState()));
    } catch (RuntimeException ex) {
      lock.close();
      throw ex;
    }
  }

  private RunningExperiment assemble(ExperimentSpec spec, TrainableInfo info, long id, Path dir, OwnerLock lock,
      List<TrialSnapshot> trials, List<StoredCheckpoint> ckpts, JsonNode searcherState, JsonNode schedulerState,
      org.tunebench.model.ExperimentStatus status, JsonNode stopperState) {
    ClassLoader plugins = PluginLoaders.forExperiment(spec.trainable().jar());
    Searcher searcher = SearcherRegistry.create(spec, plugins);
    if (searcherState != null) {
      List<JsonNode> entries = new ArrayList<>();
      for (String e : store.searcherEntries(id)) entries.add(SpecReader.parseJson(e));
      searcher.restore(searcherState, entries);
    }
    TrialScheduler scheduler = SchedulerRegistry.create(spec, plugins);
    // the newest snapshot and the entries written after it (decision 0019)
    scheduler.restore(schedulerState, parsed(store.pluginEntries(id, ResultEffects.SCHEDULER)));
    Stopper stopper = StopperRegistry.create(spec.stop(), spec.metric(), spec.mode(), spec.timeBudgetS(),
        options.clock(), plugins);
    stopper.restore(stopperState, parsed(store.pluginEntries(id, ResultEffects.STOPPER)));
    H2Journal journal = store.journal(id);
    TrialExecutor executor = executors.create(spec, dir);
    TuneController controller = new TuneController(spec, info.className(), dir, journal, executor, searcher,
        scheduler, stopper, pool, options, status);
    Map<String, String> decisions = store.lastDecisions(id);
    Map<String, Integer> exploits = new java.util.HashMap<>();
    for (org.tunebench.store.StoredExploit x : store.exploits(id)) exploits.merge(x.trialId(), 1, Integer::sum);
    for (TrialSnapshot t : trials) {
      List<CheckpointRef> refs = new ArrayList<>();
      for (StoredCheckpoint c : ckpts) {
        if (c.trialId().equals(t.id()) && c.removedAt() == null) {
          refs.add(new CheckpointRef(c.iteration(), c.timeTotalS(), Path.of(c.path())));
        }
      }
      if (t.status().isFinished()) {
        controller.restoreTrial(t, refs, null);
      } else {
        String decided = decisions.get(t.id());
        List<org.tunebench.store.StoredResult> kept = store.results(id, t.id());
        controller.restoreTrial(withLastKept(t, kept, spec.metric(), spec.mode()), refs, keptMetric(kept, spec.metric()));
        controller.restoreDecision(t.id(), decided == null ? null : SpecReader.parseJson(decided),
            exploits.getOrDefault(t.id(), 0));
      }
    }
    SteeringInbox inbox = new SteeringInbox(store, id, spec.name(), controller, lock.acquiredAt());
    return new RunningExperiment(spec, controller, journal, executor, searcher, lock, inbox);
  }

  private static List<JsonNode> parsed(List<String> entries) {
    List<JsonNode> out = new ArrayList<>(entries.size());
    for (String e : entries) out.add(SpecReader.parseJson(e));
    return out;
  }

  /** The metric of each kept result of a trial that will run again, for its best over the kept timeline. */
  private static java.util.SortedMap<Integer, Double> keptMetric(List<org.tunebench.store.StoredResult> kept, String metric) {
    java.util.SortedMap<Integer, Double> out = new java.util.TreeMap<>();
    for (org.tunebench.store.StoredResult r : kept) {
      if (r.metrics().get(metric) instanceof Number n && !Double.isNaN(n.doubleValue())) out.put(r.iteration(), n.doubleValue());
    }
    return out;
  }

  /**
   * The trial with its newest kept result as its last one, and its best over the kept results: the trial row is
   * written after its results, so a driver killed in between left the row an iteration or more behind, and the
   * resumed trial did not see that its last result had met the stop condition (torture driver-kill: 21 results for a
   * stop at 20); {@code show} then printed a best worse than the last result.
   */
  public static TrialSnapshot withLastKept(TrialSnapshot t, List<org.tunebench.store.StoredResult> kept, String metric,
      ExperimentSpec.Mode mode) {
    org.tunebench.store.StoredResult last = null;
    for (org.tunebench.store.StoredResult r : kept) if (last == null || r.iteration() >= last.iteration()) last = r;
    if (last == null || last.iteration() <= t.iteration()) return t;
    double total = last.metrics().get("time_total_s") instanceof Number n ? n.doubleValue() : t.timeTotalS();
    Double best = null;
    for (double v : keptMetric(kept, metric).values()) if (best == null || mode.better(v, best)) best = v;
    return new TrialSnapshot(t.id(), t.seq(), t.status(), t.config(), last.iteration(), last.metrics(),
        best != null ? best : t.best(), t.retries(), t.error(), t.errorStack(), t.dir(), t.parentId(), t.createdAt(),
        total, t.latestCheckpoint(), t.endReason(), t.waitingFor(), t.attempts());
  }

  /** Spec with another name (the CLI's --name). */
  public static ExperimentSpec renamed(ExperimentSpec s, String name) {
    if (name == null) return s;
    checkName(name);
    String problem = SpecReader.nameProblem(name); // the same rules as the spec's name
    if (problem != null) throw new BadInputException("--name: " + problem);
    return new ExperimentSpec(name, s.trainable(), s.space(), s.metric(), s.mode(), s.numSamples(), s.search(),
        s.scheduler(), s.stop(), s.timeBudgetS(), s.resourcesPerTrial(), s.maxConcurrentTrials(), s.checkpoint(),
        s.failure(), s.jvmArgs(), s.source(), s.objectives());
  }

}
