package org.tunebench.engine.stop;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tunebench.engine.PluginContext;
import org.tunebench.engine.PluginParams;
import org.tunebench.engine.PluginRegistry;
import org.tunebench.model.ExperimentSpec.Mode;
import org.tunebench.model.SpecException;

/**
 * Builds the experiment's {@link Stopper} from the spec's {@code stop} field and {@code timeBudgetS}.
 *
 * <p>{@code stop} is null, Ray's dict form ({@code {"training_iteration": 100, "mean_accuracy": 0.9}}), one
 * typed stopper object, or a list of typed stoppers. A type is found through its {@link StopperProvider}
 * (ServiceLoader: {@code maximum_iteration}, {@code trial_plateau}, {@code experiment_plateau}, {@code timeout},
 * {@code threshold}, then the trainable's JAR and plug-in JARs). Errors are {@link SpecException}s naming the
 * JSON path, e.g. {@code $.stop[1].type}.
 */
public final class StopperRegistry {
  /** The built-in typed stoppers. */
  public static final List<String> TYPES =
      List.of("maximum_iteration", "trial_plateau", "experiment_plateau", "timeout", "threshold");
  private static final PluginRegistry<StopperProvider> PROVIDERS = new PluginRegistry<>(StopperProvider.class, "stopper");

  private StopperRegistry() {}

  /** Adds a provider by code (embedding, tests); the normal way is a {@code META-INF/services} line. */
  public static void register(StopperProvider provider) {
    PROVIDERS.register(provider);
  }

  /** The typed stoppers available through {@code loader} (null: Tunebench's own). */
  public static List<String> types(ClassLoader loader) {
    return PROVIDERS.types(loader);
  }

  /** As {@link #create(JsonNode, String, Mode, Double, InstantSource, ClassLoader)} with the built-ins only. */
  public static Stopper create(JsonNode stop, String metric, Mode mode, Double timeBudgetS, InstantSource clock) {
    return create(stop, metric, mode, timeBudgetS, clock, null);
  }

  /**
   * @param stop the spec's {@code stop} field, or null
   * @param metric the experiment's metric (default for plateau and threshold stoppers)
   * @param mode the experiment's mode (default for plateau stoppers)
   * @param timeBudgetS the spec's {@code timeBudgetS} (adds a {@link TimeoutStopper}), or null
   * @param clock the clock for timeouts
   * @param loader where stopper types are looked up (null: built-ins only)
   * @return one stopper; a {@link CombinedStopper} when there are several or none
   */
  public static Stopper create(JsonNode stop, String metric, Mode mode, Double timeBudgetS, InstantSource clock,
      ClassLoader loader) {
    PluginContext context = new PluginContext(null, metric, mode, clock);
    List<Stopper> out = new ArrayList<>();
    if (stop != null && !stop.isNull() && !stop.isMissingNode()) {
      if (stop.isArray()) {
        for (int i = 0; i < stop.size(); i++) out.add(typed(stop.get(i), "$.stop[" + i + "]", context, loader));
      } else if (stop.isObject() && stop.has("type")) {
        out.add(typed(stop, "$.stop", context, loader));
      } else if (stop.isObject()) {
        out.add(thresholds(stop));
      } else {
        throw new SpecException("$.stop", "must be an object of result thresholds or a list of typed stoppers");
      }
    }
    if (timeBudgetS != null) {
      if (!(timeBudgetS > 0)) throw new SpecException("$.timeBudgetS", "must be > 0, got " + timeBudgetS);
      out.add(new TimeoutStopper(BuiltInStoppers.seconds(timeBudgetS), clock));
    }
    return out.size() == 1 ? out.get(0) : new CombinedStopper(out);
  }

  private static MetricThresholdStopper thresholds(JsonNode stop) {
    Map<String, Double> t = new LinkedHashMap<>();
    stop.fields().forEachRemaining(e -> {
      if (!e.getValue().isNumber()) {
        throw new SpecException("$.stop." + e.getKey(), "must be a number (stop when the result is >= it)");
      }
      t.put(e.getKey(), e.getValue().asDouble());
    });
    return new MetricThresholdStopper(t);
  }

  private static Stopper typed(JsonNode node, String path, PluginContext context, ClassLoader loader) {
    if (!node.isObject()) throw new SpecException(path, "must be an object with a \"type\"");
    JsonNode typeNode = node.get("type");
    if (typeNode == null || !typeNode.isTextual()) {
      throw new SpecException(path + ".type", "missing; available: " + String.join(", ", PROVIDERS.types(loader)));
    }
    StopperProvider provider = PROVIDERS.find(typeNode.asText(), loader, path + ".type");
    PluginParams p = new PluginParams(node, path, provider.parameters());
    try {
      return provider.create(p, context);
    } catch (SpecException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new SpecException(path, e.getMessage());
    }
  }
}
