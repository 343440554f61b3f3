package org.tunebench.engine.stop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Helpers for stoppers' saved JSON: a type tag and its check, and doubles that may be NaN (written as null). */
final class StopperState {
  private StopperState() {}

  static ObjectNode typed(String type) {
    return JsonNodeFactory.instance.objectNode().put("type", type);
  }

  static JsonNode check(JsonNode state, String type) {
    if (!state.isObject() || !type.equals(state.path("type").asText(null))) {
      throw new IllegalArgumentException("not a saved " + type + " stopper state: " + state);
    }
    return state;
  }

  static void addDouble(ArrayNode array, double v) {
    if (Double.isFinite(v)) array.add(v);
    else if (Double.isNaN(v)) array.addNull();
    else array.add(v > 0 ? "Infinity" : "-Infinity");
  }

  static double toDouble(JsonNode v) {
    if (v.isNull()) return Double.NaN;
    if (v.isTextual()) return v.textValue().startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    return v.doubleValue();
  }
}
