package org.tunebench.bench;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.tunebench.model.SearchSpace;

/**
 * The problems of {@link VsOptunaBench}, each a space (spec JSON) and an objective on the nested config the
 * trainable would see. {@code src/bench/python/optuna_compare.py} defines the same problems for Optuna.
 */
final class VsOptunaProblems {
  private VsOptunaProblems() {}

  /** One problem; {@code objectives} is 1 (minimised) or 2 (both minimised, scored by hypervolume). */
  record Problem(String name, SearchSpace space, int objectives, Function<Map<String, Object>, double[]> f) {}

  static final double[] ZDT_REFERENCE = {11, 11};
  static final int ZDT_DIMS = 10;

  static List<Problem> all() {
    return List.of(
        single("branin", box("{\"x0\": {\"uniform\": [-5, 10]}, \"x1\": {\"uniform\": [0, 15]}}"), c -> Functions.branin(xs(c, 2))),
        single("hartmann6", boxN(0, 1, 6), c -> Functions.hartmann6(xs(c, 6))),
        single("rosenbrock5", boxN(-5, 10, 5), c -> Functions.rosenbrock(xs(c, 5))),
        single("ackley10", boxN(-32.768, 32.768, 10), c -> Functions.ackley(xs(c, 10))),
        single("mixed", box("""
            {"x0": {"uniform": [-5, 5]}, "x1": {"uniform": [-5, 5]}, "k": {"randint": [0, 10]},
             "lr": {"loguniform": [1e-5, 1]}, "c": {"choice": ["a", "b", "c", "d"]}}"""), VsOptunaProblems::mixed),
        single("conditional", box("""
            {"optimizer": {"choice": [
               {"name": "sgd", "lr": {"loguniform": [1e-4, 1]}, "momentum": {"uniform": [0, 0.99]}},
               {"name": "adam", "lr": {"loguniform": [1e-5, 0.1]}, "beta1": {"uniform": [0.5, 0.999]},
                "beta2": {"uniform": [0.9, 0.9999]}},
               {"name": "rmsprop", "lr": {"loguniform": [1e-5, 0.1]}, "rho": {"uniform": [0.5, 0.99]}}]},
             "wd": {"loguniform": [1e-6, 0.1]}}"""), VsOptunaProblems::conditional),
        new Problem("zdt1", boxN(0, 1, ZDT_DIMS), 2, c -> zdt(xs(c, ZDT_DIMS), false)),
        new Problem("zdt2", boxN(0, 1, ZDT_DIMS), 2, c -> zdt(xs(c, ZDT_DIMS), true)));
  }

  /**
   * Functions the table does not use, to check that a change to a searcher is not tuned to the table:
   * Styblinski-Tang-6D, Levy-8D, Rastrigin-6D and Dixon-Price-6D (the last spans orders of magnitude, as
   * Rosenbrock does). {@code VsOptunaBench run} takes them by name.
   */
  static List<Problem> heldOut() {
    return List.of(
        single("styblinski6", boxN(-5, 5, 6), c -> Functions.styblinskiTang(xs(c, 6))),
        single("levy8", boxN(-10, 10, 8), c -> Functions.levy(xs(c, 8))),
        single("rastrigin6", boxN(-5.12, 5.12, 6), c -> Functions.rastrigin(xs(c, 6))),
        single("dixonprice6", boxN(-10, 10, 6), c -> Functions.dixonPrice(xs(c, 6))));
  }

  private static Problem single(String name, SearchSpace space, Function<Map<String, Object>, Double> f) {
    return new Problem(name, space, 1, c -> new double[] {f.apply(c)});
  }

  static double mixed(Map<String, Object> c) {
    double x0 = num(c, "x0");
    double x1 = num(c, "x1");
    double k = num(c, "k");
    double lr = Math.log10(num(c, "lr"));
    double cat = switch ((String) c.get("c")) {
      case "a" -> 1.0;
      case "b" -> 0.0;
      case "c" -> 0.5;
      default -> 2.0;
    };
    return Math.pow(x0 - 1.3, 2) + 2 * Math.pow(x1 + 0.7, 2) + 0.3 * Math.pow(k - 6, 2) + Math.pow(lr + 2.5, 2) + cat
        + 0.5 * (1 - Math.cos(2 * Math.PI * (x0 - 1.3)));
  }

  @SuppressWarnings("unchecked")
  static double conditional(Map<String, Object> c) {
    Map<String, Object> o = (Map<String, Object>) c.get("optimizer");
    double lr = Math.log10(num(o, "lr"));
    double wd = 0.1 * Math.pow(Math.log10(num(c, "wd")) + 4, 2);
    return wd + switch ((String) o.get("name")) {
      case "sgd" -> 0.5 + Math.pow(lr + 1, 2) + 4 * Math.pow(num(o, "momentum") - 0.9, 2);
      case "adam" -> Math.pow(lr + 3.2, 2) + 10 * Math.pow(num(o, "beta1") - 0.9, 2) + 1000 * Math.pow(num(o, "beta2") - 0.999, 2);
      default -> 0.3 + Math.pow(lr + 2.5, 2) + 3 * Math.pow(num(o, "rho") - 0.9, 2);
    };
  }

  static double[] zdt(double[] x, boolean two) {
    double g = 0;
    for (int d = 1; d < x.length; d++) g += x[d];
    g = 1 + 9 * g / (x.length - 1);
    double r = x[0] / g;
    return new double[] {x[0], g * (1 - (two ? r * r : Math.sqrt(r)))};
  }

  private static double num(Map<String, Object> c, String key) {
    return ((Number) c.get(key)).doubleValue();
  }

  private static double[] xs(Map<String, Object> c, int n) {
    double[] x = new double[n];
    for (int d = 0; d < n; d++) x[d] = num(c, "x" + d);
    return x;
  }

  private static SearchSpace box(String json) {
    try {
      return SearchSpace.parse(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static SearchSpace boxN(double lo, double hi, int n) {
    return SearcherQualityBench.box(lo, hi, n);
  }
}
