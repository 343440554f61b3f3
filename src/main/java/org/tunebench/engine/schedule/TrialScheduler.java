package org.tunebench.engine.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.tunebench.model.TrialStatus;

/** Decides, result by result, whether a trial goes on (Ray Tune's {@code TrialScheduler}). */
public interface TrialScheduler {
  default void setContext(SchedulerContext context) {}

  default void onTrialAdd(TrialView trial) {}

  Decision onTrialResult(TrialView trial, Map<String, Object> result);

  default void onTrialComplete(TrialView trial, Map<String, Object> result) {}

  /**
   * Why a STOP it just gave for {@code result} ends the trial when that is no early stop (ASHA's {@code maxT}
   * reached), as the trial's end reason ("completed: ..."); null, the default: stopped early.
   */
  default String completedBy(TrialView trial, Map<String, Object> result) {
    return null;
  }

  default void onTrialError(TrialView trial) {}

  default void onTrialRemove(TrialView trial) {}

  /**
   * The scheduler's bookkeeping as JSON (Ray's {@code TrialScheduler.save}), so that {@code resume} goes on
   * with the same rung values / histories; null when there is nothing worth keeping (the default).
   */
  default JsonNode save() {
    return null;
  }

  /**
   * Takes back what {@link #save()} wrote (Ray's {@code restore}), on a freshly created scheduler of the same
   * type and parameters, before any trial is added. No-op by default.
   *
   * @throws IllegalArgumentException when the state was not written by this kind of scheduler
   */
  default void restore(JsonNode state) {}

  /**
   * What changed since the last call, stored by the driver with the result it belongs to (in the same
   * transaction), so that a resume after a hard kill goes on from exactly that result. The default is the whole
   * {@link #save()} each time: exact, but it costs the whole state per result; a scheduler whose state grows
   * with results returns appended entries instead (median, ASHA, PBT), which {@link #restore(JsonNode, List)}
   * replays. The driver drains this before each periodic {@link #save()} snapshot, which replaces the entries.
   */
  default org.tunebench.engine.PluginSave saveChanges() {
    return org.tunebench.engine.PluginSave.whole(save());
  }

  /**
   * Takes back the stored state (null: none) and then every entry {@link #saveChanges()} appended after it, in
   * order. The default accepts no entries (a scheduler without incremental saves never writes any).
   *
   * @throws IllegalArgumentException when the state or an entry was not written by this kind of scheduler
   */
  default void restore(JsonNode state, List<JsonNode> entries) {
    if (!entries.isEmpty()) {
      throw new IllegalArgumentException(getClass().getSimpleName() + " cannot take saved entries back");
    }
    if (state != null && !state.isNull()) restore(state);
  }

  /**
   * Which trial to start next among {@code candidates} (PENDING ones, and PAUSED ones the scheduler itself
   * paused); null when none should start now. FIFO, as Ray's: the first PENDING in creation order, else the
   * first PAUSED one (a median-paused trial runs on once nothing new waits, and one a resume found paused by
   * its scheduler is not left paused for ever).
   */
  default TrialView chooseTrialToRun(List<TrialView> candidates) {
    for (TrialView t : candidates) {
      if (t.status() == TrialStatus.PENDING) return t;
    }
    for (TrialView t : candidates) {
      if (t.status() == TrialStatus.PAUSED) return t;
    }
    return null;
  }
}
