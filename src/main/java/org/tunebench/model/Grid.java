package org.tunebench.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * {@code grid [...]}: every value is tried; the grid leaves of a space form a cross product (Ray Tune's
 * {@code grid_search}). {@link #sample} exists only so a grid can stand in where one value is needed.
 */
public record Grid(List<Object> values) implements Categorical {

  public Grid {
    values = checkedValues(values);
  }

  @Override public String kind() {
    return "grid";
  }

  @Override public boolean isGrid() {
    return true;
  }

  @Override public Object sample(RandomGenerator rng) {
    return values.get(rng.nextInt(values.size()));
  }

  @Override public JsonNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.set(kind(), JsonValues.toJson(values));
    return node;
  }

  @SuppressWarnings("unchecked")
  static List<Object> checkedValues(List<Object> values) {
    if (values == null || values.isEmpty()) throw new IllegalArgumentException("needs at least one value, got []");
    return (List<Object>) JsonValues.normalize(values);
  }
}
