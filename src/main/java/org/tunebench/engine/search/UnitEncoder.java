package org.tunebench.engine.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tunebench.model.Categorical;
import org.tunebench.model.Domain;
import org.tunebench.model.NumericDomain;
import org.tunebench.model.SearchSpace;

/**
 * Maps a dotted config to a point of the unit cube for the GP: numeric leaves through
 * {@link NumericDomain#toUnit} (log domains in log space), categoricals (and grids) one-hot, constants not
 * at all. {@link #decode} takes the nearest domain values, so a relaxed optimum becomes a valid config, and
 * keeps only the leaves its own conditional choices make active.
 */
final class UnitEncoder {
  private final List<String> paths = new ArrayList<>();
  private final List<Domain> domains = new ArrayList<>();
  private final List<Integer> offsets = new ArrayList<>();
  private final Map<String, Object> constants = new LinkedHashMap<>();
  private final List<String> order;
  private final SearchSpace space;
  private final int dims;
  private final boolean[] numericDim;

  UnitEncoder(SearchSpace space) {
    this.space = space;
    order = List.copyOf(space.domains().keySet());
    int d = 0;
    List<Boolean> numeric = new ArrayList<>();
    for (Map.Entry<String, Domain> e : space.domains().entrySet()) {
      Domain domain = e.getValue();
      if (domain.isConstant()) {
        constants.put(e.getKey(), domain.sample(null));
        continue;
      }
      paths.add(e.getKey());
      domains.add(domain);
      offsets.add(d);
      int width = domain instanceof Categorical c ? c.size() : 1;
      for (int i = 0; i < width; i++) numeric.add(domain instanceof NumericDomain);
      d += width;
    }
    dims = d;
    numericDim = new boolean[d];
    for (int i = 0; i < d; i++) numericDim[i] = numeric.get(i);
  }

  int dims() {
    return dims;
  }

  /** True for dimensions of numeric leaves (the ones local refinement moves). */
  boolean isNumeric(int dim) {
    return numericDim[dim];
  }

  double[] encode(Map<String, Object> dotted) {
    double[] x = new double[dims];
    for (int i = 0; i < paths.size(); i++) {
      Object v = dotted.get(paths.get(i));
      // an inactive leaf of a conditional space: no category, and the middle of a numeric range, so points
      // of the same branch compare only on the leaves they use
      if (v == null) {
        if (!(domains.get(i) instanceof Categorical)) x[offsets.get(i)] = 0.5;
        continue;
      }
      if (domains.get(i) instanceof Categorical c) x[offsets.get(i) + Math.max(0, c.indexOf(v))] = 1;
      else x[offsets.get(i)] = ((NumericDomain) domains.get(i)).toUnit(v);
    }
    return x;
  }

  Map<String, Object> decode(double[] x) {
    Map<String, Object> values = new LinkedHashMap<>(constants);
    for (int i = 0; i < paths.size(); i++) {
      int off = offsets.get(i);
      if (domains.get(i) instanceof Categorical c) {
        int best = 0;
        for (int k = 1; k < c.size(); k++) if (x[off + k] > x[off + best]) best = k;
        values.put(paths.get(i), c.values().get(best));
      } else {
        values.put(paths.get(i), ((NumericDomain) domains.get(i)).fromUnit(x[off]));
      }
    }
    Map<String, Object> dotted = new LinkedHashMap<>();
    for (String p : order) dotted.put(p, values.get(p));
    return DottedConfig.prune(space, dotted);
  }

  /** A point as decode then encode give it: numeric values snapped to their grid, one category chosen. */
  double[] snap(double[] x) {
    return encode(decode(x));
  }

  /** Moves each categorical leaf of {@code x} (in place) to another random category with probability {@code p}. */
  void switchCategories(double[] x, double p, java.util.random.RandomGenerator rng) {
    for (int i = 0; i < paths.size(); i++) {
      if (!(domains.get(i) instanceof Categorical c) || c.size() < 2 || rng.nextDouble() >= p) continue;
      int off = offsets.get(i);
      int cur = 0;
      for (int k = 1; k < c.size(); k++) if (x[off + k] > x[off + cur]) cur = k;
      int next = rng.nextInt(c.size() - 1);
      if (next >= cur) next++;
      for (int k = 0; k < c.size(); k++) x[off + k] = k == next ? 1 : 0;
    }
  }

  /** A uniformly random point: numeric dims uniform, one category per categorical leaf. */
  double[] random(java.util.random.RandomGenerator rng) {
    double[] x = new double[dims];
    for (int i = 0; i < paths.size(); i++) {
      int off = offsets.get(i);
      if (domains.get(i) instanceof Categorical c) x[off + rng.nextInt(c.size())] = 1;
      else x[off] = rng.nextDouble();
    }
    return x;
  }
}
