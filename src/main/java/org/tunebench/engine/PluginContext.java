package org.tunebench.engine;

import java.time.InstantSource;
import org.tunebench.model.ExperimentSpec;

/**
 * What a plug-in may know of its experiment when it is made.
 *
 * @param spec the whole experiment spec; null only where a scheduler or stopper is built without one (tests,
 *     the analysis view's rung preview)
 * @param metric the experiment's (first) metric; may be null for a stopper built without one
 * @param mode the experiment's (first) mode
 * @param clock the driver's clock, for time-based plug-ins
 */
public record PluginContext(ExperimentSpec spec, String metric, ExperimentSpec.Mode mode, InstantSource clock) {
  public PluginContext {
    if (clock == null) clock = InstantSource.system();
  }

  /** The context of a whole spec: its first objective and the system clock. */
  public static PluginContext of(ExperimentSpec spec, InstantSource clock) {
    return new PluginContext(spec, spec.metric(), spec.mode(), clock);
  }
}
