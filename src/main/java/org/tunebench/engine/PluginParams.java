package org.tunebench.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.tunebench.model.ExperimentSpec;
import org.tunebench.model.JsonPaths;
import org.tunebench.model.SpecException;

/**
 * Typed, validated access to one plug-in's parameter object: the one reader of every plug-in family
 * (searchers, schedulers, stoppers, built-in or a user's). Unknown names fail at construction so that a typo
 * never silently falls back to a default. Every error is a one-line {@link SpecException} that starts with the
 * parameter's JSON path and says what is allowed.
 */
public final class PluginParams {
  private final JsonNode node;
  private final String path;

  /**
   * @param node the parameter object (null or JSON null: all defaults)
   * @param path JSON path of the object, e.g. {@code $.scheduler}
   * @param allowed parameter names accepted besides {@code type}
   */
  public PluginParams(JsonNode node, String path, List<String> allowed) {
    this(node, path);
    if (this.node.isNull()) return;
    for (Iterator<String> it = this.node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!name.equals("type") && !allowed.contains(name)) {
        throw new SpecException(path(name), "unknown parameter; allowed: "
            + (allowed.isEmpty() ? "(none)" : String.join(", ", allowed)));
      }
    }
  }

  private PluginParams(JsonNode node, String path) {
    this.node = node == null ? NullNode.getInstance() : node;
    this.path = path;
    if (!this.node.isNull() && !this.node.isObject()) throw new SpecException(path, "must be an object");
  }

  /** Reads {@code node} without checking its names (the caller has, or the names are open-ended). */
  public static PluginParams unchecked(JsonNode node, String path) {
    return new PluginParams(node, path);
  }

  /** The JSON path of the parameter object, e.g. {@code $.scheduler}. */
  public String path() {
    return path;
  }

  public String path(String name) {
    return JsonPaths.child(path, name);
  }

  public SpecException error(String name, String problem) {
    return new SpecException(path(name), problem);
  }

  public boolean has(String name) {
    JsonNode v = node.get(name);
    return v != null && !v.isNull();
  }

  public JsonNode raw(String name) {
    return has(name) ? node.get(name) : null;
  }

  public String string(String name, String dflt) {
    if (!has(name)) return dflt;
    JsonNode v = node.get(name);
    if (!v.isTextual() || v.asText().isBlank()) throw error(name, "must be a non-empty string");
    return v.asText();
  }

  public double number(String name, double dflt) {
    if (!has(name)) return dflt;
    JsonNode v = node.get(name);
    if (!v.isNumber()) throw error(name, "must be a number, got " + v);
    return v.asDouble();
  }

  public Double optionalNumber(String name) {
    return has(name) ? number(name, 0) : null;
  }

  public int integer(String name, int dflt) {
    if (!has(name)) return dflt;
    JsonNode v = node.get(name);
    if (!v.isIntegralNumber() || !v.canConvertToInt()) throw error(name, "must be an integer, got " + v);
    return v.asInt();
  }

  public boolean bool(String name, boolean dflt) {
    if (!has(name)) return dflt;
    JsonNode v = node.get(name);
    if (!v.isBoolean()) throw error(name, "must be true or false, got " + v);
    return v.asBoolean();
  }

  public Long optionalLong(String name) {
    if (!has(name)) return null;
    JsonNode v = node.get(name);
    if (!v.isIntegralNumber() || !v.canConvertToLong()) throw error(name, "must be an integer, got " + v);
    return v.asLong();
  }

  public List<Double> numberList(String name, List<Double> dflt) {
    if (!has(name)) return dflt;
    JsonNode v = node.get(name);
    if (!v.isArray() || v.isEmpty()) throw error(name, "must be a non-empty list of numbers");
    List<Double> out = new ArrayList<>();
    for (JsonNode e : v) {
      if (!e.isNumber()) throw error(name, "must be a non-empty list of numbers, got " + e);
      out.add(e.asDouble());
    }
    return out;
  }

  /** {@code "min"} or {@code "max"}; the default (may be null) when absent. */
  public ExperimentSpec.Mode mode(String name, ExperimentSpec.Mode dflt) {
    if (!has(name)) return dflt;
    JsonNode v = node.get(name);
    if (v.isTextual() && (v.asText().equals("min") || v.asText().equals("max"))) {
      return ExperimentSpec.Mode.valueOf(v.asText().toUpperCase());
    }
    throw error(name, "must be \"min\" or \"max\", got " + v);
  }

  /** A whole number {@code >= min}. */
  public int intAtLeast(String name, int dflt, int min) {
    if (!has(name)) return dflt;
    JsonNode v = node.get(name);
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < min) {
      throw error(name, "expected a whole number >= " + min + ", got " + v);
    }
    return v.intValue();
  }

  /** A number in (0, 1]. */
  public double fraction(String name, double dflt) {
    if (!has(name)) return dflt;
    JsonNode v = node.get(name);
    if (!v.isNumber() || !(v.doubleValue() > 0 && v.doubleValue() <= 1)) {
      throw error(name, "expected a number in (0, 1], got " + v);
    }
    return v.doubleValue();
  }

  /** A finite number {@code > 0}. */
  public double positive(String name, double dflt) {
    if (!has(name)) return dflt;
    JsonNode v = node.get(name);
    if (!v.isNumber() || !(v.doubleValue() > 0) || !Double.isFinite(v.doubleValue())) {
      throw error(name, "expected a number > 0, got " + v);
    }
    return v.doubleValue();
  }
}
