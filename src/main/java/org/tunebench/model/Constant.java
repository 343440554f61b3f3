package org.tunebench.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.random.RandomGenerator;

/** A plain value in the space: every trial gets it as is. */
public record Constant(Object value) implements Domain {

  public Constant {
    value = JsonValues.normalize(value);
  }

  @Override public String kind() {
    return "constant";
  }

  @Override public boolean isConstant() {
    return true;
  }

  @Override public Object sample(RandomGenerator rng) {
    return value;
  }

  @Override public boolean contains(Object candidate) {
    return Objects.equals(value, JsonValues.normalize(candidate));
  }

  @Override public JsonNode toJson() {
    return JsonValues.toJson(value);
  }
}
