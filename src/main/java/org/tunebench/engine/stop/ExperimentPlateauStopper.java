package org.tunebench.engine.stop;

import org.tunebench.model.ExperimentSpec.Mode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.tunebench.engine.NumpyStats;
import org.tunebench.engine.ResultValues;

/**
 * Ray Tune's {@code ExperimentPlateauStopper}: keeps the {@code top} best values of {@code metric} over all
 * results; when there are {@code top} of them and their standard deviation is at most {@code std} for more
 * than {@code patience} consecutive results, the whole experiment stops. Results without the metric are
 * skipped (Ray would raise).
 */
public final class ExperimentPlateauStopper implements Stopper {
  private final String metric;
  private final double std;
  private final int top;
  private final boolean min;
  private final int patience;
  private final List<Double> topValues = new ArrayList<>();
  private int iterations;

  public ExperimentPlateauStopper(String metric, double std, int top, Mode mode, int patience) {
    if (mode == null) throw new IllegalArgumentException("mode must be min or max");
    if (top <= 1) throw new IllegalArgumentException("top must be an integer greater than one");
    if (patience < 0) throw new IllegalArgumentException("patience must be >= 0");
    if (!(std > 0)) throw new IllegalArgumentException("std must be > 0");
    this.metric = metric;
    this.std = std;
    this.top = top;
    this.min = mode == Mode.MIN;
    this.patience = patience;
  }

  public ExperimentPlateauStopper(String metric) {
    this(metric, 0.001, 10, Mode.MIN, 0);
  }

  @Override
  public boolean stopTrial(String trialId, Map<String, Object> result) {
    Double v = ResultValues.number(result, metric);
    if (v == null) return stopAll();
    topValues.add(v);
    Collections.sort(topValues);
    while (topValues.size() > top) topValues.remove(min ? topValues.size() - 1 : 0);
    iterations = hasPlateaued() ? iterations + 1 : 0;
    return stopAll();
  }

  private boolean hasPlateaued() {
    return topValues.size() == top && NumpyStats.std(topValues) <= std;
  }

  @Override
  public boolean stopAll() {
    return hasPlateaued() && iterations >= patience;
  }

  @Override
  public JsonNode save() {
    ObjectNode state = StopperState.typed("experiment_plateau");
    ArrayNode values = state.putArray("top");
    topValues.forEach(v -> StopperState.addDouble(values, v));
    state.put("iterations", iterations);
    return state;
  }

  @Override
  public void restore(JsonNode state) {
    if (state == null) return;
    StopperState.check(state, "experiment_plateau");
    topValues.clear();
    state.get("top").forEach(v -> topValues.add(StopperState.toDouble(v)));
    iterations = state.get("iterations").intValue();
  }
}
