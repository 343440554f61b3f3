package org.tunebench.engine;

import java.util.Map;
import org.tunebench.model.TrialStatus;

/**
 * What the driver tells observers (UI adapter, CLI reporter). Called on the driver's loop thread: return
 * quickly and never call back into the controller synchronously.
 */
public interface EngineListener {
  default void trialAdded(TrialSnapshot trial) {}

  default void statusChanged(TrialSnapshot trial, TrialStatus from, String reason) {}

  default void result(TrialSnapshot trial, Map<String, Object> result) {}

  default void experimentStatus(String status, String reason) {}

  /** A trial ended ERRORED for good (no retries left). */
  default void trialErrored(TrialSnapshot trial, String message) {}

  default void exploit(String trialId, String donorId, Map<String, Object> newConfig) {}
}
