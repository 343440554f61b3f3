package org.tunebench.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.tunebench.engine.CheckpointRef;
import org.tunebench.engine.DriverOptions;
import org.tunebench.engine.ResourcePool;
import org.tunebench.engine.TrainableCatalog;
import org.tunebench.engine.TrainableInfo;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.engine.TuneController;
import org.tunebench.engine.exec.ExecutorFactory;
import org.tunebench.engine.exec.TrialExecutor;
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
import org.tunebench.store.StoredCheckpoint;
import org.tunebench.store.StoredExperiment;
import org.tunebench.store.TunebenchHome;

/**
 * Turns a spec (new experiment) or a stored experiment (resume) into a ready {@link RunningExperiment}:
 * checks everything a user can get wrong before any worker starts.
 */
public final class ExperimentLauncher {
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
    SearcherRegistry.create(spec);
    SchedulerRegistry.create(spec.scheduler().type(), spec.scheduler().params(), spec.metric(), spec.mode().json());
    StopperRegistry.create(spec.stop(), spec.metric(), spec.mode().json(), spec.timeBudgetS(), InstantSource.system());
    return info;
  }

  /** A new experiment; refuses a name the database already holds. */
  public RunningExperiment start(ExperimentSpec spec, Path specFile) {
    if (store.exists(spec.name())) {
      throw new BadInputException("experiment '" + spec.name() + "' already exists in " + store.file()
          + "; pick another name with --name, or continue it with: tunebench resume " + spec.name());
    }
    TrainableInfo info = validate(spec);
    Path dir = TunebenchHome.experimentDir(store.file(), spec.name());
    ObjectNode json = SpecReader.toJson(spec);
    long id = store.create(spec.name(), json.toString(), specFile == null ? null : specFile.toString(),
        spec.metric(), spec.mode().json(), dir);
    RunningExperiment exp = assemble(spec, info, id, dir, List.of(), List.of(), null, null,
        org.tunebench.model.ExperimentStatus.CREATED);
    int fed = WarmStart.feed(spec, exp.searcher(), store);
    if (fed > 0) java.util.logging.Logger.getLogger(getClass().getName()).info(fed + " warm-start points for " + spec.name());
    return exp;
  }

  /** Continues a stored experiment from its trials and checkpoints. */
  public RunningExperiment resume(String name) {
    StoredExperiment e = store.find(name).orElseThrow(() -> new BadInputException("no experiment '" + name
        + "' in " + store.file() + "; see: tunebench list"));
    JsonNode specJson = SpecReader.parseJson(e.spec());
    ExperimentSpec spec = SpecReader.read(specJson, Path.of(e.homeDir()), name);
    TrainableInfo info = validate(spec);
    List<TrialSnapshot> trials = store.trials(e.id());
    List<StoredCheckpoint> ckpts = store.checkpoints(e.id());
    JsonNode searcherState = e.searcherState() == null ? null : SpecReader.parseJson(e.searcherState());
    JsonNode schedulerState = e.schedulerState() == null ? null : SpecReader.parseJson(e.schedulerState());
    return assemble(spec, info, e.id(), Path.of(e.homeDir()), trials, ckpts, searcherState, schedulerState,
        org.tunebench.model.ExperimentStatus.parse(e.status()));
  }

  private RunningExperiment assemble(ExperimentSpec spec, TrainableInfo info, long id, Path dir,
      List<TrialSnapshot> trials, List<StoredCheckpoint> ckpts, JsonNode searcherState, JsonNode schedulerState,
      org.tunebench.model.ExperimentStatus status) {
    Searcher searcher = SearcherRegistry.create(spec);
    if (searcherState != null) searcher.restore(searcherState);
    TrialScheduler scheduler = SchedulerRegistry.create(spec.scheduler().type(), spec.scheduler().params(),
        spec.metric(), spec.mode().json());
    if (schedulerState != null && !schedulerState.isNull()) scheduler.restore(schedulerState);
    Stopper stopper = StopperRegistry.create(spec.stop(), spec.metric(), spec.mode().json(), spec.timeBudgetS(),
        options.clock());
    H2Journal journal = store.journal(id);
    TrialExecutor executor = executors.create(spec, dir);
    TuneController controller = new TuneController(spec, info.className(), dir, journal, executor, searcher,
        scheduler, stopper, pool, options, status);
    for (TrialSnapshot t : trials) {
      List<CheckpointRef> refs = new ArrayList<>();
      for (StoredCheckpoint c : ckpts) {
        if (c.trialId().equals(t.id()) && c.removedAt() == null) {
          refs.add(new CheckpointRef(c.iteration(), c.timeTotalS(), Path.of(c.path())));
        }
      }
      controller.restoreTrial(t, refs, t.status().isFinished() ? null : keptMetric(id, t.id(), spec.metric()));
    }
    return new RunningExperiment(spec, controller, journal, executor, searcher);
  }

  /** The metric of each kept result of a trial that will run again, for its best over the kept timeline. */
  private java.util.SortedMap<Integer, Double> keptMetric(long experimentId, String trialId, String metric) {
    java.util.SortedMap<Integer, Double> out = new java.util.TreeMap<>();
    for (org.tunebench.store.StoredResult r : store.results(experimentId, trialId)) {
      if (r.metrics().get(metric) instanceof Number n && !Double.isNaN(n.doubleValue())) out.put(r.iteration(), n.doubleValue());
    }
    return out;
  }

  /** Spec with another name (the CLI's --name). */
  public static ExperimentSpec renamed(ExperimentSpec s, String name) {
    if (name == null) return s;
    if (name.isBlank() || name.matches(".*[/\\\\\\p{Cntrl}].*")) {
      throw new BadInputException("--name '" + name + "': a name may not be blank or hold / \\ or control characters");
    }
    return new ExperimentSpec(name, s.trainable(), s.space(), s.metric(), s.mode(), s.numSamples(), s.search(),
        s.scheduler(), s.stop(), s.timeBudgetS(), s.resourcesPerTrial(), s.maxConcurrentTrials(), s.checkpoint(),
        s.failure(), s.jvmArgs(), s.source(), s.objectives());
  }

}
