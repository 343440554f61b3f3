package org.tunebench.engine.search;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tunebench.model.Domain;
import org.tunebench.model.SearchSpace;

/**
 * Conversion between a trial's nested config and the flat form model-based searchers work on (dotted leaf
 * path -> value, as {@link SearchSpace#domains()} names the leaves).
 */
final class DottedConfig {
  private DottedConfig() {}

  /** The nested config of {@code space}'s shape, in spec order, leaves taken from {@code dotted}. */
  static Map<String, Object> nest(SearchSpace space, Map<String, Object> dotted) {
    return nest(space, dotted, "");
  }

  private static Map<String, Object> nest(SearchSpace space, Map<String, Object> dotted, String prefix) {
    Map<String, Object> out = new LinkedHashMap<>();
    space.children().forEach((key, child) -> {
      String path = prefix + key;
      if (child instanceof SearchSpace nested) {
        out.put(key, nest(nested, dotted, path + "."));
      } else {
        if (!dotted.containsKey(path)) throw new IllegalArgumentException("no value for " + path);
        out.put(key, dotted.get(path));
      }
    });
    return out;
  }

  /** The leaves of a nested config (as {@link #nest} builds) keyed by dotted path. */
  static Map<String, Object> flatten(SearchSpace space, Map<String, Object> nested) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String path : space.domains().keySet()) {
      Object cur = nested;
      for (String part : path.split("\\.")) {
        if (!(cur instanceof Map<?, ?> m) || !m.containsKey(part)) throw new IllegalArgumentException("config has no " + path);
        cur = m.get(part);
      }
      out.put(path, cur);
    }
    return out;
  }

  /** Every leaf drawn independently (grid leaves uniformly, as a choice): the startup phase of TPE and GP. */
  static Map<String, Object> sample(SearchSpace space, java.util.random.RandomGenerator rng) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Domain> e : space.domains().entrySet()) out.put(e.getKey(), e.getValue().sample(rng));
    return out;
  }
}
