package org.tunebench.app.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.TreeSet;

/** The scheduler's rung milestones (ASHA, HyperBand) read from its saved state, for marking them on curves. */
public final class Rungs {
  private Rungs() {
  }

  /** Every {@code milestone} in the saved scheduler state, ascending; empty when none or unreadable. */
  public static List<Double> milestones(String schedulerState) {
    TreeSet<Double> out = new TreeSet<>();
    if (schedulerState == null || schedulerState.isBlank()) return List.of();
    try {
      collect(JsonMapper.builder().build().readTree(schedulerState), out);
    } catch (java.io.IOException e) {
      return List.of();
    }
    return List.copyOf(out);
  }

  private static void collect(JsonNode n, TreeSet<Double> out) {
    if (n.isObject()) {
      JsonNode m = n.get("milestone");
      if (m != null && m.isNumber()) out.add(m.doubleValue());
      n.elements().forEachRemaining(c -> collect(c, out));
    } else if (n.isArray()) {
      n.forEach(c -> collect(c, out));
    }
  }
}
