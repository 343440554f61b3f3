package org.tunebench.engine.stop;

import java.util.Map;

/** Ends trials or the whole experiment on their results (Ray Tune's {@code Stopper}). */
public interface Stopper {
  /** True when this trial should stop after {@code result}. */
  boolean stopTrial(String trialId, Map<String, Object> result);

  /** True when the whole experiment should stop; asked after every result and on timer ticks. */
  default boolean stopAll() {
    return false;
  }
}
