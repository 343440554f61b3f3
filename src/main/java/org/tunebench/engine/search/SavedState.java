package org.tunebench.engine.search;

import com.fasterxml.jackson.databind.JsonNode;

/** Checks on a searcher state read back from the store, so a mix-up fails loudly instead of re-running trials. */
final class SavedState {
  private SavedState() {}

  /** The {@code suggested} count of a state saved by a searcher of {@code type}. */
  static long count(JsonNode state, String type) {
    if (state == null || !state.isObject() || !type.equals(state.path("type").asText(null))) {
      throw new IllegalArgumentException("not a saved " + type + " searcher state: " + state);
    }
    JsonNode n = state.get("suggested");
    if (n == null || !n.isIntegralNumber() || n.longValue() < 0) {
      throw new IllegalArgumentException("saved " + type + " searcher state has no count: " + state);
    }
    return n.longValue();
  }
}
