package org.tunebench.app;

import org.tunebench.engine.TuneController;
import org.tunebench.engine.exec.TrialExecutor;
import org.tunebench.engine.search.Searcher;
import org.tunebench.model.ExperimentSpec;
import org.tunebench.store.H2Journal;

/** A wired experiment: its driver, the journal it writes, the executor that runs its workers. */
public final class RunningExperiment implements AutoCloseable {
  private final ExperimentSpec spec;
  private final TuneController controller;
  private final H2Journal journal;
  private final TrialExecutor executor;
  private final Searcher searcher;

  RunningExperiment(ExperimentSpec spec, TuneController controller, H2Journal journal, TrialExecutor executor,
      Searcher searcher) {
    this.searcher = searcher;
    this.spec = spec;
    this.controller = controller;
    this.journal = journal;
    this.executor = executor;
  }

  public ExperimentSpec spec() {
    return spec;
  }

  public TuneController controller() {
    return controller;
  }

  Searcher searcher() {
    return searcher;
  }

  public H2Journal journal() {
    return journal;
  }

  /** Runs the driver on this thread until the experiment ends; returns its final status. */
  public String run() {
    return controller.run();
  }

  /** Runs the driver on its own thread (the GUI). */
  public Thread runInBackground() {
    Thread t = new Thread(controller::run, "tunebench-driver-" + spec.name());
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** Ends the idle worker JVMs kept for this experiment's next trial; a later trial starts a new one. */
  public void releaseIdleWorkers() {
    executor.releaseIdle();
  }

  /** Worker JVMs alive for this experiment, busy or idle. */
  public int workerCount() {
    return executor.workerCount();
  }

  @Override public void close() {
    executor.close();
    journal.close();
  }
}
