package org.tunebench.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.random.RandomGenerator;
import org.apache.commons.math3.special.Erf;

/**
 * {@code randn [mean,sd]} and {@code qrandn [mean,sd,q]}: normally distributed, unbounded. The unit-interval
 * mapping is the normal CDF, so a uniform draw in [0, 1] mapped back is again normally distributed.
 */
public record Normal(double mean, double sd, double q) implements NumericDomain {
  // keeps fromUnit(0) and fromUnit(1) finite: about 7 standard deviations out
  private static final double UNIT_EDGE = 1e-12;
  // how many standard deviations out a draw must stay finite: beyond what fromUnit and nextGaussian reach
  private static final double REACH_SDS = 10;

  public Normal {
    if (!Double.isFinite(mean) || !Double.isFinite(sd) || !Double.isFinite(q)) {
      throw new IllegalArgumentException("needs finite numbers");
    }
    if (!(sd > 0)) throw new IllegalArgumentException("needs sd > 0, got " + FloatRange.fmt(sd));
    if (q < 0) throw new IllegalArgumentException("needs q > 0, got " + FloatRange.fmt(q));
    // draws reach about 7 sd out (fromUnit's edge, the sampler's tail); past the largest double they are infinite
    double reach = Math.abs(mean) + REACH_SDS * sd;
    if (!Double.isFinite(reach) || q > 0 && !Double.isFinite(reach / q)) {
      throw new IllegalArgumentException("needs |mean| + " + (int) REACH_SDS + " * sd" + (q > 0 ? " (divided by q)" : "")
          + " to be a finite number, or draws overflow to infinity; got [" + FloatRange.fmt(mean) + ", "
          + FloatRange.fmt(sd) + (q > 0 ? ", " + FloatRange.fmt(q) : "") + "]");
    }
  }

  @Override public String kind() {
    return q > 0 ? "qrandn" : "randn";
  }

  @Override public boolean isInteger() {
    return false;
  }

  @Override public boolean isLog() {
    return false;
  }

  @Override public double quantum() {
    return q;
  }

  @Override public Object sample(RandomGenerator rng) {
    return finish(mean + sd * rng.nextGaussian());
  }

  @Override public boolean contains(Object value) {
    if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) return false;
    return q == 0 || FloatRange.isMultiple(n.doubleValue(), q);
  }

  @Override public double toUnit(Object value) {
    double z = (((Number) value).doubleValue() - mean) / sd;
    return 0.5 * Erf.erfc(-z / Math.sqrt(2));
  }

  @Override public Object fromUnit(double u) {
    double t = Math.min(1 - UNIT_EDGE, Math.max(UNIT_EDGE, u));
    return finish(mean + sd * Math.sqrt(2) * Erf.erfInv(2 * t - 1));
  }

  @Override public JsonNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    ArrayNode args = node.putArray(kind());
    args.add(JsonValues.number(mean)).add(JsonValues.number(sd));
    if (q > 0) args.add(JsonValues.number(q));
    return node;
  }

  private Double finish(double v) {
    return q > 0 ? NumericDomain.quantize(v, q) : v;
  }
}
