package org.tunebench.engine;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Adds the driver's fields to a reported result (contract section 2), as Ray Tune's trial runner does. */
final class ResultEnricher {
  private ResultEnricher() {}

  /** Advances the trial's counters by one result and returns the result as stored. */
  static Map<String, Object> enrich(Trial t, Map<String, Object> metrics, double elapsedS, Instant at) {
    t.iteration++;
    t.iterationsSinceRestore++;
    t.timeTotalS += elapsedS;
    Map<String, Object> result = new LinkedHashMap<>(metrics);
    result.putIfAbsent("done", false);
    result.put("training_iteration", t.iteration);
    result.put("time_this_iter_s", elapsedS);
    result.put("time_total_s", t.timeTotalS);
    result.put("timestamp", at.getEpochSecond());
    result.put("trial_id", t.id);
    result.put("node", t.worker == null ? "?" : t.worker.node());
    result.put("pid", t.worker == null ? -1 : t.worker.pid());
    result.put("iterations_since_restore", t.iterationsSinceRestore);
    return java.util.Collections.unmodifiableMap(result);
  }
}
