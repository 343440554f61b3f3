package org.tunebench.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.random.RandomGenerator;

/** {@code choice [...]}: one of the values, uniformly at random. */
public record Choice(List<Object> values) implements Categorical {

  public Choice {
    values = Grid.checkedValues(values);
  }

  @Override public String kind() {
    return "choice";
  }

  @Override public Object sample(RandomGenerator rng) {
    return values.get(rng.nextInt(values.size()));
  }

  @Override public JsonNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.set(kind(), JsonValues.toJson(values));
    return node;
  }
}
