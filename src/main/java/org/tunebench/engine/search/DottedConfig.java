package org.tunebench.engine.search;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.tunebench.model.Domain;
import org.tunebench.model.NestedChoice;
import org.tunebench.model.SearchSpace;

/**
 * Conversion between a trial's nested config and the flat form model-based searchers work on (dotted leaf
 * path -> value, as {@link SearchSpace#domains()} names the leaves). In a conditional space the flat form
 * holds only the active leaves, and a {@link NestedChoice} holds its option index.
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
        return;
      }
      if (!dotted.containsKey(path)) throw new IllegalArgumentException("no value for " + path);
      Object value = dotted.get(path);
      if (child instanceof NestedChoice nc) {
        int i = ((Number) value).intValue();
        Object option = nc.options().get(i);
        out.put(key, option instanceof SearchSpace s ? nest(s, dotted, path + "." + i + ".") : option);
      } else {
        out.put(key, value);
      }
    });
    return out;
  }

  /** The leaves of a nested config (as {@link #nest} builds) keyed by dotted path; only active leaves. */
  static Map<String, Object> flatten(SearchSpace space, Map<String, Object> nested) {
    return fromNested(space, nested, false);
  }

  /**
   * The active leaves of {@code nested} by dotted path, each checked against its domain; a conditional choice
   * becomes the index of the option its value matches. With {@code skipMissingConstants}, constants the
   * config lacks are left out (a warm-start point needs none).
   *
   * @throws IllegalArgumentException naming the first leaf that is missing or outside its domain
   */
  static Map<String, Object> fromNested(SearchSpace space, Map<String, Object> nested, boolean skipMissingConstants) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Domain> e : space.domains().entrySet()) {
      String path = e.getKey();
      if (!isActive(space, path, out)) continue;
      Domain d = e.getValue();
      String configPath = space.configPath(path);
      Object v = leaf(nested, configPath);
      if (v == null) {
        if (skipMissingConstants && d.isConstant()) continue;
        throw new IllegalArgumentException("config has no " + configPath);
      }
      if (d instanceof NestedChoice nc) {
        int i = nc.optionOf(v);
        if (i < 0) throw new IllegalArgumentException("config: " + configPath + " = " + v + " matches no option of " + d.toJson());
        out.put(path, (long) i);
      } else {
        if (!d.contains(v)) throw new IllegalArgumentException("config: " + configPath + " = " + v + " is outside " + d.toJson());
        out.put(path, v);
      }
    }
    return out;
  }

  /** The value at a dotted path of a nested config (a dotted key at the top level also counts), else null. */
  static Object leaf(Map<String, Object> config, String path) {
    if (config.containsKey(path)) return config.get(path);
    Object cur = config;
    for (String part : path.split("\\.")) {
      if (!(cur instanceof Map<?, ?> m) || !m.containsKey(part)) return null;
      cur = m.get(part);
    }
    return cur;
  }

  /** True when the leaf's condition (if any) holds in {@code dotted}, which holds only active leaves. */
  static boolean isActive(SearchSpace space, String path, Map<String, Object> dotted) {
    SearchSpace.Condition c = space.condition(path);
    return c == null || dotted.get(c.choice()) instanceof Number n && n.longValue() == c.option();
  }

  /** {@code dotted} without the leaves that are inactive under its own choices, in spec order. */
  static Map<String, Object> prune(SearchSpace space, Map<String, Object> dotted) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String path : space.domains().keySet()) {
      if (dotted.containsKey(path) && isActive(space, path, out)) out.put(path, dotted.get(path));
    }
    return out;
  }

  /**
   * Every active leaf drawn independently (grid leaves uniformly, as a choice; a conditional choice as an
   * option index): the startup phase of TPE and GP.
   */
  static Map<String, Object> sample(SearchSpace space, java.util.random.RandomGenerator rng) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Domain> e : space.domains().entrySet()) {
      if (!isActive(space, e.getKey(), out)) continue;
      Domain d = e.getValue();
      out.put(e.getKey(), d instanceof NestedChoice nc ? (Object) (long) rng.nextInt(nc.size()) : d.sample(rng));
    }
    return out;
  }

}
