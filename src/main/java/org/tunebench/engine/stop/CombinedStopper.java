package org.tunebench.engine.stop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Ray Tune's {@code CombinedStopper}: stops when any part says so. Deviation: every part sees every result
 * and every check (Ray's {@code any(...)} short-circuits, so a later stateful stopper such as a plateau
 * stopper would miss results). An empty combination never stops.
 */
public final class CombinedStopper implements Stopper {
  private final List<Stopper> stoppers;

  public CombinedStopper(List<Stopper> stoppers) {
    this.stoppers = List.copyOf(stoppers);
  }

  @Override
  public boolean stopTrial(String trialId, Map<String, Object> result) {
    boolean stop = false;
    for (Stopper s : stoppers) stop |= s.stopTrial(trialId, result);
    return stop;
  }

  @Override
  public boolean alreadyMet(String trialId, Map<String, Object> lastResult) {
    for (Stopper s : stoppers) if (s.alreadyMet(trialId, lastResult)) return true;
    return false;
  }

  @Override
  public boolean stopAll() {
    boolean stop = false;
    for (Stopper s : stoppers) stop |= s.stopAll();
    return stop;
  }

  public List<Stopper> stoppers() {
    return stoppers;
  }

  @Override
  public JsonNode save() {
    ObjectNode state = StopperState.typed("combined");
    ArrayNode parts = state.putArray("parts");
    for (Stopper s : stoppers) {
      JsonNode part = s.save();
      parts.add(part == null ? NullNode.getInstance() : part);
    }
    return state;
  }

  @Override
  public void restore(JsonNode state) {
    if (state == null) return;
    JsonNode parts = StopperState.check(state, "combined").get("parts");
    if (parts.size() != stoppers.size()) {
      throw new IllegalArgumentException("saved combined stopper has " + parts.size() + " parts, this one " + stoppers.size());
    }
    for (int i = 0; i < stoppers.size(); i++) {
      JsonNode part = parts.get(i);
      stoppers.get(i).restore(part.isNull() ? null : part);
    }
  }

  @Override
  public void forget(String trialId) {
    for (Stopper s : stoppers) s.forget(trialId);
  }
}
