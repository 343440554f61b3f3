package org.tunebench.model;

/**
 * A domain over numbers. The unit-interval mapping lets model-based searchers (TPE, GP) work in [0, 1]
 * whatever the scale: log domains map in log space, integer domains map each value to the middle of its
 * bucket so {@code fromUnit(toUnit(v)) == v}, and {@code fromUnit} of a uniform draw follows the same
 * distribution as {@link #sample}.
 */
public sealed interface NumericDomain extends Domain permits FloatRange, IntRange, Normal {

  boolean isInteger();

  boolean isLog();

  /** The quantisation step, 0 when values are not quantised. */
  double quantum();

  /** Where {@code value} lies in [0, 1]; values outside the domain are clamped to its ends. */
  double toUnit(Object value);

  /** The domain value at {@code u} in [0, 1], quantised and inside the domain. */
  Object fromUnit(double u);

  /** Ray Tune's quantisation, {@code np.round(value / q) * q}: round half to even, like numpy. */
  static double quantize(double value, double q) {
    return Math.rint(value / q) * q;
  }
}
