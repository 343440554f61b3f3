package org.tunebench.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.tunebench.model.TrialStatus;

/**
 * Where the driver writes everything it must not lose. Writes are applied in call order; an implementation
 * may batch them (group commit) but must run {@code onDurable} only once the result is stored for good.
 */
public interface ExperimentJournal {
  void experimentStatus(String status, Instant at);

  void searcherState(JsonNode state);

  /** The scheduler's own bookkeeping ({@code TrialScheduler.save()}), for resume. */
  void schedulerState(JsonNode state);

  /** The stoppers' own state ({@code Stopper.save()}), for resume. */
  default void stopperState(JsonNode state) {}

  /**
   * A scheduler's or the stoppers' save ({@code plugin} is {@link ResultEffects#SCHEDULER} or
   * {@link ResultEffects#STOPPER}): a replacing save takes the place of the stored state and drops the stored
   * entries, in one transaction; otherwise its entries go after those stored so far.
   */
  default void pluginState(String plugin, PluginSave save) {
    if (save.isEmpty()) return;
    if (!save.replaces()) throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot store plug-in entries");
    if (ResultEffects.SCHEDULER.equals(plugin)) schedulerState(save.state());
    else stopperState(save.state());
  }

  void trialSaved(TrialSnapshot trial);

  /**
   * A new trial the searcher just suggested, stored together with the searcher's state after that suggestion
   * (one transaction where the journal has them): a state stored ahead of its trial skips that trial on
   * resume, a trial stored ahead of the state is suggested a second time.
   */
  default void trialSuggested(TrialSnapshot trial, JsonNode searcherState) {
    trialSaved(trial);
    searcherState(searcherState);
  }

  /**
   * The searcher's state as {@code Searcher.saveChanges()} gives it: {@code state} replaces the stored one and
   * {@code appended} goes after the entries stored so far, in one transaction, so the two always agree.
   */
  default void searcherState(JsonNode state, List<JsonNode> appended) {
    if (!appended.isEmpty()) throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot store searcher entries");
    searcherState(state);
  }

  /** As {@link #trialSuggested(TrialSnapshot, JsonNode)}, with the searcher's entries appended in the same transaction. */
  default void trialSuggested(TrialSnapshot trial, JsonNode searcherState, List<JsonNode> appended) {
    if (!appended.isEmpty()) throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot store searcher entries");
    trialSuggested(trial, searcherState);
  }

  void statusChanged(String trialId, TrialStatus from, TrialStatus to, String reason, Instant at);

  /**
   * One result. {@code supersedes}: the trial restarted from a checkpoint and this is its first result since,
   * so stored results of this and later iterations belong to an abandoned attempt and are marked superseded
   * (kept for audit, hidden from the timeline) before this one is stored.
   */
  void result(String trialId, int iteration, Map<String, Object> result, Instant at, boolean supersedes,
      Runnable onDurable);

  /**
   * As {@link #result(String, int, Map, Instant, boolean, Runnable)}, with what the result changed in the
   * scheduler and stoppers and how it was answered ({@link ResultEffects}), stored in the same transaction
   * before {@code onDurable} runs: a resume after a hard kill then starts from exactly this result.
   */
  default void result(String trialId, int iteration, Map<String, Object> result, Instant at, boolean supersedes,
      ResultEffects effects, Runnable onDurable) {
    pluginState(ResultEffects.SCHEDULER, effects.scheduler());
    pluginState(ResultEffects.STOPPER, effects.stopper());
    result(trialId, iteration, result, at, supersedes, onDurable);
  }

  /** {@code onDurable} runs once the row is stored for good (older folders may then be deleted). */
  void checkpointAdded(String trialId, int iteration, double timeTotalS, String path, Instant at, Runnable onDurable);

  void checkpointRemoved(String trialId, String path, Instant at);

  /** A PBT exploit: {@code trialId} took {@code donorId}'s checkpoint and a new config. */
  default void exploit(String trialId, String donorId, Map<String, Object> oldConfig,
      Map<String, Object> newConfig, String checkpoint, Instant at) {}

  /** Blocks until every write so far is stored, or the store is lost. */
  void flush();

  /**
   * {@code true}: the calling thread (the driver's loop) promises to call {@link #commitQueued()} whenever it
   * runs out of work, so writes it queues need not wake a writer thread of their own; {@code false} ends that
   * promise (what it left queued is then committed by the journal). Writes from other threads are unaffected.
   */
  default void commitFromCallerThread(boolean on) {}

  /**
   * Commits every write queued so far on the calling thread and runs their {@code onDurable} callbacks there;
   * returns at once when nothing is queued.
   */
  default void commitQueued() {}

  /**
   * Runs {@code r} on the calling thread while no other thread may commit: the writes {@code r} queues (an event's
   * own rows and the plug-in changes that follow from it) reach the store in one commit, never split by a commit
   * of the journal's own thread between them, so a kill keeps all of them or none.
   */
  default void holdingCommits(Runnable r) {
    r.run();
  }

  /** Where the journal reports writes it could not make; called on the journal's own thread. */
  default void onFailure(FailureListener listener) {}

  interface FailureListener {
    /** A result could not be stored (after retries) while the store still works: the trial must not go on. */
    void resultRejected(String trialId, int iteration, Throwable cause);

    /** The store cannot be written at all any more (disk full, database closed); nothing more will be stored. */
    void storeLost(Throwable cause);
  }
}
