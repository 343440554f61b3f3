package org.tunebench.engine.schedule;

import java.util.Map;

/** Runs trials in creation order and never stops one early (Ray Tune's {@code FIFOScheduler}). */
public final class FifoScheduler implements TrialScheduler {
  @Override
  public Decision onTrialResult(TrialView trial, Map<String, Object> result) {
    return Decision.CONTINUE;
  }
}
