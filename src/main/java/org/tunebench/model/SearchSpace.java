package org.tunebench.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The parsed {@code space} of a spec: a tree in spec order whose leaves are {@link Domain}s and whose inner
 * nodes are nested spaces. In JSON, an object with exactly one key that is a domain name
 * ({@code {"uniform": [0, 1]}}) is a domain; any other object is a nested space; anything else is a
 * constant. Leaves are addressed by dotted paths ({@code model.lr}), so keys may not contain dots.
 */
public final class SearchSpace {
  private final Map<String, Object> children; // String -> Domain | SearchSpace
  private final Map<String, Domain> domains;
  private final Map<String, Condition> conditions;
  private final Map<String, String> configPaths;

  /**
   * A leaf of a conditional space is active only when the choice at dotted path {@code choice} took option
   * {@code option} (and that choice is itself active).
   */
  public record Condition(String choice, long option) {}

  private SearchSpace(Map<String, Object> children) {
    this.children = Collections.unmodifiableMap(children);
    Map<String, Domain> flat = new LinkedHashMap<>();
    Map<String, Condition> conds = new LinkedHashMap<>();
    Map<String, String> cfg = new LinkedHashMap<>();
    flatten("", "", null, flat, conds, cfg);
    this.domains = Collections.unmodifiableMap(flat);
    this.conditions = Collections.unmodifiableMap(conds);
    this.configPaths = Collections.unmodifiableMap(cfg);
  }

  /** Parses the space at {@code $.space}. */
  public static SearchSpace parse(JsonNode node) {
    return parse(node, "$.space");
  }

