package org.tunebench.engine.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tunebench.model.JsonPaths;
import org.tunebench.model.SpecException;

/** Typed reads of {@code $.search.*} parameters; a wrong type or range names the parameter's JSON path. */
final class SearchParams {
  private final ObjectNode params;

  SearchParams(ObjectNode params) {
    this.params = params;
  }

  private JsonNode get(String key) {
    JsonNode n = params == null ? null : params.get(key);
    return n == null || n.isNull() ? null : n;
  }

  private static String path(String key) {
    return JsonPaths.child("$.search", key);
  }

  int intAtLeast(String key, int fallback, int min) {
    JsonNode n = get(key);
    if (n == null) return fallback;
    if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < min) {
      throw new SpecException(path(key), "expected a whole number >= " + min + ", got " + n);
    }
    return n.intValue();
  }

  /** A number in (0, 1]. */
  double fraction(String key, double fallback) {
    JsonNode n = get(key);
    if (n == null) return fallback;
    if (!n.isNumber() || !(n.doubleValue() > 0 && n.doubleValue() <= 1)) {
      throw new SpecException(path(key), "expected a number in (0, 1], got " + n);
    }
    return n.doubleValue();
  }

  double positive(String key, double fallback) {
    JsonNode n = get(key);
    if (n == null) return fallback;
    if (!n.isNumber() || !(n.doubleValue() > 0) || !Double.isFinite(n.doubleValue())) {
      throw new SpecException(path(key), "expected a number > 0, got " + n);
    }
    return n.doubleValue();
  }

  boolean bool(String key, boolean fallback) {
    JsonNode n = get(key);
    if (n == null) return fallback;
    if (!n.isBoolean()) throw new SpecException(path(key), "expected true or false, got " + n);
    return n.booleanValue();
  }
}
