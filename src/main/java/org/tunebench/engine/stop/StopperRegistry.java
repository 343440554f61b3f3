package org.tunebench.engine.stop;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tunebench.engine.PluginConfigException;
import org.tunebench.engine.PluginParams;

/**
 * Builds the experiment's {@link Stopper} from the spec's {@code stop} field and {@code timeBudgetS}.
 *
 * <p>{@code stop} is null, Ray's dict form ({@code {"training_iteration": 100, "mean_accuracy": 0.9}}), one
 * typed stopper object, or a list of typed stoppers ({@code maximum_iteration}, {@code trial_plateau},
 * {@code experiment_plateau}, {@code timeout}, {@code threshold}). Errors are {@link PluginConfigException}s
 * naming the JSON path, e.g. {@code $.stop[1].type}.
 */
public final class StopperRegistry {
  public static final List<String> TYPES =
      List.of("maximum_iteration", "trial_plateau", "experiment_plateau", "timeout", "threshold");

  private StopperRegistry() {}

  public static List<String> parameters(String type, String path) {
    return switch (type) {
      case "maximum_iteration" -> List.of("maxIter");
      case "trial_plateau" -> List.of("metric", "std", "numResults", "gracePeriod", "metricThreshold", "mode");
      case "experiment_plateau" -> List.of("metric", "std", "top", "mode", "patience");
      case "timeout" -> List.of("seconds");
      case "threshold" -> List.of("metric", "value");
      default -> throw new PluginConfigException(path + ".type",
          "unknown stopper '" + type + "'; allowed: " + String.join(", ", TYPES));
    };
  }

  /**
   * @param stop the spec's {@code stop} field, or null
   * @param metric the experiment's metric (default for plateau and threshold stoppers)
   * @param mode the experiment's mode (default for plateau stoppers)
   * @param timeBudgetS the spec's {@code timeBudgetS} (adds a {@link TimeoutStopper}), or null
   * @param clock the clock for timeouts
   * @return one stopper; a {@link CombinedStopper} when there are several or none
   */
  public static Stopper create(JsonNode stop, String metric, String mode, Double timeBudgetS, InstantSource clock) {
    List<Stopper> out = new ArrayList<>();
    if (stop != null && !stop.isNull() && !stop.isMissingNode()) {
      if (stop.isArray()) {
        for (int i = 0; i < stop.size(); i++) out.add(typed(stop.get(i), "$.stop[" + i + "]", metric, mode, clock));
      } else if (stop.isObject() && stop.has("type")) {
        out.add(typed(stop, "$.stop", metric, mode, clock));
      } else if (stop.isObject()) {
        out.add(thresholds(stop));
      } else {
        throw new PluginConfigException("$.stop", "must be an object of result thresholds or a list of typed stoppers");
      }
    }
    if (timeBudgetS != null) {
      if (!(timeBudgetS > 0)) throw new PluginConfigException("$.timeBudgetS", "must be > 0, got " + timeBudgetS);
      out.add(new TimeoutStopper(seconds(timeBudgetS), clock));
    }
    return out.size() == 1 ? out.get(0) : new CombinedStopper(out);
  }

  private static MetricThresholdStopper thresholds(JsonNode stop) {
    Map<String, Double> t = new LinkedHashMap<>();
    stop.fields().forEachRemaining(e -> {
      if (!e.getValue().isNumber()) {
        throw new PluginConfigException("$.stop." + e.getKey(), "must be a number (stop when the result is >= it)");
      }
      t.put(e.getKey(), e.getValue().asDouble());
    });
    return new MetricThresholdStopper(t);
  }

  private static Stopper typed(JsonNode node, String path, String metric, String mode, InstantSource clock) {
    if (!node.isObject()) throw new PluginConfigException(path, "must be an object with a \"type\"");
    JsonNode typeNode = node.get("type");
    if (typeNode == null || !typeNode.isTextual()) {
      throw new PluginConfigException(path + ".type", "missing; allowed: " + String.join(", ", TYPES));
    }
    String type = typeNode.asText();
    PluginParams p = new PluginParams(node, path, parameters(type, path));
    try {
      return switch (type) {
        case "maximum_iteration" -> {
          if (!p.has("maxIter")) throw p.error("maxIter", "is required");
          int max = p.integer("maxIter", 0);
          if (max < 1) throw p.error("maxIter", "must be >= 1, got " + max);
          yield new MaximumIterationStopper(max);
        }
        case "trial_plateau" -> {
          double std = p.number("std", 0.01);
          if (!(std > 0)) throw p.error("std", "must be > 0, got " + std);
          int num = p.integer("numResults", 4);
          if (num < 1) throw p.error("numResults", "must be >= 1, got " + num);
          int grace = p.integer("gracePeriod", 4);
          if (grace < 0) throw p.error("gracePeriod", "must be >= 0, got " + grace);
          Double threshold = p.optionalNumber("metricThreshold");
          String m = p.mode("mode", threshold == null ? null : mode);
          if (threshold != null && m == null) throw p.error("mode", "is required with metricThreshold (\"min\" or \"max\")");
          yield new TrialPlateauStopper(metricOf(p, metric), std, num, grace, threshold, m);
        }
        case "experiment_plateau" -> {
          double std = p.number("std", 0.001);
          if (!(std > 0)) throw p.error("std", "must be > 0, got " + std);
          int top = p.integer("top", 10);
          if (top <= 1) throw p.error("top", "must be an integer greater than one, got " + top);
          int patience = p.integer("patience", 0);
          if (patience < 0) throw p.error("patience", "must be >= 0, got " + patience);
          yield new ExperimentPlateauStopper(metricOf(p, metric), std, top, p.mode("mode", mode == null ? "min" : mode),
              patience);
        }
        case "timeout" -> {
          if (!p.has("seconds")) throw p.error("seconds", "is required");
          double s = p.number("seconds", 0);
          if (!(s > 0)) throw p.error("seconds", "must be > 0, got " + s);
          yield new TimeoutStopper(seconds(s), clock);
        }
        default -> {
          if (!p.has("value")) throw p.error("value", "is required");
          yield new MetricThresholdStopper(Map.of(metricOf(p, metric), p.number("value", 0)));
        }
      };
    } catch (PluginConfigException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new PluginConfigException(path, e.getMessage());
    }
  }

  private static String metricOf(PluginParams p, String metric) {
    String m = p.string("metric", metric);
    if (m == null) throw p.error("metric", "is required (the experiment has no metric)");
    return m;
  }

  private static Duration seconds(double s) {
    return Duration.ofNanos(Math.round(s * 1e9));
  }
}
