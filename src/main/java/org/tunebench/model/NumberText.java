package org.tunebench.model;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * The one number formatter of the workbench (tables, Details, charts, compare) and of the HTML report, which
 * sits below the GUI and so cannot use the GUI's {@code Numbers}. Short form for cells and axis
 * labels: four significant digits, scientific notation outside [1e-3, 1e5) so tiny losses never collapse to
 * "0"; exact integers stay integers. Full form for tooltips and copies: the shortest text that reads back as the
 * same double.
 */
public final class NumberText {
  private static final int SIGNIFICANT = 4;

  private NumberText() {}

  /** Short form, e.g. 0.003886, 1.94e-14, 12.35, 1.235e+06, 42. */
  public static String format(double v) {
    return format(v, SIGNIFICANT);
  }

  /** Short form with the given number of significant digits (at least 1). */
  public static String format(double v, int significant) {
    if (Double.isNaN(v)) return "NaN";
    if (Double.isInfinite(v)) return v > 0 ? "∞" : "-∞";
    if (v == 0) return "0";
    double a = Math.abs(v);
    int digits = Math.max(1, significant);
    if (a < 1e7 && v == Math.rint(v)) return Long.toString((long) v);
    if (a >= 1e5 || a < 1e-3) return scientific(v, digits);
    BigDecimal rounded = new BigDecimal(v).round(new MathContext(digits));
    // rounding can reach the scientific range (99999.5 -> 1.000e5): keep one style per magnitude
    if (Math.abs(rounded.doubleValue()) >= 1e5) return scientific(v, digits);
    return rounded.stripTrailingZeros().toPlainString();
  }

  /** The shortest exact text for tooltips and clipboard copies, e.g. 0.0038857 or 1.94e-14. */
  public static String full(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) return format(v);
    if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
    return Double.toString(v).replace("E", "e");
  }

  /** Formats a value that may be a number, a string or a boolean (a config or metric value). */
  public static String any(Object v) {
    if (v == null) return "";
    if (v instanceof Double || v instanceof Float) return format(((Number) v).doubleValue());
    return String.valueOf(v);
  }

  /** Full form of a value that may be a number, a string or a boolean. */
  public static String anyFull(Object v) {
    if (v == null) return "";
    if (v instanceof Double || v instanceof Float) return full(((Number) v).doubleValue());
    return String.valueOf(v);
  }

  private static String scientific(double v, int digits) {
    String s = String.format(Locale.ROOT, "%." + (digits - 1) + "e", v);
    int e = s.indexOf('e');
    String mantissa = s.substring(0, e);
    if (mantissa.contains(".")) mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
    String exp = s.substring(e + 1);
    boolean negative = exp.startsWith("-");
    exp = exp.replaceFirst("^[+-]", "").replaceFirst("^0+(?=\\d)", "");
    return mantissa + "e" + (negative ? "-" : "") + exp;
  }
}
