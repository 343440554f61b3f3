package org.tunebench.engine.schedule;

import java.util.List;
import java.util.Random;
import org.tunebench.engine.PluginContext;
import org.tunebench.engine.PluginParams;

/** The schedulers shipped with Tunebench with Ray Tune's defaults, found by ServiceLoader like a user's. */
public final class BuiltInSchedulers {
  private BuiltInSchedulers() {}

  public static final class Fifo implements SchedulerProvider {
    @Override public String type() { return "fifo"; }
    @Override public List<String> parameters() { return List.of(); }
    @Override public TrialScheduler create(PluginParams p, PluginContext c) { return new FifoScheduler(); }
  }

  public static final class Asha implements SchedulerProvider {
    @Override public String type() { return "asha"; }

    @Override public List<String> parameters() {
      return List.of("timeAttr", "maxT", "gracePeriod", "reductionFactor", "brackets", "stopLastTrials", "metric",
          "mode", "seed");
    }

    @Override public TrialScheduler create(PluginParams p, PluginContext c) {
      double maxT = positive(p, "maxT", 100);
      double grace = positive(p, "gracePeriod", 1);
      if (grace > maxT) throw p.error("gracePeriod", "must be <= maxT (" + fmt(maxT) + "), got " + fmt(grace));
      double rf = reductionFactor(p, 4);
      int brackets = p.integer("brackets", 1);
      if (brackets < 1) throw p.error("brackets", "must be >= 1, got " + brackets);
      return new AshaScheduler(metric(p, c, type()), c.mode(), p.string("timeAttr", "training_iteration"), maxT, grace,
          rf, brackets, p.bool("stopLastTrials", true), random(p));
    }
  }

  public static final class HyperBand implements SchedulerProvider {
    @Override public String type() { return "hyperband"; }

    @Override public List<String> parameters() {
      return List.of("timeAttr", "maxT", "reductionFactor", "stopLastTrials", "metric", "mode");
    }

    @Override public TrialScheduler create(PluginParams p, PluginContext c) {
      int maxT = p.integer("maxT", 81);
      if (maxT <= 0) throw p.error("maxT", "must be a positive integer, got " + maxT);
      return new HyperBandScheduler(metric(p, c, type()), c.mode(), p.string("timeAttr", "training_iteration"), maxT,
          reductionFactor(p, 3), p.bool("stopLastTrials", true));
    }
  }

  public static final class Median implements SchedulerProvider {
    @Override public String type() { return "median"; }

    @Override public List<String> parameters() {
      return List.of("timeAttr", "gracePeriod", "minSamplesRequired", "minTimeSlice", "hardStop", "metric", "mode");
    }

    @Override public TrialScheduler create(PluginParams p, PluginContext c) {
      double grace = p.number("gracePeriod", 60.0);
      if (grace < 0) throw p.error("gracePeriod", "must be >= 0, got " + fmt(grace));
      int minSamples = p.integer("minSamplesRequired", 3);
      if (minSamples < 1) throw p.error("minSamplesRequired", "must be >= 1, got " + minSamples);
      double slice = p.number("minTimeSlice", 0);
      if (slice < 0) throw p.error("minTimeSlice", "must be >= 0, got " + fmt(slice));
      return new MedianStoppingScheduler(metric(p, c, type()), c.mode(), p.string("timeAttr", "time_total_s"), grace,
          minSamples, slice, p.bool("hardStop", true));
    }
  }

  public static final class Pbt implements SchedulerProvider {
    @Override public String type() { return "pbt"; }

    @Override public List<String> parameters() {
      return List.of("timeAttr", "perturbationInterval", "burnInPeriod", "hyperparamMutations", "quantileFraction",
          "resampleProbability", "perturbationFactors", "seed", "metric", "mode");
    }

    @Override public TrialScheduler create(PluginParams p, PluginContext c) {
      double interval = positive(p, "perturbationInterval", 60.0);
      double burnIn = p.number("burnInPeriod", 0);
      if (burnIn < 0) throw p.error("burnInPeriod", "must be >= 0, got " + fmt(burnIn));
      double quantile = p.number("quantileFraction", 0.25);
      if (!(quantile >= 0 && quantile <= 0.5)) {
        throw p.error("quantileFraction", "must be between 0 and 0.5, got " + fmt(quantile));
      }
      double resample = p.number("resampleProbability", 0.25);
      if (!(resample >= 0 && resample <= 1)) {
        throw p.error("resampleProbability", "must be between 0 and 1, got " + fmt(resample));
      }
      List<Double> factors = p.numberList("perturbationFactors", List.of(1.2, 0.8));
      if (!p.has("hyperparamMutations")) throw p.error("hyperparamMutations", "is required for pbt");
      var mutations = PbtMutation.parseAll(p.raw("hyperparamMutations"), p.path("hyperparamMutations"));
      return new PbtScheduler(metric(p, c, type()), c.mode(), p.string("timeAttr", "time_total_s"), interval, burnIn,
          mutations, quantile, resample, factors, random(p));
    }
  }

  private static String metric(PluginParams p, PluginContext c, String type) {
    if (c.metric() == null) throw p.error("metric", "a metric is needed by the " + type + " scheduler");
    return c.metric();
  }

  private static Random random(PluginParams p) {
    Long seed = p.optionalLong("seed");
    return seed == null ? new Random() : new Random(seed);
  }

  private static double positive(PluginParams p, String name, double dflt) {
    double v = p.number(name, dflt);
    if (!(v > 0)) throw p.error(name, "must be > 0, got " + fmt(v));
    return v;
  }

  private static double reductionFactor(PluginParams p, double dflt) {
    double rf = p.number("reductionFactor", dflt);
    if (!(rf > 1)) throw p.error("reductionFactor", "must be > 1, got " + fmt(rf));
    return rf;
  }

  private static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
  }
}
