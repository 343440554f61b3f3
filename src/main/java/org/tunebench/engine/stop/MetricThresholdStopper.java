package org.tunebench.engine.stop;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tunebench.engine.ResultValues;

/**
 * Ray Tune's dict stopping criterion ({@code stop={"training_iteration": 100, "mean_accuracy": 0.9}}): a
 * trial stops when any {@code result[key] >= value}. Deviation: Ray raises when a key is missing from a
 * result; here a missing or non-numeric key is ignored for that result.
 */
public final class MetricThresholdStopper implements Stopper {
  private final Map<String, Double> thresholds;

  public MetricThresholdStopper(Map<String, Double> thresholds) {
    this.thresholds = new LinkedHashMap<>(thresholds);
  }

  @Override
  public boolean stopTrial(String trialId, Map<String, Object> result) {
    for (Map.Entry<String, Double> e : thresholds.entrySet()) {
      Double v = ResultValues.number(result, e.getKey());
      if (v != null && v >= e.getValue()) return true;
    }
    return false;
  }

  @Override
  public boolean alreadyMet(String trialId, Map<String, Object> lastResult) {
    return stopTrial(trialId, lastResult); // no state: asking again changes nothing
  }

  public Map<String, Double> thresholds() {
    return Map.copyOf(thresholds);
  }
}
