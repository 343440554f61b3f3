package org.tunebench.engine.stop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

  @Override
  public boolean alreadyMet(String trialId, Map<String, Object> lastResult) {
    return iterations.getOrDefault(trialId, 0) >= maxIter;
  }

  @Override
  public JsonNode save() {
    ObjectNode state = StopperState.typed("maximum_iteration");
    ObjectNode counts = state.putObject("iterations");
    iterations.forEach(counts::put);
    return state;
  }

  @Override
  public void restore(JsonNode state) {
    if (state == null) return;
    iterations.clear();
    StopperState.check(state, "maximum_iteration").get("iterations").properties()
        .forEach(e -> iterations.put(e.getKey(), e.getValue().intValue()));
  }

  @Override
  public void forget(String trialId) {
    iterations.remove(trialId);
  }
}
