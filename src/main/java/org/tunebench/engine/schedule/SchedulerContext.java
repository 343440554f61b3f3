package org.tunebench.engine.schedule;

import org.tunebench.model.ExperimentSpec.Mode;
import java.util.List;
import java.util.Map;

/** What schedulers may ask of the driver besides a {@link Decision}. */
public interface SchedulerContext {
  List<TrialView> trials();

  /**
   * PBT exploit: {@code trialId} takes {@code donorId}'s latest checkpoint and {@code newConfig}, and is
   * restarted from that checkpoint (in place through {@code resetConfig} when the trainable accepts it).
   * Valid while handling {@code trialId}'s result; the scheduler should then return {@link Decision#PAUSE}
   * or {@link Decision#CONTINUE} as it would in Ray Tune; the driver does the rest.
   */
  void exploit(String trialId, String donorId, Map<String, Object> newConfig);

  /**
   * Asks for a checkpoint of {@code trialId} at the result being handled, before it goes on (PBT saves its
   * top-quantile trials at each perturbation point, so clones start from that state).
   */
  default void checkpointNow(String trialId) {}

  /** Stop a trial that is not the one being handled, early (it lost to others). */
  void stopTrial(String trialId);

  /**
   * End a trial that is not the one being handled because it has done all the scheduler asks of it (a paused
   * trial of a finished bracket); {@code reason} starts with "completed:" and says what was reached.
   */
  default void completeTrial(String trialId, String reason) {
    stopTrial(trialId);
  }

  /** The metric and mode of the experiment. */
  String metric();

  Mode mode();
}
