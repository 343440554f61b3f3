package org.tunebench.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A {@code choice} (or {@code grid}) whose options include nested spaces: a conditional space, as hyperopt's
 * {@code hp.choice} over dicts and Optuna's define-by-run branches. Only the chosen option's leaves are
 * sampled, and the trainable sees only that option (its resolved object, or the plain value of a constant
 * option). Searchers model the choice by option index: {@link #values()} are the indices 0..n-1, and the
 * leaves of option {@code i} of the choice at {@code p} are addressed as {@code p.i.<key>} in
 * {@link SearchSpace#domains()}. Each option is a {@link SearchSpace} or a plain value.
 */
public record NestedChoice(List<Object> options, boolean grid) implements Categorical {

  public NestedChoice {
    if (options == null || options.isEmpty()) throw new IllegalArgumentException("needs at least one option, got []");
    List<Object> copy = new ArrayList<>(options.size());
    for (Object o : options) copy.add(o instanceof SearchSpace ? o : JsonValues.normalize(o));
    options = List.copyOf(copy);
  }

  /** The option indices, as searchers see this choice. */
  @Override public List<Object> values() {
    List<Object> indices = new ArrayList<>(options.size());
    for (long i = 0; i < options.size(); i++) indices.add(i);
    return indices;
  }

  @Override public String kind() {
    return grid ? "grid" : "choice";
  }

  @Override public boolean isGrid() {
    return grid;
  }

  /** A resolved option chosen uniformly (nested grid leaves drawn as choices): what the trainable would see. */
  @Override public Object sample(RandomGenerator rng) {
    Object option = options.get(rng.nextInt(options.size()));
    return option instanceof SearchSpace s ? s.sampleAll(rng) : option;
  }

  /** True for a resolved option (an object of a nested option's shape, or a constant option's value). */
  @Override public boolean contains(Object value) {
    return optionOf(value) >= 0;
  }

  /** The index of the first option that holds {@code value} in resolved form, or -1. */
  public int optionOf(Object value) {
    Object v = JsonValues.normalize(value);
    for (int i = 0; i < options.size(); i++) {
      Object o = options.get(i);
      if (o instanceof SearchSpace s ? v instanceof Map<?, ?> m && s.contains(stringKeys(m)) : Objects.equals(o, v)) return i;
    }
    return -1;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, ?> stringKeys(Map<?, ?> m) {
    return (Map<String, ?>) m;
  }

  @Override public JsonNode toJson() {
    ArrayNode list = JsonNodeFactory.instance.arrayNode();
    for (Object o : options) list.add(o instanceof SearchSpace s ? s.toJson() : JsonValues.toJson(o));
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.set(kind(), list);
    return node;
  }

  /**
   * The domain for {@code choice}/{@code grid} args that hold at least one object with a real domain in it,
   * else null (a list of plain values, objects of constants included, stays an ordinary choice or grid).
   */
  static NestedChoice parseOrNull(String name, JsonNode args, String path) {
    boolean nested = false;
    List<Object> options = new ArrayList<>(args.size());
    for (int i = 0; i < args.size(); i++) {
      JsonNode a = args.get(i);
      if (a.isObject() && a.size() > 0) {
        SearchSpace s = SearchSpace.parse(a, JsonPaths.index(path, i));
        boolean real = s.domains().values().stream().anyMatch(d -> !d.isConstant());
        nested |= real;
        options.add(s);
      } else {
        options.add(JsonValues.toJava(a));
      }
    }
    if (!nested) return null;
    boolean grid = name.equals("grid");
    for (int i = 0; i < options.size(); i++) {
      if (!(options.get(i) instanceof SearchSpace s)) continue;
      if (!grid) {
        for (Map.Entry<String, Domain> e : s.domains().entrySet()) {
          if (e.getValue().isGrid()) {
            throw new SpecException(JsonPaths.index(path, i), "a grid inside an option of choice is never expanded (" + e.getKey()
                + "); make the option list a grid, or use choice inside the option");
          }
        }
      }
      if (s.domains().values().stream().allMatch(Domain::isConstant)) options.set(i, s.sampleAll(null));
    }
    return new NestedChoice(options, grid);
  }
}
