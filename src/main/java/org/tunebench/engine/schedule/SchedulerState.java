package org.tunebench.engine.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Base64;
import java.util.Random;

/** Helpers for schedulers' saved JSON: a type check, and doubles that may be NaN or infinite. */
final class SchedulerState {
  private SchedulerState() {}

  static void check(JsonNode state, String type) {
    if (state == null || !state.isObject() || !type.equals(state.path("type").asText(null))) {
      throw new IllegalArgumentException("not a saved " + type + " scheduler state: " + state);
    }
  }

  static void putNumber(ObjectNode o, String key, double v) {
    if (Double.isFinite(v)) o.put(key, v);
    else o.put(key, Double.toString(v));
  }

  static void addNumber(ArrayNode a, double v) {
    if (Double.isFinite(v)) a.add(v);
    else a.add(Double.toString(v));
  }

  /** A {@link Random}'s whole state through its own serial form (its seed is private), as base64. */
  static String randomState(Random random) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(random);
    } catch (IOException e) {
      throw new IllegalStateException("cannot save a scheduler's random state", e);
    }
    return Base64.getEncoder().encodeToString(bytes.toByteArray());
  }

  /** The generator {@link #randomState} wrote; nothing but a {@link Random} is read back. */
  static Random random(String base64) {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(base64)))) {
      in.setObjectInputFilter(ObjectInputFilter.Config.createFilter("java.util.Random;!*"));
      if (in.readObject() instanceof Random random) return random;
    } catch (IOException | ClassNotFoundException | IllegalArgumentException e) {
      throw new IllegalArgumentException("saved scheduler state: unreadable random state", e);
    }
    throw new IllegalArgumentException("saved scheduler state: not a random state");
  }

  static double number(JsonNode n) {
    if (n == null || n.isNull()) throw new IllegalArgumentException("saved scheduler state: missing number");
    return n.isNumber() ? n.doubleValue() : Double.parseDouble(n.asText());
  }
}
