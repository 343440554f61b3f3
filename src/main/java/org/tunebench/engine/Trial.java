package org.tunebench.engine;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import org.tunebench.engine.exec.WorkerHandle;
import org.tunebench.engine.schedule.TrialView;
import org.tunebench.model.TrialStatus;

/** One trial's mutable state. Owned by the driver's loop thread; no other thread touches it. */
final class Trial implements TrialView {
  /** What the driver wants done at the trial's next result. */
  enum Intent { NONE, PAUSE, STOP }

  final String id;
  final int seq;
  final Path dir;
  final Instant createdAt;
  final String parentId;
  Map<String, Object> config;
  TrialStatus status = TrialStatus.PENDING;
  int iteration;
  int iterationsSinceRestore;
  double timeTotalS;
  Map<String, Object> lastResult;
  Double best;
  int retries;
  String error;
  String errorStack;
  /** Why the trial ended; set when it reaches TERMINATED or ERRORED, cleared when it runs again. */
  String endReason;
  /** What a PENDING trial waits for; null when it is not waiting. */
  String waitingFor;
  /** Errors of earlier attempts that were retried. */
  final java.util.List<String> attempts = new java.util.ArrayList<>();
  final Deque<CheckpointRef> checkpoints = new ArrayDeque<>();
  /** Where the next start restores from; null = from scratch. */
  CheckpointRef restore;
  /** The newest checkpoint that {@link CheckpointManager#restorePoint} found gone (its folder deleted), or null. */
  String lostCheckpoint;

  // running-state: meaningful only while RUNNING
  WorkerHandle worker;
  /** The resources (with GPU ids) reserved to the running attempt. */
  ResourcePool.Allocation allocation;
  long attempt;
  String kind;
  Intent intent = Intent.NONE;
  String intentReason;
  boolean awaitingReply;
  boolean pausedByScheduler;
  /** Resumed by its user while the experiment is paused: it starts anyway (the others wait for the experiment). */
  boolean resumedByUser;
  /** Set by extend, or a fork given its iterations: stop at this iteration, regardless of stoppers and scheduler. */
  Integer stopAtIteration;
  /** Who set {@link #stopAtIteration}, for the end reason. */
  String stopAtWhy;
  /** A scheduler asked for a checkpoint at the current result (PBT donors). */
  boolean checkpointRequested;
  /** The scheduler asked for an exploit at this result, but its donor had no checkpoint yet. */
  boolean exploitRefused;
  /** A stop decided before an interrupt: applied at the trial's first result after the resume; its reason. */
  String stopAtNextResult;
  /** A PBT exploit to apply at the current result. */
  Exploit exploit;
  /** PBT exploits recorded for this trial so far (a resume learns it from the store). */
  int exploitsRecorded;
  long deadlineToken;
  /** Bumped at every result and end, so a step timer armed before it knows it is stale. */
  long stepToken;
  /** A checkpoint of this attempt is on its way from a cluster agent: no grace or step timer runs meanwhile. */
  boolean checkpointTravelling;
  /** The driver replied stop (or pause): results still in flight are not part of the timeline. */
  boolean stopSent;
  /** Iterations at which {@link #best} improved, and the values, so a restore can forget later ones. */
  private int[] bestIters = new int[4];
  private double[] bestVals = new double[4];
  private int bestCount;

  record Exploit(String donorId, CheckpointRef donorCheckpoint, Map<String, Object> newConfig) {}

  Trial(String id, int seq, Map<String, Object> config, Path dir, Instant createdAt, String parentId) {
    this.id = id;
    this.seq = seq;
    this.config = config;
    this.dir = dir;
    this.createdAt = createdAt;
    this.parentId = parentId;
  }

  /** A kept result's metric value at {@code iter}: best follows it if it is better. */
  void offerBest(int iter, double v, org.tunebench.model.ExperimentSpec.Mode mode) {
    if (best != null && !mode.better(v, best)) return;
    best = v;
    if (bestCount == bestIters.length) {
      bestIters = java.util.Arrays.copyOf(bestIters, bestCount * 2);
      bestVals = java.util.Arrays.copyOf(bestVals, bestCount * 2);
    }
    bestIters[bestCount] = iter;
    bestVals[bestCount++] = v;
  }

  /**
   * The trial goes back to iteration {@code iter} (restore, PBT reset): results after it are superseded, so
   * best is the best up to it. A best restored from the store without its history is kept as it is.
   */
  void rewindBest(int iter) {
    if (bestCount == 0) return;
    while (bestCount > 0 && bestIters[bestCount - 1] > iter) bestCount--;
    best = bestCount == 0 ? null : bestVals[bestCount - 1];
  }

  CheckpointRef latestCheckpoint() {
    return checkpoints.peekLast();
  }

  @Override public String id() {
    return id;
  }

  @Override public TrialStatus status() {
    return status;
  }

  @Override public Map<String, Object> config() {
    return config;
  }

  @Override public Map<String, Object> lastResult() {
    return lastResult;
  }

  @Override public int seq() {
    return seq;
  }

  TrialSnapshot snapshot() {
    CheckpointRef c = latestCheckpoint();
    return new TrialSnapshot(id, seq, status, config, iteration, lastResult, best, retries, error, errorStack,
        dir.toString(), parentId, createdAt, timeTotalS, c == null ? null : c.path().toString(), endReason, waitingFor,
        attempts);
  }
}
