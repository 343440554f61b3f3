package org.tunebench.engine.search;

import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Runs a searcher sequentially on an objective, as the driver does with one trial at a time. */
final class SearchLoop {
  private SearchLoop() {}

  /** The best (smallest) objective value over {@code trials} sequential trials; the metric is "loss". */
  static double best(Searcher searcher, int trials, ToDoubleFunction<Map<String, Object>> objective) {
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < trials; i++) {
      String id = "t" + i;
      Map<String, Object> config = searcher.suggest(id).orElseThrow();
      double v = objective.applyAsDouble(config);
      best = Math.min(best, v);
      searcher.onTrialComplete(id, Map.of("loss", v, "training_iteration", 1L), false);
    }
    return best;
  }

  static double x(Map<String, Object> config, String key) {
    return ((Number) config.get(key)).doubleValue();
  }

  static double median(double[] values) {
    double[] s = values.clone();
    java.util.Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
  }
}
