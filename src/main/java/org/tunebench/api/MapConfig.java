package org.tunebench.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@link Config} over an immutable deep copy of a map. */
final class MapConfig implements Config {
  private final Map<String, Object> values;

  MapConfig(Map<String, ?> values) {
    this.values = freezeMap(values);
  }

  @Override public double getDouble(String key) {
    Object v = require(key);
    if (v instanceof Number n) return n.doubleValue();
    throw wrongType(key, v, "a number");
  }

  @Override public int getInt(String key) {
    long l = getLong(key);
    if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("config key '" + key + "' = " + l + " does not fit an int");
    }
    return (int) l;
  }

  @Override public long getLong(String key) {
    Object v = require(key);
    if (v instanceof Number n) {
      double d = n.doubleValue();
      // quantised domains may hand over 4.0 for an integer parameter: accept whole numbers only
      if (d == Math.rint(d) && !Double.isInfinite(d)) return n.longValue();
    }
    throw wrongType(key, v, "a whole number");
  }

  @Override public boolean getBoolean(String key) {
    Object v = require(key);
    if (v instanceof Boolean b) return b;
    throw wrongType(key, v, "a boolean");
  }

  @Override public String getString(String key) {
    Object v = require(key);
    if (v instanceof String s) return s;
    throw wrongType(key, v, "a string");
  }

  @Override public Object get(String key) {
    return require(key);
  }

  @Override public boolean has(String key) {
    return lookup(key) != MISSING;
  }

  @Override public Set<String> keys() {
    return values.keySet();
  }

  @Override public Map<String, Object> asMap() {
    return values;
  }

  @Override public String toString() {
    return values.toString();
  }

  @Override public boolean equals(Object o) {
    return o instanceof MapConfig other && other.values.equals(values);
  }

  @Override public int hashCode() {
    return values.hashCode();
  }

  private static final Object MISSING = new Object();

  private Object lookup(String key) {
    if (key == null) return MISSING;
    if (values.containsKey(key)) return values.get(key);
    Object cur = values;
    for (String part : key.split("\\.", -1)) {
      if (!(cur instanceof Map<?, ?> m) || !m.containsKey(part)) return MISSING;
      cur = m.get(part);
    }
    return cur;
  }

  private Object require(String key) {
    Object v = lookup(key);
    if (v == MISSING) {
      throw new IllegalArgumentException("config has no key '" + key + "' (keys: " + values.keySet() + ")");
    }
    return v;
  }

  private static IllegalArgumentException wrongType(String key, Object v, String wanted) {
    String got = v == null ? "null" : v.getClass().getSimpleName() + " " + v;
    return new IllegalArgumentException("config key '" + key + "' is " + got + ", not " + wanted);
  }

  private static Map<String, Object> freezeMap(Map<String, ?> m) {
    Map<String, Object> copy = new LinkedHashMap<>();
    m.forEach((k, v) -> copy.put(k, freeze(v)));
    return Collections.unmodifiableMap(copy);
  }

  @SuppressWarnings("unchecked")
  private static Object freeze(Object v) {
    if (v instanceof Map<?, ?> m) return freezeMap((Map<String, ?>) m);
    if (v instanceof List<?> l) {
      List<Object> copy = new ArrayList<>(l.size());
      for (Object o : l) copy.add(freeze(o));
      return Collections.unmodifiableList(copy);
    }
    return v;
  }
}
