package org.tunebench.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reads a domain's spec arguments, checking arity and types so each error names the exact JSON path. */
final class DomainParser {
  private DomainParser() {}

  static Domain parse(String name, JsonNode args, String path) {
    if (!Domain.isDomainName(name)) {
      throw new SpecException(path, "unknown domain \"" + name + "\"; allowed: " + String.join(", ", Domain.NAMES));
    }
    if (args == null || !args.isArray()) {
      throw new SpecException(path, "expected an array " + shape(name) + ", got " + describe(args));
    }
    if (name.equals("choice") || name.equals("grid")) {
      NestedChoice nested = NestedChoice.parseOrNull(name, args, path);
      if (nested != null) return nested;
    }
    try {
      return switch (name) {
        case "uniform" -> new FloatRange(num(args, 0, 2, name, path), num(args, 1, 2, name, path), false, 0);
        case "loguniform" -> new FloatRange(num(args, 0, 2, name, path), num(args, 1, 2, name, path), true, 0);
        case "quniform" -> new FloatRange(num(args, 0, 3, name, path), num(args, 1, 3, name, path), false,
            positiveQ(num(args, 2, 3, name, path)));
        case "qloguniform" -> new FloatRange(num(args, 0, 3, name, path), num(args, 1, 3, name, path), true,
            positiveQ(num(args, 2, 3, name, path)));
        case "randn" -> new Normal(num(args, 0, 2, name, path), num(args, 1, 2, name, path), 0);
        case "qrandn" -> new Normal(num(args, 0, 3, name, path), num(args, 1, 3, name, path),
            positiveQ(num(args, 2, 3, name, path)));
        case "randint" -> IntRange.randint(whole(args, 0, 2, name, path), whole(args, 1, 2, name, path));
        case "lograndint" -> IntRange.lograndint(whole(args, 0, 2, name, path), whole(args, 1, 2, name, path));
        case "qrandint" -> IntRange.qrandint(whole(args, 0, 3, name, path), whole(args, 1, 3, name, path),
            whole(args, 2, 3, name, path));
        case "choice" -> new Choice(values(args));
        case "grid" -> new Grid(values(args));
        default -> throw new IllegalStateException("domain name listed but not parsed: " + name);
      };
    } catch (IllegalArgumentException e) {
      throw new SpecException(path, e.getMessage());
    }
  }

  private static double positiveQ(double q) {
    if (!(q > 0)) throw new IllegalArgumentException("needs q > 0, got " + FloatRange.fmt(q));
    return q;
  }

  private static double num(JsonNode args, int i, int arity, String name, String path) {
    checkArity(args, arity, name, path);
    JsonNode v = args.get(i);
    if (!v.isNumber()) throw new SpecException(JsonPaths.index(path, i), "expected a number, got " + describe(v));
    return v.doubleValue();
  }

  private static long whole(JsonNode args, int i, int arity, String name, String path) {
    checkArity(args, arity, name, path);
    JsonNode v = args.get(i);
    if (!v.isNumber() || !v.canConvertToExactIntegral() || !v.canConvertToLong()) {
      throw new SpecException(JsonPaths.index(path, i), "expected a whole number, got " + describe(v));
    }
    return v.longValue();
  }

  private static void checkArity(JsonNode args, int arity, String name, String path) {
    if (args.size() != arity) {
      throw new SpecException(path, "expected " + arity + " values " + shape(name) + ", got " + args.size());
    }
  }

  private static List<Object> values(JsonNode args) {
    List<Object> values = new ArrayList<>(args.size());
    args.forEach(v -> values.add(JsonValues.toJava(v)));
    return values;
  }

  private static String shape(String name) {
    return switch (name) {
      case "uniform", "loguniform", "randint", "lograndint" -> "[lo, hi]";
      case "quniform", "qloguniform", "qrandint" -> "[lo, hi, q]";
      case "randn" -> "[mean, sd]";
      case "qrandn" -> "[mean, sd, q]";
      default -> "of values";
    };
  }

  static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) return "nothing";
    String text = node.toString();
    return text.length() > 60 ? text.substring(0, 57) + "..." : text;
  }
}
