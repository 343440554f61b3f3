package org.tunebench.engine.schedule;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Random;
import org.tunebench.engine.PluginConfigException;
import org.tunebench.engine.PluginParams;

/**
 * Builds a {@link TrialScheduler} from the spec's {@code scheduler} object, with Ray Tune's defaults.
 * Unknown types and parameters, wrong types and out-of-range values fail with a
 * {@link PluginConfigException} naming {@code $.scheduler.<param>}.
 */
public final class SchedulerRegistry {
  public static final List<String> TYPES = List.of("fifo", "asha", "hyperband", "median", "pbt");
  private static final String PATH = "$.scheduler";

  private SchedulerRegistry() {}

  /** Parameter names each type accepts (besides {@code type}). */
  public static List<String> parameters(String type) {
    return switch (type) {
      case "fifo" -> List.of();
      case "asha" -> List.of("timeAttr", "maxT", "gracePeriod", "reductionFactor", "brackets", "stopLastTrials",
          "metric", "mode", "seed");
      case "hyperband" -> List.of("timeAttr", "maxT", "reductionFactor", "stopLastTrials", "metric", "mode");
      case "median" -> List.of("timeAttr", "gracePeriod", "minSamplesRequired", "minTimeSlice", "hardStop",
          "metric", "mode");
      case "pbt" -> List.of("timeAttr", "perturbationInterval", "burnInPeriod", "hyperparamMutations",
          "quantileFraction", "resampleProbability", "perturbationFactors", "seed", "metric", "mode");
      default -> throw new PluginConfigException(PATH + ".type",
          "unknown scheduler '" + type + "'; allowed: " + String.join(", ", TYPES));
    };
  }

  /**
   * @param type one of {@link #TYPES}; null means fifo
   * @param params the scheduler object (may hold {@code type}); null for all defaults
   * @param metric the experiment's metric, overridden by {@code params.metric}
   * @param mode the experiment's mode ("min"/"max"), overridden by {@code params.mode}
   */
  public static TrialScheduler create(String type, ObjectNode params, String metric, String mode) {
    String t = type == null ? "fifo" : type;
    PluginParams p = new PluginParams(params, PATH, parameters(t));
    if (t.equals("fifo")) return new FifoScheduler();
    String m = p.string("metric", metric);
    if (m == null) throw p.error("metric", "a metric is needed by the " + t + " scheduler");
    String md = p.mode("mode", mode == null ? "max" : mode);
    return switch (t) {
      case "asha" -> asha(p, m, md);
      case "hyperband" -> hyperband(p, m, md);
      case "median" -> median(p, m, md);
      default -> pbt(p, m, md);
    };
  }

  private static Random random(PluginParams p) {
    Long seed = p.optionalLong("seed");
    return seed == null ? new Random() : new Random(seed);
  }

  private static TrialScheduler asha(PluginParams p, String metric, String mode) {
    double maxT = positive(p, "maxT", 100);
    double grace = positive(p, "gracePeriod", 1);
    if (grace > maxT) throw p.error("gracePeriod", "must be <= maxT (" + fmt(maxT) + "), got " + fmt(grace));
    double rf = reductionFactor(p, 4);
    int brackets = p.integer("brackets", 1);
    if (brackets < 1) throw p.error("brackets", "must be >= 1, got " + brackets);
    return new AshaScheduler(metric, mode, p.string("timeAttr", "training_iteration"), maxT, grace, rf, brackets,
        p.bool("stopLastTrials", true), random(p));
  }

  private static TrialScheduler hyperband(PluginParams p, String metric, String mode) {
    int maxT = p.integer("maxT", 81);
    if (maxT <= 0) throw p.error("maxT", "must be a positive integer, got " + maxT);
    return new HyperBandScheduler(metric, mode, p.string("timeAttr", "training_iteration"), maxT,
        reductionFactor(p, 3), p.bool("stopLastTrials", true));
  }

  private static TrialScheduler median(PluginParams p, String metric, String mode) {
    double grace = p.number("gracePeriod", 60.0);
    if (grace < 0) throw p.error("gracePeriod", "must be >= 0, got " + fmt(grace));
    int minSamples = p.integer("minSamplesRequired", 3);
    if (minSamples < 1) throw p.error("minSamplesRequired", "must be >= 1, got " + minSamples);
    double slice = p.number("minTimeSlice", 0);
    if (slice < 0) throw p.error("minTimeSlice", "must be >= 0, got " + fmt(slice));
    return new MedianStoppingScheduler(metric, mode, p.string("timeAttr", "time_total_s"), grace, minSamples, slice,
        p.bool("hardStop", true));
  }

  private static TrialScheduler pbt(PluginParams p, String metric, String mode) {
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
    return new PbtScheduler(metric, mode, p.string("timeAttr", "time_total_s"), interval, burnIn, mutations,
        quantile, resample, factors, random(p));
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
