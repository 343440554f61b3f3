package org.tunebench.engine.stop;

import org.tunebench.model.ExperimentSpec.Mode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import org.tunebench.engine.NumpyStats;
import org.tunebench.engine.ResultValues;

/**
 * Ray Tune's {@code TrialPlateauStopper}: stops a trial when the population standard deviation of its last
 * {@code numResults} values of {@code metric} is below {@code std}, after {@code gracePeriod} results and,
 * if {@code metricThreshold} is set, once the value is at or beyond it ({@code mode} min: at most, max: at
 * least). A missing metric value counts as NaN, which never plateaus (Ray: infinite std).
 */
public final class TrialPlateauStopper implements Stopper {
  private final String metric;
  private final double std;
  private final int numResults;
  private final int gracePeriod;
  private final Double metricThreshold;
  private final Mode mode;
  private final Map<String, Integer> iterations = new HashMap<>();
  private final Map<String, ArrayDeque<Double>> window = new HashMap<>();

  public TrialPlateauStopper(String metric, double std, int numResults, int gracePeriod, Double metricThreshold,
      Mode mode) {
    if (metricThreshold != null && mode == null) {
      throw new IllegalArgumentException("when metricThreshold is set, mode must be min or max; got " + mode);
    }
    if (numResults < 1) throw new IllegalArgumentException("numResults must be >= 1");
    this.metric = metric;
    this.std = std;
    this.numResults = numResults;
    this.gracePeriod = gracePeriod;
    this.metricThreshold = metricThreshold;
    this.mode = mode;
  }

  public TrialPlateauStopper(String metric) {
    this(metric, 0.01, 4, 4, null, null);
  }

  @Override
  public boolean stopTrial(String trialId, Map<String, Object> result) {
    Double v = ResultValues.number(result, metric);
    double value = v == null ? Double.NaN : v;
    ArrayDeque<Double> w = window.computeIfAbsent(trialId, k -> new ArrayDeque<>());
    w.addLast(value);
    if (w.size() > numResults) w.removeFirst();
    int iter = iterations.merge(trialId, 1, Integer::sum);
    if (iter < gracePeriod) return false;
    if (w.size() < numResults) return false;
    if (metricThreshold != null) {
      // Ray skips the stop when the value has not reached the threshold; NaN has not reached it
      if (mode == Mode.MIN && !(value <= metricThreshold)) return false;
      if (mode == Mode.MAX && !(value >= metricThreshold)) return false;
    }
    return NumpyStats.std(new ArrayList<>(w)) < std;
  }

  @Override
  public JsonNode save() {
    ObjectNode state = StopperState.typed("trial_plateau");
    ObjectNode trials = state.putObject("trials");
    window.forEach((id, w) -> {
      ObjectNode t = trials.putObject(id);
      t.put("iterations", iterations.getOrDefault(id, 0));
      ArrayNode values = t.putArray("window");
      w.forEach(v -> StopperState.addDouble(values, v));
    });
    return state;
  }

  @Override
  public void restore(JsonNode state) {
    if (state == null) return;
    window.clear();
    iterations.clear();
    StopperState.check(state, "trial_plateau").get("trials").properties().forEach(e -> {
      ArrayDeque<Double> w = new ArrayDeque<>();
      e.getValue().get("window").forEach(v -> w.addLast(StopperState.toDouble(v)));
      window.put(e.getKey(), w);
      iterations.put(e.getKey(), e.getValue().get("iterations").intValue());
    });
  }

  @Override
  public void forget(String trialId) {
    window.remove(trialId);
    iterations.remove(trialId);
  }
}
