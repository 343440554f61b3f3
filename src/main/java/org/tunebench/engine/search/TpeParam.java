package org.tunebench.engine.search;

import org.tunebench.model.Categorical;
import org.tunebench.model.Domain;
import org.tunebench.model.FloatRange;
import org.tunebench.model.IntRange;
import org.tunebench.model.Normal;

/**
 * One leaf as TPE models it, following Optuna's {@code _calculate_parzen_bounds}: log domains in log space,
 * integer and quantised domains as buckets of width {@code step} with bounds widened by half a step,
 * categoricals (and grids) by index. {@code randn} has no bounds, so it is modelled through its CDF on [0, 1].
 */
record TpeParam(String path, Domain domain, int choices, double low, double high, double step) {

  boolean isCategorical() {
    return choices > 0;
  }

  static TpeParam of(String path, Domain domain) {
    if (domain instanceof Categorical c) return new TpeParam(path, domain, c.size(), 0, 0, 0);
    if (domain instanceof FloatRange f) {
      if (f.isLog()) return new TpeParam(path, domain, 0, Math.log(f.lo()), Math.log(f.hi()), 0);
      double first = ((Number) f.fromUnit(0)).doubleValue();
      double last = ((Number) f.fromUnit(1)).doubleValue();
      double q = f.quantum();
      return new TpeParam(path, domain, 0, first - q / 2, last + q / 2, q);
    }
    if (domain instanceof IntRange i) {
      if (i.isLog()) return new TpeParam(path, domain, 0, Math.log(i.min() - 0.5), Math.log(i.max() + 0.5), 0);
      double q = i.type() == IntRange.Kind.QRANDINT ? i.q() : 1;
      return new TpeParam(path, domain, 0, i.min() - q / 2, i.max() + q / 2, q);
    }
    if (domain instanceof Normal) return new TpeParam(path, domain, 0, 0, 1, 0);
    throw new IllegalArgumentException(path + ": TPE does not model " + domain.kind());
  }

  /** The value's coordinate in the model's space. */
  double toInternal(Object value) {
    if (domain instanceof Categorical c) return c.indexOf(value);
    double v = ((Number) value).doubleValue();
    if (domain instanceof Normal n) return n.toUnit(value);
    return domain instanceof FloatRange f && f.isLog() || domain instanceof IntRange i && i.isLog() ? Math.log(v) : v;
  }

  /** The domain value nearest to coordinate {@code x}: rounded to the domain's grid and clamped into it. */
  Object toValue(double x) {
    if (domain instanceof Categorical c) return c.values().get((int) Math.max(0, Math.min(choices - 1, Math.round(x))));
    if (domain instanceof Normal n) return n.fromUnit(x);
    if (domain instanceof IntRange i) {
      long v = Math.round(i.isLog() ? Math.exp(x) : x);
      return i.fromUnit(i.toUnit(v)); // the domain's own round trip clamps and snaps to multiples of q
    }
    FloatRange f = (FloatRange) domain;
    return f.fromUnit(f.toUnit(f.isLog() ? Math.exp(x) : x));
  }
}
