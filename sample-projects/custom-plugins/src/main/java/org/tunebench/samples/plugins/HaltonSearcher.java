package org.tunebench.samples.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.tunebench.engine.search.Searcher;
import org.tunebench.model.Categorical;
import org.tunebench.model.Domain;
import org.tunebench.model.NumericDomain;
import org.tunebench.model.SearchSpace;

/**
 * Quasi-random search on the Halton sequence (Halton 1960): point {@code n} takes, in dimension {@code d},
 * the radical inverse of {@code n + skip} in the {@code d}-th prime base, mapped onto the leaf's domain
 * ({@link NumericDomain#fromUnit}; a categorical picks the value at that fraction). It covers the space more
 * evenly than random sampling and needs no results, so its whole state is how many points it has given.
 */
public final class HaltonSearcher implements Searcher {
  private static final int[] PRIMES = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71};

  private final SearchSpace space;
  private final int numSamples;
  private final int skip;
  private int given;

  public HaltonSearcher(SearchSpace space, int numSamples, int skip) {
    int dims = (int) space.domains().values().stream().filter(d -> !d.isConstant()).count();
    if (dims > PRIMES.length) {
      throw new IllegalArgumentException("halton search handles at most " + PRIMES.length + " parameters, got " + dims);
    }
    this.space = space;
    this.numSamples = numSamples;
    this.skip = skip;
  }

  /** The radical inverse of {@code n} in {@code base}: its digits mirrored behind the point. */
  static double radicalInverse(long n, int base) {
    double inverse = 0;
    double f = 1.0 / base;
    for (long i = n; i > 0; i /= base) {
      inverse += f * (i % base);
      f /= base;
    }
    return inverse;
  }

  @Override public Optional<Map<String, Object>> suggest(String trialId) {
    if (isFinished()) return Optional.empty();
    long n = given + skip + 1L;
    Map<String, Object> config = new LinkedHashMap<>();
    int dim = 0;
    for (Map.Entry<String, Domain> leaf : space.domains().entrySet()) {
      Domain domain = leaf.getValue();
      Object value;
      if (domain.isConstant()) {
        value = domain.sample(null);
      } else {
        double u = radicalInverse(n, PRIMES[dim++]);
        if (domain instanceof NumericDomain numeric) {
          value = numeric.fromUnit(u);
        } else if (domain instanceof Categorical c) {
          value = c.values().get(Math.min(c.size() - 1, (int) (u * c.size())));
        } else {
          throw new IllegalStateException("halton search cannot place " + domain.kind());
        }
      }
      put(config, leaf.getKey(), value);
    }
    given++;
    return Optional.of(config);
  }

  @SuppressWarnings("unchecked")
  private static void put(Map<String, Object> config, String dotted, Object value) {
    String[] parts = dotted.split("\\.");
    Map<String, Object> at = config;
    for (int i = 0; i < parts.length - 1; i++) {
      at = (Map<String, Object>) at.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
    }
    at.put(parts[parts.length - 1], value);
  }

  @Override public boolean isFinished() {
    return given >= numSamples;
  }

  @Override public boolean learnsFromResults() {
    return false;
  }

  @Override public JsonNode save() {
    return JsonNodeFactory.instance.objectNode().put("type", "halton").put("given", given);
  }

  @Override public void restore(JsonNode state) {
    if (state == null || !"halton".equals(state.path("type").asText()) || !state.path("given").canConvertToInt()) {
      throw new IllegalArgumentException("not a saved halton searcher state: " + state);
    }
    given = state.get("given").intValue();
  }
}
