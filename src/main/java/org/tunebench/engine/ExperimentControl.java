package org.tunebench.engine;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What the workbench, the CLI and steering from other processes may ask of a live experiment. Every call is
 * answered on the driver's loop, in order with everything else it does; an illegal request (an unknown
 * trial, a trial in a status that cannot take the action) completes exceptionally with the reason.
 */
public interface ExperimentControl {
  CompletableFuture<List<TrialSnapshot>> snapshots();

  CompletableFuture<Void> pauseTrial(String id);

  CompletableFuture<Void> resumeTrial(String id);

  CompletableFuture<Void> stopTrial(String id);

  /** Runs an ERRORED (or TERMINATED) trial again from its latest checkpoint, with fresh retries. */
  CompletableFuture<Void> restartTrial(String id);

  /** Continues a TERMINATED trial for {@code more} iterations from its latest checkpoint. */
  CompletableFuture<Void> extendTrial(String id, int more);

  /** A new trial from {@code id}'s latest checkpoint with some hyperparameters changed; returns its id. */
  default CompletableFuture<String> forkTrial(String id, Map<String, Object> changes) {
    return forkTrial(id, changes, null);
  }

  /**
   * As {@link #forkTrial(String, Map)}; with {@code more}, the fork trains that many iterations past the checkpoint
   * and ends, whatever the stoppers say (as an extend does). Without it, forking a trial whose newest result met
   * the stop condition is refused: the fork would end after one iteration.
   */
  CompletableFuture<String> forkTrial(String id, Map<String, Object> changes, Integer more);

  /** A trial with a hand-picked config, run after those already waiting; returns its id. */
  CompletableFuture<String> addTrial(Map<String, Object> config);

  CompletableFuture<Void> pauseAll();

  CompletableFuture<Void> resumeAll();

  CompletableFuture<Void> stopAll();

  CompletableFuture<Void> setMaxConcurrentTrials(int n);
}
