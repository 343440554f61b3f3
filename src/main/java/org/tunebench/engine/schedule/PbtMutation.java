package org.tunebench.engine.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.tunebench.model.SpecException;

/**
 * How PBT may change one hyperparameter (a value of Ray's {@code hyperparam_mutations}): a list of
 * allowed values (shifted to a neighbour or resampled), a distribution (multiplied by a perturbation factor
 * or resampled) or a nested object of mutations.
 *
 * <p>Distributions are parsed minimally here ({@code uniform}, {@code loguniform}, {@code randint},
 * {@code choice}) until the model's Domain classes replace them.
 */
public sealed interface PbtMutation {
  /** Ray's list case: categorical values, perturbed by moving one index left or right. */
  record Values(List<Object> values) implements PbtMutation {}

  /** Ray's Domain/callable case: a sampler; perturbation multiplies the current value. */
  /**
   * A distribution to resample from; {@code lo}/{@code hi} (inclusive, NaN when unbounded) keep perturbed
   * values inside it: unlike Ray Tune, which lets ×1.2 push momentum past 1 and the trial then fail.
   */
  record Distribution(String description, Function<Random, Object> sampler, double lo, double hi)
      implements PbtMutation {
    Distribution(String description, Function<Random, Object> sampler) {
      this(description, sampler, Double.NaN, Double.NaN);
    }

    double clip(double v) {
      if (!Double.isNaN(lo)) v = Math.max(lo, v);
      if (!Double.isNaN(hi)) v = Math.min(hi, v);
      return v;
    }
  }

  /** Ray's dict case: mutations of a nested config object. */
  record Nested(Map<String, PbtMutation> mutations) implements PbtMutation {}

  /** Parses {@code hyperparamMutations} (an object); errors name {@code path.key}. */
  static Map<String, PbtMutation> parseAll(JsonNode node, String path) {
    if (node == null || !node.isObject() || node.isEmpty()) {
      throw new SpecException(path, "must be a non-empty object of key -> list of values or distribution");
    }
    Map<String, PbtMutation> out = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> out.put(e.getKey(), parse(e.getValue(), path + "." + e.getKey())));
    return out;
  }

  static PbtMutation parse(JsonNode v, String path) {
    if (v.isArray()) {
      if (v.isEmpty()) throw new SpecException(path, "list of values must not be empty");
      List<Object> values = new ArrayList<>();
      for (JsonNode e : v) values.add(toJava(e, path));
      return new Values(values);
    }
    if (!v.isObject() || v.isEmpty()) {
      throw new SpecException(path, "must be a list of values, a distribution "
          + "({\"uniform\"|\"loguniform\"|\"randint\"|\"choice\": [...]}) or a nested object");
    }
    if (v.size() == 1) {
      String kind = v.fieldNames().next();
      JsonNode args = v.get(kind);
      switch (kind) {
        case "uniform" -> {
          double[] ab = bounds(args, path + ".uniform", false);
          return new Distribution("uniform", r -> ab[0] + (ab[1] - ab[0]) * r.nextDouble(), ab[0], ab[1]);
        }
        case "loguniform" -> {
          double[] ab = bounds(args, path + ".loguniform", true);
          double la = Math.log(ab[0]), lb = Math.log(ab[1]);
          return new Distribution("loguniform", r -> Math.exp(la + (lb - la) * r.nextDouble()), ab[0], ab[1]);
        }
        case "randint" -> {
          double[] ab = bounds(args, path + ".randint", false);
          long lo = (long) ab[0], hi = (long) ab[1];
          if (lo != ab[0] || hi != ab[1]) throw new SpecException(path + ".randint", "bounds must be integers");
          // upper bound exclusive, as Ray's tune.randint
          return new Distribution("randint", r -> (Object) (lo + (long) Math.floor(r.nextDouble() * (hi - lo))), lo, hi - 1);
        }
        case "choice" -> {
          if (!args.isArray() || args.isEmpty()) throw new SpecException(path + ".choice", "must be a non-empty list");
          List<Object> values = new ArrayList<>();
          for (JsonNode e : args) values.add(toJava(e, path));
          return new Distribution("choice", r -> values.get(r.nextInt(values.size())));
        }
        default -> { }
      }
    }
    return new Nested(parseAll(v, path));
  }

  private static double[] bounds(JsonNode args, String path, boolean positive) {
    if (!args.isArray() || args.size() != 2 || !args.get(0).isNumber() || !args.get(1).isNumber()) {
      throw new SpecException(path, "must be [lower, upper] numbers");
    }
    double a = args.get(0).asDouble(), b = args.get(1).asDouble();
    if (!(a < b)) throw new SpecException(path, "lower must be < upper");
    if (positive && a <= 0) throw new SpecException(path, "bounds must be > 0");
    return new double[] {a, b};
  }

  /** JSON scalar to the Java value a config map holds (Integer/Long/Double/String/Boolean/null). */
  static Object toJava(JsonNode e, String path) {
    if (e.isNull()) return null;
    if (e.isBoolean()) return e.asBoolean();
    if (e.isInt()) return e.asInt();
    if (e.isIntegralNumber()) return e.asLong();
    if (e.isNumber()) return e.asDouble();
    if (e.isTextual()) return e.asText();
    throw new SpecException(path, "values must be numbers, strings, booleans or null, got " + e);
  }
}
