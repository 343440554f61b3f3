package org.tunebench.engine;

import java.util.Map;

/** Reads numbers out of a result map, where the worker may have sent any boxed numeric type. */
public final class ResultValues {
  private ResultValues() {}

  /** The value of {@code key} as a double, or null when it is missing or not a number. */
  public static Double number(Map<String, Object> result, String key) {
    if (result == null || key == null) return null;
    Object v = result.get(key);
    return v instanceof Number n ? n.doubleValue() : null;
  }
}
