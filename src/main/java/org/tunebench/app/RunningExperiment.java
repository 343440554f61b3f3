package org.tunebench.app;

import org.tunebench.engine.TuneController;
import org.tunebench.engine.exec.TrialExecutor;
import org.tunebench.engine.search.Searcher;
import org.tunebench.model.ExperimentSpec;
import org.tunebench.store.H2Journal;
import org.tunebench.store.OwnerLock;

/**
 * A wired experiment: its driver, the journal it writes, the executor that runs its workers, and the owner
 * lock that makes this process its one live owner until {@link #close}.
 */
public final class RunningExperiment implements AutoCloseable {
  private final ExperimentSpec spec;
  private final TuneController controller;
  private final H2Journal journal;
  private final TrialExecutor executor;
  private final Searcher searcher;
  private final OwnerLock owner;
  private final SteeringInbox inbox;

  RunningExperiment(ExperimentSpec spec, TuneController controller, H2Journal journal, TrialExecutor executor,
      Searcher searcher, OwnerLock owner, SteeringInbox inbox) {
    this.owner = owner;
    this.inbox = inbox;
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
    inbox.start();
    return controller.run();
  }

  /** Runs the driver on its own thread (the GUI). */
  public Thread runInBackground() {
    inbox.start();
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
    try {
      inbox.close();
      executor.close();
      journal.close();
    } finally {
      // only after the last write: the next owner reads a complete history
      owner.close();
    }
  }
}
