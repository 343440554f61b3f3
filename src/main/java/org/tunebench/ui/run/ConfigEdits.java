package org.tunebench.ui.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tunebench.model.SpecException;
import org.tunebench.model.SpecReader;

/** Turns "dotted.key -> JSON text" edits (the fork and add-trial dialogs) into a nested config map. */
public final class ConfigEdits {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ConfigEdits() {}

  /** A JSON value typed by the user; bare words are taken as strings so {@code relu} needs no quotes. */
  public static Object parseValue(String text) {
    String t = text.trim();
    try {
      JsonNode n = SpecReader.parseJson("[" + t + "]");
      if (n.size() != 1) throw new SpecException("$", "one value expected");
      return JSON.convertValue(n.get(0), Object.class);
    } catch (SpecException e) {
      if (t.matches("[A-Za-z_][\\w.-]*")) return t;
      throw new IllegalArgumentException("'" + t + "' is not a JSON value");
    }
  }

  /** Nested map from dotted keys: {@code a.b=1} becomes {@code {a:{b:1}}}. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> nest(Map<String, Object> dotted) {
    Map<String, Object> root = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : dotted.entrySet()) {
      String[] parts = e.getKey().split("\\.");
      Map<String, Object> cur = root;
      for (int i = 0; i < parts.length - 1; i++) {
        cur = (Map<String, Object>) cur.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
      }
      cur.put(parts[parts.length - 1], e.getValue());
    }
    return root;
  }

  /** Text for a value in an edit field (JSON, so it parses back to the same value). */
  public static String text(Object v) {
    try {
      return JSON.writeValueAsString(v);
    } catch (Exception e) {
      return String.valueOf(v);
    }
  }
}
