package org.tunebench.engine.schedule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Ray's PBT {@code _explore}: for each mutated key of the donor's config, resample with
 * resampleProbability, else perturb (lists: move one index left or right, clamped at the ends; numbers:
 * multiply by a random perturbation factor; integers stay integers, truncated as Python's {@code int()}).
 *
 * <p>Like Ray, a perturbed number is not clipped to its distribution's bounds. Deviations: a key missing
 * from the config, or a non-numeric value under a distribution, is resampled instead of failing.
 */
final class PbtExplorer {
  private final Map<String, PbtMutation> mutations;
  private final double resampleProbability;
  private final List<Double> factors;
  private Random random;

  /** The generator after a resume: the scheduler's restored one, which it shares with this explorer. */
  void useRandom(Random restored) {
    this.random = restored;
  }

  PbtExplorer(Map<String, PbtMutation> mutations, double resampleProbability, List<Double> factors, Random random) {
    this.mutations = mutations;
    this.resampleProbability = resampleProbability;
    this.factors = List.copyOf(factors);
    this.random = random;
  }

  Map<String, Object> explore(Map<String, Object> config) {
    return explore(config, mutations);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> explore(Map<String, Object> config, Map<String, PbtMutation> muts) {
    Map<String, Object> out = deepCopy(config);
    for (Map.Entry<String, PbtMutation> e : muts.entrySet()) {
      String key = e.getKey();
      Object old = config.get(key);
      if (e.getValue() instanceof PbtMutation.Nested n) {
        Map<String, Object> sub = old instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        out.put(key, explore(sub, n.mutations()));
      } else if (e.getValue() instanceof PbtMutation.Values v) {
        out.put(key, exploreValues(old, v.values()));
      } else if (e.getValue() instanceof PbtMutation.Distribution d) {
        out.put(key, exploreDistribution(old, d));
      }
    }
    return out;
  }

  private Object exploreValues(Object old, List<Object> values) {
    int idx = indexOf(values, old);
    if (random.nextDouble() < resampleProbability || idx < 0) {
      return values.get(random.nextInt(values.size()));
    }
    int shift = random.nextBoolean() ? -1 : 1;
    int next = Math.min(Math.max(idx + shift, 0), values.size() - 1);
    return values.get(next);
  }

  private Object exploreDistribution(Object old, PbtMutation.Distribution d) {
    boolean resample = random.nextDouble() < resampleProbability;
    if (!(old instanceof Number n) || resample) return d.sampler().apply(random);
    double factor = factors.get(random.nextInt(factors.size()));
    double v = d.clip(n.doubleValue() * factor);
    if (old instanceof Integer) return (int) v;
    if (old instanceof Long || old instanceof Short || old instanceof Byte) return (long) v;
    return v;
  }

  /** Python's {@code list.index} with its equality: 1 == 1.0 for numbers. */
  static int indexOf(List<Object> values, Object x) {
    for (int i = 0; i < values.size(); i++) {
      Object v = values.get(i);
      if (v instanceof Number a && x instanceof Number b && !(v instanceof Boolean)) {
        if (a.doubleValue() == b.doubleValue()) return i;
      } else if (v == null ? x == null : v.equals(x)) {
        return i;
      }
    }
    return -1;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> deepCopy(Map<String, Object> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (m == null) return out;
    m.forEach((k, v) -> out.put(k, copyValue(v)));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object copyValue(Object v) {
    if (v instanceof Map<?, ?> m) return deepCopy((Map<String, Object>) m);
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object o : l) out.add(copyValue(o));
      return out;
    }
    return v;
  }
}
