package org.tunebench.samples.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import org.tunebench.engine.stop.Stopper;
import org.tunebench.model.ExperimentSpec.Mode;

/**
 * Stops a trial whose metric has not improved by more than {@code minDelta} for {@code patience} results in a
 * row (Keras' EarlyStopping). Keeps each live trial's best and count, and saves them so a resumed experiment
 * counts on where it stopped.
 */
public final class PatienceStopper implements Stopper {
  private final String metric;
  private final Mode mode;
  private final int patience;
  private final double minDelta;
  private final Map<String, double[]> trials = new HashMap<>(); // id -> {best, results without improvement}

  public PatienceStopper(String metric, Mode mode, int patience, double minDelta) {
    this.metric = metric;
    this.mode = mode;
    this.patience = patience;
    this.minDelta = minDelta;
  }

  @Override public boolean stopTrial(String trialId, Map<String, Object> result) {
    if (!(result.get(metric) instanceof Number n) || Double.isNaN(n.doubleValue())) return false;
    double v = mode == Mode.MIN ? n.doubleValue() : -n.doubleValue();
    double[] s = trials.get(trialId);
    if (s == null) {
      trials.put(trialId, new double[] {v, 0});
      return false;
    }
    if (v < s[0] - minDelta) {
      s[0] = v;
      s[1] = 0;
      return false;
    }
    s[1]++;
    return s[1] >= patience;
  }

  @Override public void forget(String trialId) {
    trials.remove(trialId);
  }

  @Override public JsonNode save() {
    ObjectNode o = JsonNodeFactory.instance.objectNode().put("type", "patience");
    ObjectNode t = o.putObject("trials");
    trials.forEach((id, s) -> t.putArray(id).add(s[0]).add(s[1]));
    return o;
  }

  @Override public void restore(JsonNode state) {
    if (state == null || !"patience".equals(state.path("type").asText())) {
      throw new IllegalArgumentException("not a saved patience stopper state: " + state);
    }
    trials.clear();
    state.path("trials").properties().forEach(e ->
        trials.put(e.getKey(), new double[] {e.getValue().get(0).doubleValue(), e.getValue().get(1).doubleValue()}));
  }
}
