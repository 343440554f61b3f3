package org.tunebench.engine.schedule;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.InstantSource;
import java.util.List;
import org.tunebench.engine.PluginContext;
import org.tunebench.engine.PluginParams;
import org.tunebench.engine.PluginRegistry;
import org.tunebench.model.ExperimentSpec;
import org.tunebench.model.ExperimentSpec.Mode;

/**
 * Maps {@code scheduler.type} to the {@link SchedulerProvider} offering it (ServiceLoader: the built-ins, then
 * the trainable's JAR and plug-in JARs). Unknown types and parameters, wrong types and out-of-range values fail
 * with a {@link org.tunebench.model.SpecException} naming {@code $.scheduler.<param>}.
 */
public final class SchedulerRegistry {
  /** The built-in types, in the order the workbench offers them. */
  public static final List<String> TYPES = List.of("fifo", "asha", "hyperband", "median", "pbt");
  private static final String PATH = "$.scheduler";
  private static final PluginRegistry<SchedulerProvider> PROVIDERS =
      new PluginRegistry<>(SchedulerProvider.class, "scheduler");

  private SchedulerRegistry() {}

  /** Adds a provider by code (embedding, tests); the normal way is a {@code META-INF/services} line. */
  public static void register(SchedulerProvider provider) {
    PROVIDERS.register(provider);
  }

  /** The types available through {@code loader} (null: Tunebench's own). */
  public static List<String> types(ClassLoader loader) {
    return PROVIDERS.types(loader);
  }

  /** Parameter names a built-in type accepts (besides {@code type}). */
  public static List<String> parameters(String type) {
    return PROVIDERS.find(type, null, PATH + ".type").parameters();
  }

  /** As {@link #create(String, ObjectNode, String, Mode, ClassLoader)} with the built-ins only. */
  public static TrialScheduler create(String type, ObjectNode params, String metric, Mode mode) {
    return create(type, params, metric, mode, null);
  }

  /** The scheduler of a spec, its provider found through {@code loader} (null: built-ins only). */
  public static TrialScheduler create(ExperimentSpec spec, ClassLoader loader) {
    return create(spec.scheduler().type(), spec.scheduler().params(), spec.metric(), spec.mode(), loader, spec);
  }

  /**
   * @param type a scheduler type; null means fifo
   * @param params the scheduler object (may hold {@code type}); null for all defaults
   * @param metric the experiment's metric, overridden by {@code params.metric}
   * @param mode the experiment's mode, overridden by {@code params.mode}; null means max
   */
  public static TrialScheduler create(String type, ObjectNode params, String metric, Mode mode, ClassLoader loader) {
    return create(type, params, metric, mode, loader, null);
  }

  private static TrialScheduler create(String type, ObjectNode params, String metric, Mode mode, ClassLoader loader,
      ExperimentSpec spec) {
    SchedulerProvider provider = PROVIDERS.find(type == null ? "fifo" : type, loader, PATH + ".type");
    PluginParams p = new PluginParams(params, PATH, provider.parameters());
    // a name the provider does not accept was refused above, so these read only where "metric"/"mode" are allowed
    String m = p.string("metric", metric);
    Mode md = p.mode("mode", mode == null ? Mode.MAX : mode);
    return provider.create(p, new PluginContext(spec, m, md, InstantSource.system()));
  }
}
