package org.tunebench.ui.chart;

/** How the workbench's charts write a number on an axis, in a tooltip or a legend. */
public final class Axes {
  private Axes() {
  }

  /** The workbench's one number format ({@link org.tunebench.ui.format.Numbers}), so ticks read as the table does. */
  public static String fmt(double v) {
    return org.tunebench.ui.format.Numbers.format(v);
  }
}
