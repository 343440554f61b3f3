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
    // sampling and the unit mapping count the values (hi - lo, one more for qrandint) in a long
    if (hi - lo < 0 || hi - lo == Long.MAX_VALUE) {
      throw new IllegalArgumentException("needs hi - lo below " + Long.MAX_VALUE + " (2^63 - 1), got [" + lo + ", " + hi + "]");
    }
    if (type == Kind.QRANDINT) {
      if (q < 1) throw new IllegalArgumentException("needs a whole q >= 1, got " + q);
      if (!hasMultiple(lo, hi, q)) {
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
      case QRANDINT -> roundToQ(min() + rng.nextLong(max() - min() + 1)); // max() + 1 may overflow
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
      // t * width is a double and may round up past the last offset, so it is capped before it is added
      case RANDINT -> clamp(lo + Math.min(hi - lo - 1, (long) Math.floor(t * (hi - lo))));
      case LOGRANDINT -> clamp((long) Math.floor(Math.exp(Math.log(lo) + t * (Math.log(hi) - Math.log(lo)))));
      case QRANDINT -> roundToQ(clamp(min() + Math.min(max() - min(), (long) Math.floor(t * (max() - min() + 1)))));
    };
  }

  @Override public JsonNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    ArrayNode args = node.putArray(kind());
    args.add(lo).add(hi);
    if (type == Kind.QRANDINT) args.add(q);
    return node;
  }

  /** {@link NumericDomain#quantize} in whole numbers: through a double, values past 2^53 miss the multiples of q. */
  private long roundToQ(long v) {
    long r = Math.floorMod(v, q);
    long down = v - r; // v lies between multiples min() and max(), so down and down + q stay in range
    boolean downIsEven = Math.floorDiv(down, q) % 2 == 0;
    return r < q - r || r == q - r && downIsEven ? down : down + q;
  }

  private long clamp(long v) {
    return Math.min(max(), Math.max(min(), v));
  }

  /** Whether a multiple of q lies in [lo, hi]; one beyond the range of a long does not. */
  private static boolean hasMultiple(long lo, long hi, long q) {
    try {
      return ceilMultiple(lo, q) <= floorMultiple(hi, q);
    } catch (ArithmeticException e) {
      return false;
    }
  }

  // written as v +- a remainder so that bounds near Long.MIN_VALUE / MAX_VALUE do not wrap around silently
  private static long ceilMultiple(long v, long q) {
    long r = Math.floorMod(v, q);
    return r == 0 ? v : Math.addExact(v, q - r);
  }

  private static long floorMultiple(long v, long q) {
    return Math.subtractExact(v, Math.floorMod(v, q));
  }
}
