package org.tunebench.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deep copies and merges of nested config maps; dotted keys in changes reach into nested maps. */
public final class ConfigMaps {
  private ConfigMaps() {}

  @SuppressWarnings("unchecked")
  public static Map<String, Object> copy(Map<String, ?> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, copyValue(v)));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object copyValue(Object v) {
    if (v instanceof Map<?, ?> m) return copy((Map<String, ?>) m);
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object o : l) out.add(copyValue(o));
      return out;
    }
    return v;
  }

  /** {@code base} with {@code changes} applied; {@code "optimizer.lr"} replaces the nested value. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> merge(Map<String, Object> base, Map<String, ?> changes) {
    Map<String, Object> out = copy(base);
    changes.forEach((key, value) -> {
      String[] parts = key.split("\\.");
      Map<String, Object> cur = out;
      for (int i = 0; i < parts.length - 1; i++) {
        Object next = cur.get(parts[i]);
        if (!(next instanceof Map)) {
          if (cur.containsKey(key)) break;
          next = new LinkedHashMap<String, Object>();
          cur.put(parts[i], next);
        }
        cur = (Map<String, Object>) next;
      }
      if (out.containsKey(key)) out.put(key, copyValue(value));
      else cur.put(parts[parts.length - 1], copyValue(value));
    });
    return out;
  }
}
