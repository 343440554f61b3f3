package org.tunebench.api;

import java.util.Map;
import java.util.Set;

/**
 * A read-only view of one sampled configuration. Dotted keys ({@code "optimizer.lr"}) reach nested values.
 * A missing key or a value of the wrong type throws {@link IllegalArgumentException} naming the key.
 */
public interface Config {
  double getDouble(String key);

  int getInt(String key);

  long getLong(String key);

  boolean getBoolean(String key);

  String getString(String key);

  /** The raw value: a number, string, boolean, list or nested map (read-only). */
  Object get(String key);

  /** True when {@code key} (dotted or not) names a value. */
  boolean has(String key);

  /** Top-level keys, in the order of the space. */
  Set<String> keys();

  /** The whole configuration, nested maps kept, read-only. */
  Map<String, Object> asMap();

  /** A config over a copy of {@code values}; handy for unit-testing a Trainable. */
  static Config of(Map<String, ?> values) {
    return new MapConfig(values);
  }
}
