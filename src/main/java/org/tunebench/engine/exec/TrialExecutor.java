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

  /**
   * What the executor's workers can hold together, when that is not this machine (cluster agents come and go);
   * empty for local workers, whose capacity is the machine's.
   */
  default java.util.Optional<Offer> offered() {
    return java.util.Optional.empty();
  }

  /** {@code listener} runs, on any thread, whenever {@link #offered()} may have changed. */
  default void onCapacityChange(Runnable listener) {
  }

  /** Why a launched attempt has not started yet (queued for an agent); null when it runs. */
  default String waitingFor(WorkerHandle worker) {
    return null;
  }

  /**
   * Why no trial will get room from this executor, however long it waits: for an executor whose capacity comes and
   * goes, once none of its workers could hold a trial for its wait (cluster: no agent within
   * {@code --cluster-wait}); null while waiting is still worth it, and always for local workers. A trial the pool
   * cannot hold then ends ERRORED with this reason instead of waiting PENDING for ever.
   */
  default String givesUp() {
    return null;
  }

  /** CPUs, GPU ids and memory on offer. */
  record Offer(double cpus, java.util.List<String> gpuIds, long memoryMb) {}

  @Override void close();
}
