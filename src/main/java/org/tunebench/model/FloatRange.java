package org.tunebench.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.random.RandomGenerator;

/**
 * {@code uniform [lo,hi]}, {@code loguniform [lo,hi]}, and with a step {@code q > 0} {@code quniform} and
 * {@code qloguniform}. As in Ray Tune, a quantised domain samples between the multiples of q nearest inside
 * [lo, hi] and then rounds to a multiple of q, so its values never leave [lo, hi].
 */
public record FloatRange(double lo, double hi, boolean log, double q) implements NumericDomain {
  // ceil(0.7 / 0.1) is 7 but 0.7 / 0.1 is 6.999..., so bounds on the q grid are found with a tolerance
  private static final double GRID_TOLERANCE = 1e-9;

  public FloatRange {
    if (!Double.isFinite(lo) || !Double.isFinite(hi) || !Double.isFinite(q)) {
      throw new IllegalArgumentException("needs finite numbers");
    }
    if (log && !(lo > 0 && lo < hi)) {
      throw new IllegalArgumentException("needs 0 < lo < hi, got [" + fmt(lo) + ", " + fmt(hi) + "]");
    }
    if (!(lo < hi)) throw new IllegalArgumentException("needs lo < hi, got [" + fmt(lo) + ", " + fmt(hi) + "]");
    // samplers and the unit mapping work with hi - lo; past the largest double it is infinite and they throw
    if (!Double.isFinite(hi - lo)) {
      throw new IllegalArgumentException("needs hi - lo to be a finite number (at most " + fmt(Double.MAX_VALUE)
          + "), got [" + fmt(lo) + ", " + fmt(hi) + "]");
    }
    if (q < 0) throw new IllegalArgumentException("needs q > 0, got " + fmt(q));
    // rounding divides by q: a q so small that lo / q or hi / q is infinite would round every draw to a bound
    if (q > 0 && !(Double.isFinite(lo / q) && Double.isFinite(hi / q))) {
      throw new IllegalArgumentException("q = " + fmt(q) + " is too small for [" + fmt(lo) + ", " + fmt(hi)
          + "]: lo / q and hi / q must be finite numbers");
    }
    if (q > 0 && lowMultiple(lo, q) > highMultiple(hi, q)) {
      throw new IllegalArgumentException("no multiple of q = " + fmt(q) + " lies in [" + fmt(lo) + ", " + fmt(hi) + "]");
    }
  }

  public static FloatRange uniform(double lo, double hi) {
    return new FloatRange(lo, hi, false, 0);
  }

  public static FloatRange loguniform(double lo, double hi) {
    return new FloatRange(lo, hi, true, 0);
  }

  @Override public String kind() {
    return (q > 0 ? "q" : "") + (log ? "loguniform" : "uniform");
  }

  @Override public boolean isInteger() {
    return false;
  }

  @Override public boolean isLog() {
    return log;
  }

  @Override public double quantum() {
    return q;
  }

  @Override public Object sample(RandomGenerator rng) {
    double a = sampleLow();
    double b = sampleHigh();
    if (a == b) return finish(a);
    return finish(log ? Math.exp(rng.nextDouble(Math.log(a), Math.log(b))) : rng.nextDouble(a, b));
  }

  @Override public boolean contains(Object value) {
    if (!(value instanceof Number n)) return false;
    double v = n.doubleValue();
    if (!(v >= lo && v <= hi)) return false;
    return q == 0 || isMultiple(v, q);
  }

  @Override public double toUnit(Object value) {
    double a = sampleLow();
    double b = sampleHigh();
    if (a == b) return 0.5;
    double v = Math.min(b, Math.max(a, ((Number) value).doubleValue()));
    return log ? (Math.log(v) - Math.log(a)) / (Math.log(b) - Math.log(a)) : (v - a) / (b - a);
  }

  @Override public Object fromUnit(double u) {
    double a = sampleLow();
    double b = sampleHigh();
    double t = Math.min(1, Math.max(0, u));
    return finish(log ? Math.exp(Math.log(a) + t * (Math.log(b) - Math.log(a))) : a + t * (b - a));
  }

  @Override public JsonNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    ArrayNode args = node.putArray(kind());
    args.add(JsonValues.number(lo)).add(JsonValues.number(hi));
    if (q > 0) args.add(JsonValues.number(q));
    return node;
  }

  private double sampleLow() {
    return q > 0 ? Math.max(lo, lowMultiple(lo, q)) : lo;
  }

  private double sampleHigh() {
    return q > 0 ? Math.min(hi, highMultiple(hi, q)) : hi;
  }

  /** Quantises, then clamps: exp(log(hi)) and k * q may miss [lo, hi] by an ulp. */
  private Double finish(double v) {
    double x = q > 0 ? NumericDomain.quantize(v, q) : v;
    return Math.min(hi, Math.max(lo, x));
  }

  private static double lowMultiple(double lo, double q) {
    return Math.ceil(lo / q - GRID_TOLERANCE) * q;
  }

  private static double highMultiple(double hi, double q) {
    return Math.floor(hi / q + GRID_TOLERANCE) * q;
  }

  static boolean isMultiple(double v, double q) {
    double k = v / q;
    return Math.abs(k - Math.rint(k)) <= GRID_TOLERANCE * Math.max(1, Math.abs(k));
  }

  static String fmt(double d) {
    return JsonValues.number(d).toString();
  }
}
