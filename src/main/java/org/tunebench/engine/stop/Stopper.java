package org.tunebench.engine.stop;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** Ends trials or the whole experiment on their results (Ray Tune's {@code Stopper}). */
public interface Stopper {
  /** True when this trial should stop after {@code result}. */
  boolean stopTrial(String trialId, Map<String, Object> result);

  /**
   * True when the trial's last stored result already met this stopper's condition, without counting that
   * result again: asked on resume for a trial the killed driver had not yet answered, so that it ends instead
   * of training past its stop condition. False when unsure; the trial then runs on and is asked as usual.
   */
  default boolean alreadyMet(String trialId, Map<String, Object> lastResult) {
    return false;
  }

  /** True when the whole experiment should stop; asked after every result and on timer ticks. */
  default boolean stopAll() {
    return false;
  }

  /**
   * What this stopper has learnt, as JSON, so that {@code resume} makes the decisions an uninterrupted run
   * would; null when it keeps nothing. Cheap enough to take after every result: per-trial state is held
   * only for trials not yet {@link #forget forgotten}.
   */
  default JsonNode save() {
    return null;
  }

  /** Takes back what {@link #save()} wrote, on a freshly built stopper of the same spec; null: nothing. */
  default void restore(JsonNode state) {}

  /**
   * What changed since the last call, stored by the driver with the result it belongs to (same transaction).
   * The default is the whole {@link #save()} each time, which the built-in stoppers keep small (per-trial state
   * only for trials not yet forgotten); a stopper with a large state returns appended entries instead and
   * replays them in {@link #restore(JsonNode, java.util.List)}.
   */
  default org.tunebench.engine.PluginSave saveChanges() {
    return org.tunebench.engine.PluginSave.whole(save());
  }

  /** The stored state (null: none), then each entry {@link #saveChanges()} appended after it; by default none. */
  default void restore(JsonNode state, java.util.List<JsonNode> entries) {
    if (!entries.isEmpty()) {
      throw new IllegalArgumentException(getClass().getSimpleName() + " cannot take saved entries back");
    }
    if (state != null && !state.isNull()) restore(state);
  }

  /** The trial has left the experiment for good: its per-trial state may go. */
  default void forget(String trialId) {}
}
