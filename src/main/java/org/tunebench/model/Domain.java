package org.tunebench.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Where one parameter's values come from (Optuna's {@code distributions.py}, Ray Tune's {@code sample.py}).
 * Values are plain Java values as {@link JsonValues} defines them: integer domains give {@link Long},
 * float domains {@link Double}. Implementations are immutable.
 */
public sealed interface Domain permits NumericDomain, Categorical, Constant {

  /** Every domain name a spec may use, in the order the contract lists them. */
  List<String> NAMES = List.of("uniform", "quniform", "loguniform", "qloguniform", "randn", "qrandn",
      "randint", "qrandint", "lograndint", "choice", "grid");

  /**
   * Distribution names of other tuning tools (Ray Tune, Optuna, Hyperopt, scipy) that are not ours and not
   * near one in spelling: an object with one of these as its only key is a mistaken domain, never a nested
   * space, so the spec is refused instead of silently holding a constant.
   */
  List<String> FOREIGN_NAMES = List.of("gaussian", "normal", "qnormal", "lognormal", "qlognormal", "lognorm",
      "norm", "categorical", "grid_search", "gridsearch", "sample_from", "qlograndint", "int", "float", "integer",
      "discrete", "discrete_uniform", "int_uniform", "intuniform", "log_uniform", "loguniform_int", "pchoice",
      "randchoice", "range", "logrange", "beta", "exponential", "poisson", "bernoulli");

  /** The spec name: {@code uniform}, {@code choice}, ... ; {@code constant} for a plain value. */
  String kind();

  Object sample(RandomGenerator rng);

  boolean contains(Object value);

  /** The spec form, e.g. {@code {"uniform":[0,1]}}; a constant is its plain value. */
  JsonNode toJson();

  default boolean isGrid() {
    return false;
  }

  default boolean isConstant() {
    return false;
  }

  static boolean isDomainName(String name) {
    return NAMES.contains(name);
  }

  /**
   * Parses {@code args} of the domain called {@code name}; {@code path} is the JSON path of the args
   * (e.g. {@code $.space.eta.loguniform}) and is named by any {@link SpecException}.
   */
  static Domain parse(String name, JsonNode args, String path) {
    return DomainParser.parse(name, args, path);
  }
}
