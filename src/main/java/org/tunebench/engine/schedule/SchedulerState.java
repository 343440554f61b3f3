package org.tunebench.engine.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Helpers for schedulers' saved JSON: a type check, and doubles that may be NaN or infinite. */
final class SchedulerState {
  private SchedulerState() {}

  static void check(JsonNode state, String type) {
    if (state == null || !state.isObject() || !type.equals(state.path("type").asText(null))) {
      throw new IllegalArgumentException("not a saved " + type + " scheduler state: " + state);
    }
  }

  static void putNumber(ObjectNode o, String key, double v) {
    if (Double.isFinite(v)) o.put(key, v);
    else o.put(key, Double.toString(v));
  }

  static void addNumber(ArrayNode a, double v) {
    if (Double.isFinite(v)) a.add(v);
    else a.add(Double.toString(v));
  }

  static double number(JsonNode n) {
    if (n == null || n.isNull()) throw new IllegalArgumentException("saved scheduler state: missing number");
    return n.isNumber() ? n.doubleValue() : Double.parseDouble(n.asText());
  }
}
