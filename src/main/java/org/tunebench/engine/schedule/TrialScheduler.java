package org.tunebench.engine.schedule;

import java.util.List;
import java.util.Map;
import org.tunebench.model.TrialStatus;

/** Decides, result by result, whether a trial goes on (Ray Tune's {@code TrialScheduler}). */
public interface TrialScheduler {
  default void setContext(SchedulerContext context) {}

  default void onTrialAdd(TrialView trial) {}

  Decision onTrialResult(TrialView trial, Map<String, Object> result);

  default void onTrialComplete(TrialView trial, Map<String, Object> result) {}

  default void onTrialError(TrialView trial) {}

  default void onTrialRemove(TrialView trial) {}

  /**
   * Which trial to start next among {@code candidates} (PENDING ones, and PAUSED ones the scheduler itself
   * paused); null when none should start now. FIFO: the first PENDING in creation order.
   */
  default TrialView chooseTrialToRun(List<TrialView> candidates) {
    for (TrialView t : candidates) {
      if (t.status() == TrialStatus.PENDING) return t;
    }
    return null;
  }
}
