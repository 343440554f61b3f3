package org.tunebench.ui.session;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;
import org.tunebench.model.ExperimentSpec;

/**
 * Elapsed time and ETA of an experiment. The clock stops when the experiment ends; the ETA comes from the
 * iterations its trials may still run (stop conditions, a scheduler's maxT) at the pace so far, capped by the
 * time budget, and is left out when neither is known. Toolkit-free.
 */
public final class ExperimentClock {
  private ExperimentClock() {}

  /** A status after which nothing runs until the user extends or resumes the experiment. */
  public static boolean isFinal(String status) {
    if (status == null) return false;
    return switch (status.toUpperCase(Locale.ROOT)) {
      case "COMPLETED", "STOPPED", "INTERRUPTED", "FINISHED", "TERMINATED", "ERRORED" -> true;
      default -> false;
    };
  }

  public static Duration elapsed(Instant startedAt, Instant endedAt, Instant now) {
    if (startedAt == null) return Duration.ZERO;
    Instant end = endedAt != null ? endedAt : now;
    return end.isBefore(startedAt) ? Duration.ZERO : Duration.between(startedAt, end);
  }

  /**
   * The most iterations a trial may run, from {@code stop} (Ray's dict {@code training_iteration}, or a
   * {@code maximum_iteration} stopper) and an ASHA/HyperBand {@code maxT} counted in iterations; empty when
   * nothing bounds it.
   */
  public static OptionalLong maxIterationsPerTrial(ExperimentSpec spec) {
    long max = Long.MAX_VALUE;
    max = Math.min(max, fromStop(spec.stop()));
    ExperimentSpec.Scheduler sch = spec.scheduler();
    if (sch != null && sch.params() != null && sch.params().has("maxT")
        && ("asha".equals(sch.type()) || "hyperband".equals(sch.type()))) {
      JsonNode attr = sch.params().get("timeAttr");
      if (attr == null || "training_iteration".equals(attr.asText())) max = Math.min(max, (long) Math.ceil(sch.params().get("maxT").asDouble()));
    }
    return max == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(max);
  }

  private static long fromStop(JsonNode stop) {
    if (stop == null || stop.isNull()) return Long.MAX_VALUE;
    if (stop.isArray()) {
      long m = Long.MAX_VALUE;
      for (JsonNode s : stop) m = Math.min(m, fromStop(s));
      return m;
    }
    if (!stop.isObject()) return Long.MAX_VALUE;
    if (stop.has("type")) {
      return "maximum_iteration".equals(stop.path("type").asText()) && stop.has("maxIter")
          ? stop.get("maxIter").asLong() : Long.MAX_VALUE;
    }
    return stop.has("training_iteration") ? stop.get("training_iteration").asLong() : Long.MAX_VALUE;
  }

  /** A budget in seconds from {@code timeBudgetS} or a {@code timeout} stopper; null if none. */
  public static Double timeBudgetS(ExperimentSpec spec) {
    Double b = spec.timeBudgetS();
    Double t = timeout(spec.stop());
    if (b == null) return t;
    return t == null ? b : Math.min(b, t);
  }

  private static Double timeout(JsonNode stop) {
    if (stop == null) return null;
    if (stop.isArray()) {
      Double m = null;
      for (JsonNode s : stop) {
        Double t = timeout(s);
        if (t != null) m = m == null ? t : Math.min(m, t);
      }
      return m;
    }
    return stop.isObject() && "timeout".equals(stop.path("type").asText()) && stop.has("seconds")
        ? stop.get("seconds").asDouble() : null;
  }

  /**
   * Remaining time, or null when it cannot be known (nothing done yet, no bound on iterations or time).
   *
   * @param itersDone iterations run so far by all trials together
   * @param itersLeft iterations the trials may still run (-1 when unbounded)
   * @param budgetS the experiment's time budget in seconds, or null
   */
  public static Duration eta(Duration elapsed, long itersDone, long itersLeft, Double budgetS) {
    Duration best = null;
    if (itersLeft == 0) return Duration.ZERO;
    if (itersLeft > 0 && itersDone > 0 && !elapsed.isZero()) {
      double secondsPerIter = elapsed.toMillis() / 1000.0 / itersDone;
      best = Duration.ofMillis((long) (secondsPerIter * itersLeft * 1000));
    }
    if (budgetS != null) {
      Duration left = Duration.ofMillis(Math.max(0, (long) (budgetS * 1000) - elapsed.toMillis()));
      best = best == null || left.compareTo(best) < 0 ? left : best;
    }
    return best;
  }

  public static String hms(Duration d) {
    long s = Math.max(0, d.getSeconds());
    return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60) : String.format("%d:%02d", s / 60, s % 60);
  }
}
