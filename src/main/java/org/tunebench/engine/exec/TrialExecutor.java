package org.tunebench.engine.exec;

/**
 * Runs trials in workers: local child JVMs, or agents of a cluster. Messages and exits come back to the
 * {@link WorkerListener} given at launch, on the executor's own threads.
 */
public interface TrialExecutor extends AutoCloseable {
  /** Starts the trial on an idle worker of the same kind, or on a new one. */
  WorkerHandle launch(LaunchSpec spec, WorkerListener listener);

  /** The trial on {@code worker} has finished cleanly: keep the worker for the next trial of its kind. */
  void release(WorkerHandle worker);

  /** Ends every idle worker (no more trials of their kind are expected). */
  void releaseIdle();

  /** Workers alive, busy or idle. */
  int workerCount();

  @Override void close();
}
