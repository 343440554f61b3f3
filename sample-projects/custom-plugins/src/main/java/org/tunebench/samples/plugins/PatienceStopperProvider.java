package org.tunebench.samples.plugins;

import java.util.List;
import org.tunebench.engine.PluginContext;
import org.tunebench.engine.PluginParams;
import org.tunebench.engine.stop.Stopper;
import org.tunebench.engine.stop.StopperProvider;

/**
 * {@code "stop": [{"type": "patience", "patience": 3, "minDelta": 0.0}]}; {@code metric} and {@code mode}
 * default to the experiment's.
 */
public final class PatienceStopperProvider implements StopperProvider {
  @Override public String type() {
    return "patience";
  }

  @Override public List<String> parameters() {
    return List.of("metric", "mode", "patience", "minDelta");
  }

  @Override public Stopper create(PluginParams params, PluginContext context) {
    String metric = params.string("metric", context.metric());
    if (metric == null) throw params.error("metric", "is required (the experiment has no metric)");
    int patience = params.intAtLeast("patience", 3, 1);
    double minDelta = params.number("minDelta", 0);
    if (!(minDelta >= 0)) throw params.error("minDelta", "must be >= 0, got " + minDelta);
    return new PatienceStopper(metric, params.mode("mode", context.mode()), patience, minDelta);
  }
}
