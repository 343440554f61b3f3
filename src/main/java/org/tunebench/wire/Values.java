package org.tunebench.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts between plain Java values (what trainables report and read) and JSON trees. */
public final class Values {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Values() {}

  /** Any value a trainable may put in a result: unknown objects become their {@code toString()}. */
  public static JsonNode toJson(Object v) {
    if (v == null) return F.nullNode();
    if (v instanceof JsonNode n) return n;
    if (v instanceof Double d) return F.numberNode(d);
    if (v instanceof Float f) return F.numberNode(f.doubleValue());
    if (v instanceof Long l) return F.numberNode(l);
    if (v instanceof Integer i) return F.numberNode(i.longValue());
    if (v instanceof Short s) return F.numberNode(s.longValue());
    if (v instanceof Byte b) return F.numberNode(b.longValue());
    if (v instanceof BigDecimal b) return F.numberNode(b);
    if (v instanceof BigInteger b) return F.numberNode(b);
    if (v instanceof Number n) return F.numberNode(n.doubleValue());
    if (v instanceof Boolean b) return F.booleanNode(b);
    if (v instanceof CharSequence s) return F.textNode(s.toString());
    if (v instanceof Map<?, ?> m) return toJsonObject(m);
    if (v instanceof Collection<?> c) {
      ArrayNode a = F.arrayNode();
      for (Object o : c) a.add(toJson(o));
      return a;
    }
    if (v.getClass().isArray()) {
      ArrayNode a = F.arrayNode();
      for (int i = 0, n = Array.getLength(v); i < n; i++) a.add(toJson(Array.get(v, i)));
      return a;
    }
    return F.textNode(String.valueOf(v));
  }

  public static ObjectNode toJsonObject(Map<?, ?> m) {
    ObjectNode o = F.objectNode();
    m.forEach((k, val) -> o.set(String.valueOf(k), toJson(val)));
    return o;
  }

  /** JSON to plain values: Long for integers, Double for other numbers, LinkedHashMap, ArrayList. */
  public static Object fromJson(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) return null;
    if (n.isIntegralNumber()) return n.canConvertToLong() ? (Object) n.longValue() : n.bigIntegerValue();
    if (n.isNumber()) return n.doubleValue();
    if (n.isBoolean()) return n.booleanValue();
    if (n.isTextual()) return n.textValue();
    if (n.isObject()) return toMap(n);
    if (n.isArray()) {
      List<Object> l = new ArrayList<>(n.size());
      for (JsonNode e : n) l.add(fromJson(e));
      return l;
    }
    return n.asText();
  }

  public static Map<String, Object> toMap(JsonNode n) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (n == null || !n.isObject()) return m;
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      m.put(e.getKey(), fromJson(e.getValue()));
    }
    return m;
  }
}