  /** Parses a space object; {@code path} is its JSON path, used in error messages. */
  public static SearchSpace parse(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw new SpecException(path, "expected an object of parameter name -> domain, got " + DomainParser.describe(node));
    }
    Map<String, Object> children = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String key = e.getKey();
      String keyPath = JsonPaths.child(path, key);
      if (key.isEmpty() || key.contains(".")) {
        throw new SpecException(keyPath, "parameter names must be non-empty and contain no '.', which separates nested names");
      }
      children.put(key, parseValue(e.getValue(), keyPath));
    }
    return new SearchSpace(children);
  }

  /** A space of the given leaves (dotted paths build nested spaces), e.g. for tests and the GUI editor. */
  public static SearchSpace of(Map<String, Domain> leaves) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    leaves.forEach((dotted, domain) -> {
      ObjectNode parent = root;
      String[] parts = dotted.split("\\.");
      for (int i = 0; i < parts.length - 1; i++) {
        parent = parent.has(parts[i]) ? (ObjectNode) parent.get(parts[i]) : parent.putObject(parts[i]);
      }
      parent.set(parts[parts.length - 1], domain.toJson());
    });
    return parse(root);
  }

  private static Object parseValue(JsonNode value, String path) {
    if (!value.isObject()) return new Constant(JsonValues.toJava(value));
    if (value.size() == 1) {
      String name = value.fieldNames().next();
      JsonNode args = value.get(name);
      if (Domain.isDomainName(name)) return Domain.parse(name, args, JsonPaths.child(path, name));
      // {"unifrom": [0, 1]} would otherwise become a nested space holding a constant list, silently
      String near = JsonPaths.closest(name, Domain.NAMES);
      if (near != null && args.isArray()) {
        throw new SpecException(JsonPaths.child(path, name), "unknown domain (did you mean " + near + "?); allowed: "
            + String.join(", ", Domain.NAMES) + ", or a nested object of parameters");
      }
      // {"gaussian": [0, 1]}: a distribution name from another tool, not close in spelling to ours
      if (Domain.FOREIGN_NAMES.contains(name.toLowerCase(java.util.Locale.ROOT))) {
        throw new SpecException(JsonPaths.child(path, name), "unknown domain \"" + name + "\"; allowed: "
            + String.join(", ", Domain.NAMES) + ", or a nested object of parameters");
      }
    }
    refuseDomainWithOtherKeys(value, path);
    return parse(value, path);
  }

  /**
   * {@code {"uniform": [0, 1], "extra": 3}} would otherwise become a nested space whose "uniform" is a constant
   * list, and the trainable would get that map: a domain name holding an array marks the object as a domain.
   */
  private static void refuseDomainWithOtherKeys(JsonNode value, String path) {
    List<String> keys = new ArrayList<>();
    value.fieldNames().forEachRemaining(keys::add);
    for (String key : keys) {
      if (Domain.isDomainName(key) && value.get(key).isArray()) {
        List<String> others = keys.stream().filter(k -> !k.equals(key)).map(k -> "\"" + k + "\"").toList();
        throw new SpecException(path, "a domain has one key (\"" + key + "\"); also found " + String.join(", ", others)
            + "; move the other keys out, or write a nested space without domain names as keys");
      }
    }
  }

  private void flatten(String prefix, String cfgPrefix, Condition cond, Map<String, Domain> out,
      Map<String, Condition> conds, Map<String, String> cfg) {
    children.forEach((key, child) -> {
      String path = prefix + key;
      if (child instanceof SearchSpace nested) {
        nested.flatten(path + ".", cfgPrefix + key + ".", cond, out, conds, cfg);
        return;
      }
      out.put(path, (Domain) child);
      cfg.put(path, cfgPrefix + key);
      if (cond != null) conds.put(path, cond);
      if (child instanceof NestedChoice nc) {
        for (int i = 0; i < nc.options().size(); i++) {
          if (nc.options().get(i) instanceof SearchSpace option) {
            option.flatten(path + "." + i + ".", cfgPrefix + key + ".", new Condition(path, i), out, conds, cfg);
          }
        }
      }
    });
  }

  /** The condition under which the leaf at {@code dotted} is active; null for a leaf that is always active. */
  public Condition condition(String dotted) {
    return conditions.get(dotted);
  }

  /** True when some choice has nested-space options. */
  public boolean isConditional() {
    return !conditions.isEmpty();
  }

  /**
   * Where the leaf at {@code dotted} sits in a trial's config: the same path without the option indices of
   * conditional choices ({@code optimizer.1.beta1} is {@code optimizer.beta1} in the config).
   */
  public String configPath(String dotted) {
    String p = configPaths.get(dotted);
    return p != null ? p : dotted;
  }

  /** The JSON path in a spec of the leaf at {@code dotted}, e.g. {@code $.space.model.lr}. */
  public static String jsonPath(String dotted) {
    String path = "$.space";
    for (String part : dotted.split("\\.")) path = JsonPaths.child(path, part);
    return path;
  }

  /** Dotted path of every leaf (constants included) to its domain, in spec order. */
  public Map<String, Domain> domains() {
    return domains;
  }

  /** Direct children in spec order: each a {@link Domain} or a nested {@link SearchSpace}. */
  public Map<String, Object> children() {
    return children;
  }

  public boolean isEmpty() {
    return children.isEmpty();
  }

  /**
   * The cross product of the grid leaves, each point a map of dotted path to value. As in Ray Tune's
   * {@code _grid_search_generator}, the first grid leaf in spec order varies fastest. One empty map when the
   * space has no grid, so callers can always loop over the points.
   */
  public List<Map<String, Object>> gridPoints() {
    List<Map<String, Object>> points = new ArrayList<>();
    for (Map<String, Object> p : gridPoints("")) points.add(Collections.unmodifiableMap(p));
    return Collections.unmodifiableList(points);
  }

  /**
   * The cross product over the children, the first varying fastest; a conditional grid contributes, per option,
   * its option index (at the grid's path) with that option's own grid points (under {@code path.i.}).
   */
  private List<Map<String, Object>> gridPoints(String prefix) {
    List<Map<String, Object>> points = new ArrayList<>();
    points.add(new LinkedHashMap<>());
    for (Map.Entry<String, Object> e : children.entrySet()) {
      String path = prefix + e.getKey();
      List<Map<String, Object>> own = childPoints(path, e.getValue());
      if (own == null) continue;
      List<Map<String, Object>> product = new ArrayList<>(points.size() * own.size());
      for (Map<String, Object> o : own) {
        for (Map<String, Object> p : points) {
          Map<String, Object> merged = new LinkedHashMap<>(p);
          merged.putAll(o);
          product.add(merged);
        }
      }
      points = product;
    }
    return points;
  }

  private static List<Map<String, Object>> childPoints(String path, Object child) {
    if (child instanceof SearchSpace nested) return nested.gridPoints(path + ".");
    if (child instanceof Grid g) {
      List<Map<String, Object>> own = new ArrayList<>();
      for (Object v : g.values()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(path, v);
        own.add(m);
      }
      return own;
    }
    if (child instanceof NestedChoice nc && nc.isGrid()) {
      List<Map<String, Object>> own = new ArrayList<>();
      for (int i = 0; i < nc.options().size(); i++) {
        List<Map<String, Object>> sub = nc.options().get(i) instanceof SearchSpace s ? s.gridPoints(path + "." + i + ".")
            : List.of(new LinkedHashMap<>());
        for (Map<String, Object> p : sub) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put(path, (long) i);
          m.putAll(p);
          own.add(m);
        }
      }
      return own;
    }
    return null;
  }

  /** How many grid points {@link #gridPoints()} gives, without building them. */
  public long gridSize() {
    long n = 1;
    for (Object child : children.values()) n = Math.multiplyExact(n, gridSize(child));
    return n;
  }

  private static long gridSize(Object child) {
    if (child instanceof SearchSpace nested) return nested.gridSize();
    if (child instanceof Grid g) return g.size();
    if (child instanceof NestedChoice nc && nc.isGrid()) {
      long sum = 0;
      for (Object o : nc.options()) sum = Math.addExact(sum, o instanceof SearchSpace s ? s.gridSize() : 1);
      return sum;
    }
    return 1;
  }

  /** A config with every leaf drawn, grid leaves too (as choices): what one random option stands for. */
  Map<String, Object> sampleAll(RandomGenerator rng) {
    Map<String, Object> config = new LinkedHashMap<>();
    resolveInto(config, "", null, rng);
    return config;
  }

  /**
   * One trial's config as nested {@link LinkedHashMap}s in spec order: grid leaves take their value from
   * {@code gridPoint} (dotted path -> value), other leaves are drawn from {@code rng} in spec order (so a
   * seeded rng gives the same config), constants are copied.
   */
  public Map<String, Object> resolve(Map<String, Object> gridPoint, RandomGenerator rng) {
    Map<String, Object> config = new LinkedHashMap<>();
    resolveInto(config, "", gridPoint, rng);
    return config;
  }

  private void resolveInto(Map<String, Object> out, String prefix, Map<String, Object> gridPoint, RandomGenerator rng) {
    children.forEach((key, child) -> {
      String path = prefix + key;
      if (child instanceof SearchSpace nested) {
        Map<String, Object> inner = new LinkedHashMap<>();
        nested.resolveInto(inner, path + ".", gridPoint, rng);
        out.put(key, inner);
      } else if (child instanceof NestedChoice nc) {
        int i;
        if (nc.isGrid() && gridPoint != null) {
          if (!(gridPoint.get(path) instanceof Number n)) throw new IllegalArgumentException("grid point has no option for " + path);
          i = n.intValue();
        } else {
          i = rng.nextInt(nc.options().size());
        }
        Object option = nc.options().get(i);
        if (option instanceof SearchSpace s) {
          Map<String, Object> inner = new LinkedHashMap<>();
          s.resolveInto(inner, path + "." + i + ".", gridPoint, rng);
          out.put(key, inner);
        } else {
          out.put(key, option);
        }
      } else if (child instanceof Grid grid && gridPoint != null) {
        if (!gridPoint.containsKey(path)) throw new IllegalArgumentException("grid point has no value for " + path);
        Object value = JsonValues.normalize(gridPoint.get(path));
        if (!grid.contains(value)) throw new IllegalArgumentException("grid point value " + value + " is not in grid " + path);
        out.put(key, value);
      } else {
        out.put(key, ((Domain) child).sample(rng));
      }
    });
  }

  /** True when {@code config} has exactly this space's shape and every leaf value lies in its domain. */
  public boolean contains(Map<String, ?> config) {
    if (config == null || !config.keySet().equals(children.keySet())) return false;
    for (Map.Entry<String, Object> e : children.entrySet()) {
      Object value = config.get(e.getKey());
      if (e.getValue() instanceof SearchSpace nested) {
        if (!(value instanceof Map<?, ?> map) || !nested.contains(stringKeys(map))) return false;
      } else if (!((Domain) e.getValue()).contains(value)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Null, or why a hand-set value (a fork's or an added trial's) cannot be what {@code dotted} means: a number
   * domain needs a finite number, an integer domain a whole one. Values outside the range are allowed on
   * purpose (a user may try beyond the space); a key the space does not have is not judged.
   */
  public String valueProblem(String dotted, Object value) {
    if (!(domains.get(dotted) instanceof NumericDomain d)) return null;
    String what = dotted + " is " + d.kind();
    if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
      String shown = value instanceof String str ? "'" + str + "'" : String.valueOf(value);
      return dotted + ": " + shown + " is not a number (" + what + ")";
    }
    if (d.isInteger() && n.doubleValue() != Math.rint(n.doubleValue())) {
      return dotted + ": " + n + " is not a whole number (" + what + ")";
    }
    return null;
  }

  /** The first {@link #valueProblem} of a nested config, or null. */
  public String configProblem(Map<String, ?> config) {
    return configProblem("", config);
  }

  private String configProblem(String prefix, Map<String, ?> config) {
    for (Map.Entry<String, ?> e : config.entrySet()) {
      String key = prefix + e.getKey();
      String p = e.getValue() instanceof Map<?, ?> m && !domains.containsKey(key)
          ? configProblem(key + ".", stringKeys(m)) : valueProblem(key, e.getValue());
      if (p != null) return p;
    }
    return null;
  }

  private static Map<String, ?> stringKeys(Map<?, ?> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  /** The spec form; parsing it gives an equal space. */
  public ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    children.forEach((key, child) ->
        node.set(key, child instanceof SearchSpace nested ? nested.toJson() : ((Domain) child).toJson()));
    return node;
  }

  @Override public boolean equals(Object o) {
    return o instanceof SearchSpace other && other.children.equals(children);
  }

  @Override public int hashCode() {
    return children.hashCode();
  }

  @Override public String toString() {
    return toJson().toString();
  }
}
