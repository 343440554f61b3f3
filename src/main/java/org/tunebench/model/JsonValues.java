package org.tunebench.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Conversion between JSON and the plain Java values a config holds. One representation everywhere, so a
 * value read from a spec, sampled, stored and read back compares equal: whole numbers are {@link Long},
 * other numbers {@link Double}, arrays unmodifiable {@link List}s, objects unmodifiable
 * {@link LinkedHashMap}s.
 */
public final class JsonValues {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonValues() {}

  public static Object toJava(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) return null;
    if (node.isIntegralNumber()) return node.canConvertToLong() ? (Object) node.longValue() : node.doubleValue();
    if (node.isNumber()) return node.doubleValue();
    if (node.isBoolean()) return node.booleanValue();
    if (node.isTextual()) return node.textValue();
    if (node.isArray()) {
      List<Object> list = new ArrayList<>(node.size());
      node.forEach(e -> list.add(toJava(e)));
      return Collections.unmodifiableList(list);
    }
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.properties().forEach(e -> map.put(e.getKey(), toJava(e.getValue())));
      return Collections.unmodifiableMap(map);
    }
    throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
  }

  /** Brings a value from any source (Integer, Float, mutable collections) to the representation above. */
  public static Object normalize(Object value) {
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger b) return b.bitLength() < 64 ? (Object) b.longValue() : b.doubleValue();
    if (value instanceof BigDecimal || value instanceof Float) return ((Number) value).doubleValue();
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(e -> out.add(normalize(e)));
      return Collections.unmodifiableList(out);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), normalize(v)));
      return Collections.unmodifiableMap(out);
    }
    return value;
  }

  public static JsonNode toJson(Object value) {
    Object v = normalize(value);
    if (v == null) return NODES.nullNode();
    if (v instanceof Long l) return NODES.numberNode(l);
    if (v instanceof Double d) return NODES.numberNode(d);
    if (v instanceof Number n) return NODES.numberNode(n.doubleValue());
    if (v instanceof Boolean b) return NODES.booleanNode(b);
    if (v instanceof String s) return NODES.textNode(s);
    if (v instanceof List<?> list) {
      ArrayNode array = NODES.arrayNode();
      list.forEach(e -> array.add(toJson(e)));
      return array;
    }
    if (v instanceof Map<?, ?> map) {
      ObjectNode object = NODES.objectNode();
      map.forEach((k, e) -> object.set(String.valueOf(k), toJson(e)));
      return object;
    }
    return NODES.textNode(v.toString());
  }

  /** A double as JSON, written without ".0" when whole, so saved specs read like hand-written ones. */
  public static JsonNode number(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15 && !(d == 0 && 1 / d < 0)) return NODES.numberNode((long) d);
    return NODES.numberNode(d);
  }
}
