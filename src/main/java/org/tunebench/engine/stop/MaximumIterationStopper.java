package org.tunebench.engine.stop;

import java.util.HashMap;
import java.util.Map;

/**
 * Ray Tune's {@code MaximumIterationStopper(max_iter)}: stops a trial once it has reported {@code maxIter}
 * results to this stopper. Like Ray it counts results seen, not {@code training_iteration}, so a trial
 * restored from a checkpoint counts on from where this stopper last saw it.
 */
public final class MaximumIterationStopper implements Stopper {
  private final int maxIter;
  private final Map<String, Integer> iterations = new HashMap<>();

  public MaximumIterationStopper(int maxIter) {
    if (maxIter < 0) throw new IllegalArgumentException("maxIter must be >= 0");
    this.maxIter = maxIter;
  }

  @Override
  public boolean stopTrial(String trialId, Map<String, Object> result) {
    return iterations.merge(trialId, 1, Integer::sum) >= maxIter;
  }
}
