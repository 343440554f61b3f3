package org.tunebench.ui.format;

import org.tunebench.model.NumberText;

/**
 * The one number formatter of the workbench (tables, Details, charts, compare), {@link NumberText} under the
 * name the GUI code uses. Short form for cells and axis labels: four significant digits, scientific notation
 * outside [1e-3, 1e5) so tiny losses never collapse to "0"; exact integers stay integers. Full form for tooltips
 * and copies: the shortest text that reads back as the same double.
 */
public final class Numbers {
  private Numbers() {}

  /** Short form, e.g. 0.003886, 1.94e-14, 12.35, 1.235e+06, 42. */
  public static String format(double v) {
    return NumberText.format(v);
  }

  /** Short form with the given number of significant digits (at least 1). */
  public static String format(double v, int significant) {
    return NumberText.format(v, significant);
  }

  /** The shortest exact text for tooltips and clipboard copies, e.g. 0.0038857 or 1.94e-14. */
  public static String full(double v) {
    return NumberText.full(v);
  }

  /** Formats a value that may be a number, a string or a boolean (a config or metric value). */
  public static String any(Object v) {
    return NumberText.any(v);
  }

  /** Full form of a value that may be a number, a string or a boolean. */
  public static String anyFull(Object v) {
    return NumberText.anyFull(v);
  }
}
