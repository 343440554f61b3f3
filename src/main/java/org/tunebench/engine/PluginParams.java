package org.tunebench.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Typed, validated access to one plug-in's parameter object. Unknown names fail at construction so that a
 * typo never silently falls back to a default.
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
    this.node = node == null ? NullNode.getInstance() : node;
    this.path = path;
    if (this.node.isNull()) return;
    if (!this.node.isObject()) throw new PluginConfigException(path, "must be an object");
    for (Iterator<String> it = this.node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!name.equals("type") && !allowed.contains(name)) {
        throw new PluginConfigException(path + "." + name, "unknown parameter; allowed: "
            + (allowed.isEmpty() ? "(none)" : String.join(", ", allowed)));
      }
    }
  }

  public String path(String name) {
    return path + "." + name;
  }

  public PluginConfigException error(String name, String problem) {
    return new PluginConfigException(path(name), problem);
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

  /** {@code "min"} or {@code "max"}; the default when absent. */
  public String mode(String name, String dflt) {
    String m = string(name, dflt);
    if (m != null && !m.equals("min") && !m.equals("max")) throw error(name, "must be \"min\" or \"max\", got \"" + m + "\"");
    return m;
  }
}
