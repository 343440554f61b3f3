package org.tunebench.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One JSON object of a spec with its path: typed field access where every error names the field's path and
 * the expected type or range. A field holding JSON null counts as absent, so it takes its default.
 */
final class SpecObject {
  private final ObjectNode node;
  private final String path;

  private SpecObject(ObjectNode node, String path) {
    this.node = node;
    this.path = path;
  }

  /** An object whose keys must all be in {@code allowed}; null or absent gives an empty object. */
  static SpecObject of(JsonNode node, String path, List<String> allowed) {
    SpecObject o = open(node, path);
    o.node.fieldNames().forEachRemaining(key -> {
      if (!allowed.contains(key)) throw unknownField(JsonPaths.child(path, key), key, allowed);
    });
    return o;
  }

  /** An object whose extra keys belong to someone else to check (search and scheduler parameters). */
  static SpecObject open(JsonNode node, String path) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return new SpecObject(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), path);
    }
    if (!node.isObject()) throw new SpecException(path, "expected an object, got " + DomainParser.describe(node));
    return new SpecObject((ObjectNode) node, path);
  }

  static SpecException unknownField(String fieldPath, String key, List<String> allowed) {
    String near = JsonPaths.closest(key, allowed);
    return new SpecException(fieldPath, "unknown field" + (near == null ? "" : " (did you mean " + near + "?)")
        + "; allowed: " + String.join(", ", allowed));
  }

  ObjectNode node() {
    return node;
  }

  String path(String key) {
    return JsonPaths.child(path, key);
  }

  /** The field's value, or null when absent or JSON null. */
  JsonNode get(String key) {
    JsonNode v = node.get(key);
    return v == null || v.isNull() ? null : v;
  }

  JsonNode require(String key, String expected) {
    JsonNode v = get(key);
    if (v == null) throw new SpecException(path(key), "required; expected " + expected);
    return v;
  }

  String string(String key, String fallback) {
    JsonNode v = get(key);
    if (v == null) return fallback;
    if (!v.isTextual() || v.textValue().isBlank()) {
      throw new SpecException(path(key), "expected a non-empty string, got " + DomainParser.describe(v));
    }
    return v.textValue();
  }

  String requiredString(String key) {
    require(key, "a non-empty string");
    return string(key, null);
  }

  int integer(String key, int fallback, int min) {
    JsonNode v = get(key);
    if (v == null) return fallback;
    if (!v.isNumber() || !v.canConvertToExactIntegral() || !v.canConvertToInt() || v.intValue() < min) {
      throw new SpecException(path(key), "expected a whole number >= " + min + ", got " + DomainParser.describe(v));
    }
    return v.intValue();
  }

  Long optionalLong(String key) {
    JsonNode v = get(key);
    if (v == null) return null;
    if (!v.isNumber() || !v.canConvertToExactIntegral() || !v.canConvertToLong()) {
      throw new SpecException(path(key), "expected a whole number or null, got " + DomainParser.describe(v));
    }
    return v.longValue();
  }

  /** A number that must exceed {@code min} (or equal it when {@code minAllowed}). */
  double number(String key, double fallback, double min, boolean minAllowed) {
    JsonNode v = get(key);
    if (v == null) return fallback;
    double d = v.isNumber() ? v.doubleValue() : Double.NaN;
    if (!Double.isFinite(d) || d < min || (d == min && !minAllowed)) {
      throw new SpecException(path(key), "expected a number " + (minAllowed ? ">= " : "> ")
          + FloatRange.fmt(min) + ", got " + DomainParser.describe(v));
    }
    return d;
  }

  boolean bool(String key, boolean fallback) {
    JsonNode v = get(key);
    if (v == null) return fallback;
    if (!v.isBoolean()) throw new SpecException(path(key), "expected true or false, got " + DomainParser.describe(v));
    return v.booleanValue();
  }

  /** The keys not in {@code known}, as a new object (the plug-in parameters). */
  ObjectNode rest(List<String> known) {
    ObjectNode rest = node.deepCopy();
    rest.remove(known);
    return rest;
  }
}
