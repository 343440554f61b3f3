package org.tunebench.engine.stop;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.tunebench.engine.PluginContext;
import org.tunebench.engine.PluginParams;
import org.tunebench.model.ExperimentSpec.Mode;

/** The typed stoppers shipped with Tunebench (Ray Tune's), found by ServiceLoader like a user's. */
public final class BuiltInStoppers {
  private BuiltInStoppers() {}

  public static final class MaximumIteration implements StopperProvider {
    @Override public String type() { return "maximum_iteration"; }
    @Override public List<String> parameters() { return List.of("maxIter"); }

    @Override public Stopper create(PluginParams p, PluginContext c) {
      if (!p.has("maxIter")) throw p.error("maxIter", "is required by a maximum_iteration stopper: how many results each trial reports (a whole number >= 1)");
      int max = p.integer("maxIter", 0);
      if (max < 1) throw p.error("maxIter", "must be >= 1, got " + max);
      return new MaximumIterationStopper(max);
    }
  }

  public static final class TrialPlateau implements StopperProvider {
    @Override public String type() { return "trial_plateau"; }

    @Override public List<String> parameters() {
      return List.of("metric", "std", "numResults", "gracePeriod", "metricThreshold", "mode");
    }

    @Override public Stopper create(PluginParams p, PluginContext c) {
      double std = p.number("std", 0.01);
      if (!(std > 0)) throw p.error("std", "must be > 0, got " + std);
      int num = p.integer("numResults", 4);
      if (num < 1) throw p.error("numResults", "must be >= 1, got " + num);
      int grace = p.integer("gracePeriod", 4);
      if (grace < 0) throw p.error("gracePeriod", "must be >= 0, got " + grace);
      Double threshold = p.optionalNumber("metricThreshold");
      Mode m = p.mode("mode", threshold == null ? null : c.mode());
      if (threshold != null && m == null) throw p.error("mode", "is required with metricThreshold (\"min\" or \"max\")");
      return new TrialPlateauStopper(metricOf(p, c), std, num, grace, threshold, m);
    }
  }

  public static final class ExperimentPlateau implements StopperProvider {
    @Override public String type() { return "experiment_plateau"; }
    @Override public List<String> parameters() { return List.of("metric", "std", "top", "mode", "patience"); }

    @Override public Stopper create(PluginParams p, PluginContext c) {
      double std = p.number("std", 0.001);
      if (!(std > 0)) throw p.error("std", "must be > 0, got " + std);
      int top = p.integer("top", 10);
      if (top <= 1) throw p.error("top", "must be an integer greater than one, got " + top);
      int patience = p.integer("patience", 0);
      if (patience < 0) throw p.error("patience", "must be >= 0, got " + patience);
      return new ExperimentPlateauStopper(metricOf(p, c), std, top,
          p.mode("mode", c.mode() == null ? Mode.MIN : c.mode()), patience);
    }
  }

  public static final class Timeout implements StopperProvider {
    @Override public String type() { return "timeout"; }
    @Override public List<String> parameters() { return List.of("seconds"); }

    @Override public Stopper create(PluginParams p, PluginContext c) {
      if (!p.has("seconds")) throw p.error("seconds", "is required by a timeout stopper: how long the whole experiment may run (seconds > 0)");
      double s = p.number("seconds", 0);
      if (!(s > 0)) throw p.error("seconds", "must be > 0, got " + s);
      return new TimeoutStopper(seconds(s), c.clock());
    }
  }

  public static final class Threshold implements StopperProvider {
    @Override public String type() { return "threshold"; }
    @Override public List<String> parameters() { return List.of("metric", "value"); }

    @Override public Stopper create(PluginParams p, PluginContext c) {
      if (!p.has("value")) throw p.error("value", "is required by a threshold stopper: a trial stops once its metric is >= value");
      return new MetricThresholdStopper(Map.of(metricOf(p, c), p.number("value", 0)));
    }
  }

  private static String metricOf(PluginParams p, PluginContext c) {
    String m = p.string("metric", c.metric());
    if (m == null) throw p.error("metric", "is required (the experiment has no metric)");
    return m;
  }

  static Duration seconds(double s) {
    return Duration.ofNanos(Math.round(s * 1e9));
  }
}
