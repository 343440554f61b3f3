package org.tunebench.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.random.RandomGenerator;

/**
 * The integer domains, with Ray Tune's bounds: {@code randint [lo,hi)} and {@code lograndint [lo,hi)} exclude
 * the upper bound; {@code qrandint [lo,hi,q]} includes it and gives multiples of q (a draw between the
 * multiples nearest inside, rounded half to even as numpy does). Values are {@link Long}.
 */
public record IntRange(Kind type, long lo, long hi, long q) implements NumericDomain {

  public enum Kind { RANDINT, QRANDINT, LOGRANDINT }

  public IntRange {
    if (type == null) throw new IllegalArgumentException("needs a kind");
    if (type == Kind.LOGRANDINT && !(lo > 0 && lo < hi)) {
      throw new IllegalArgumentException("needs 0 < lo < hi, got [" + lo + ", " + hi + "]");
    }
    if (!(lo < hi)) throw new IllegalArgumentException("needs lo < hi, got [" + lo + ", " + hi + "]");
    if (type == Kind.QRANDINT) {
      if (q < 1) throw new IllegalArgumentException("needs a whole q >= 1, got " + q);
      if (ceilMultiple(lo, q) > floorMultiple(hi, q)) {
        throw new IllegalArgumentException("no multiple of q = " + q + " lies in [" + lo + ", " + hi + "]");
      }
    } else if (q != 1) {
      throw new IllegalArgumentException(type.name().toLowerCase() + " takes no q");
    }
  }

  public static IntRange randint(long lo, long hi) {
    return new IntRange(Kind.RANDINT, lo, hi, 1);
  }

  public static IntRange lograndint(long lo, long hi) {
    return new IntRange(Kind.LOGRANDINT, lo, hi, 1);
  }

  public static IntRange qrandint(long lo, long hi, long q) {
    return new IntRange(Kind.QRANDINT, lo, hi, q);
  }

  @Override public String kind() {
    return type.name().toLowerCase();
  }

  /** The smallest value the domain gives. */
  public long min() {
    return type == Kind.QRANDINT ? ceilMultiple(lo, q) : lo;
  }

  /** The largest value the domain gives (inclusive). */
  public long max() {
    return type == Kind.QRANDINT ? floorMultiple(hi, q) : hi - 1;
  }

  @Override public boolean isInteger() {
    return true;
  }

  @Override public boolean isLog() {
    return type == Kind.LOGRANDINT;
  }

  @Override public double quantum() {
    return type == Kind.QRANDINT ? q : 0;
  }

  @Override public Object sample(RandomGenerator rng) {
    return switch (type) {
      case RANDINT -> rng.nextLong(lo, hi);
      case LOGRANDINT -> clamp((long) Math.floor(Math.exp(rng.nextDouble(Math.log(lo), Math.log(hi)))));
      case QRANDINT -> roundToQ(rng.nextLong(min(), max() + 1));
    };
  }

  @Override public boolean contains(Object value) {
    if (!(value instanceof Number n)) return false;
    double d = n.doubleValue();
    if (d != Math.rint(d)) return false;
    long v = n.longValue();
    return v >= min() && v <= max() && (type != Kind.QRANDINT || v % q == 0);
  }

  @Override public double toUnit(Object value) {
    long v = clamp(((Number) value).longValue());
    if (type == Kind.LOGRANDINT) {
      return (Math.log(v + 0.5) - Math.log(lo)) / (Math.log(hi) - Math.log(lo));
    }
    return (v - min() + 0.5) / (max() - min() + 1);
  }

  @Override public Object fromUnit(double u) {
    double t = Math.min(1, Math.max(0, u));
    return switch (type) {
      case RANDINT -> clamp(lo + (long) Math.floor(t * (hi - lo)));
      case LOGRANDINT -> clamp((long) Math.floor(Math.exp(Math.log(lo) + t * (Math.log(hi) - Math.log(lo)))));
      case QRANDINT -> roundToQ(clamp(min() + (long) Math.floor(t * (max() - min() + 1))));
    };
  }

  @Override public JsonNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    ArrayNode args = node.putArray(kind());
    args.add(lo).add(hi);
    if (type == Kind.QRANDINT) args.add(q);
    return node;
  }

  private long roundToQ(long v) {
    return (long) NumericDomain.quantize(v, q);
  }

  private long clamp(long v) {
    return Math.min(max(), Math.max(min(), v));
  }

  private static long ceilMultiple(long v, long q) {
    return -Math.floorDiv(-v, q) * q;
  }

  private static long floorMultiple(long v, long q) {
    return Math.floorDiv(v, q) * q;
  }
}
