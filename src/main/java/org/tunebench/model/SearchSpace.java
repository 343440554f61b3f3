package org.tunebench.model;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/** TEMPORARY shape, replaced by the model work: the parsed search space. */
public final class SearchSpace {
  /** dotted path of every leaf (constants included) to its domain, in spec order */
  public Map<String, Domain> domains() { throw new UnsupportedOperationException("model work pending"); }
  /** cross product of grid leaves, each as dotted path -> value; one empty map when there is no grid */
  public List<Map<String, Object>> gridPoints() { throw new UnsupportedOperationException("model work pending"); }
  /** a nested config: grid leaves from gridPoint, others sampled from rng, constants as given */
  public Map<String, Object> resolve(Map<String, Object> gridPoint, RandomGenerator rng) { throw new UnsupportedOperationException("model work pending"); }
}
