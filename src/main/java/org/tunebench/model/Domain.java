package org.tunebench.model;

import java.util.random.RandomGenerator;

/** TEMPORARY shape, replaced by the model work. */
public interface Domain {
  Object sample(RandomGenerator rng);
  boolean contains(Object value);
}
