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

  private SearchSpace(Map<String, Object> children) {
    this.children = Collections.unmodifiableMap(children);
    Map<String, Domain> flat = new LinkedHashMap<>();
    flatten("", flat);
    this.domains = Collections.unmodifiableMap(flat);
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
    return parse(value, path);
  }

  private void flatten(String prefix, Map<String, Domain> out) {
    children.forEach((key, child) -> {
      if (child instanceof SearchSpace nested) nested.flatten(prefix + key + ".", out);
      else out.put(prefix + key, (Domain) child);
    });
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
    List<Map.Entry<String, Grid>> grids = new ArrayList<>();
    domains.forEach((path, d) -> {
      if (d instanceof Grid g) grids.add(Map.entry(path, g));
    });
    List<Map<String, Object>> points = new ArrayList<>();
    int[] index = new int[grids.size()];
    while (true) {
      Map<String, Object> point = new LinkedHashMap<>();
      for (int i = 0; i < grids.size(); i++) point.put(grids.get(i).getKey(), grids.get(i).getValue().values().get(index[i]));
      points.add(Collections.unmodifiableMap(point));
      int i = 0;
      while (i < grids.size() && ++index[i] == grids.get(i).getValue().size()) index[i++] = 0;
      if (i == grids.size()) return Collections.unmodifiableList(points);
    }
  }

  /** How many grid points {@link #gridPoints()} gives, without building them. */
  public long gridSize() {
    long n = 1;
    for (Domain d : domains.values()) if (d instanceof Grid g) n = Math.multiplyExact(n, g.size());
    return n;
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
      } else if (child instanceof Grid grid) {
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
