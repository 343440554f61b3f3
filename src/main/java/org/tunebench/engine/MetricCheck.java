package org.tunebench.engine;

import java.util.Map;

/** Ray Tune is strict: every result must carry the experiment's metric as a number (NaN allowed). */
final class MetricCheck {
  private MetricCheck() {}

  /** What is wrong with {@code result}'s metric, or null. A final {@code done: true} result may omit it. */
  static String problem(String metric, Map<String, Object> result) {
    if (!result.containsKey(metric)) {
      if (Boolean.TRUE.equals(result.get("done"))) return null;
      return "the result has no metric '" + metric + "' (it reported: " + userKeys(result) + ")";
    }
    Object v = result.get(metric);
    if (v instanceof Number) return null;
    String what = v == null ? "null" : v instanceof String s ? "the string \"" + s + "\"" : v.getClass().getSimpleName();
    return "metric '" + metric + "' is " + what + "; it must be a number";
  }

  private static String userKeys(Map<String, Object> result) {
    StringBuilder b = new StringBuilder();
    for (String k : result.keySet()) {
      if (DRIVER_FIELDS.contains(k)) continue;
      if (b.length() > 0) b.append(", ");
      b.append(k);
    }
    return b.length() == 0 ? "nothing" : b.toString();
  }

  private static final java.util.Set<String> DRIVER_FIELDS = java.util.Set.of("done", "training_iteration",
      "time_this_iter_s", "time_total_s", "timestamp", "trial_id", "node", "pid", "iterations_since_restore");
}
