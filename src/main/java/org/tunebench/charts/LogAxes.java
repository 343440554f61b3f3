package org.tunebench.charts;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.ui.RectangleEdge;

/**
 * A log axis whose ticks sit on whole powers of ten and read as plain numbers (0.01, 1, 100), where JFreeChart's
 * default put ticks at half powers labelled "10^2.5".
 */
public final class LogAxes {
  private LogAxes() {}

  public static LogAxis of(String label) {
    LogAxis a = new WholePowers(label);
    a.setSmallestValue(1e-300);
    a.setNumberFormatOverride(new Plain());
    return a;
  }

  /** Whole exponent steps when the range spans a decade or more; JFreeChart's own choice inside one decade. */
  private static final class WholePowers extends LogAxis {
    WholePowers(String label) {
      super(label);
    }

    @Override protected void selectAutoTickUnit(Graphics2D g2, Rectangle2D area, RectangleEdge edge) {
      super.selectAutoTickUnit(g2, area, edge);
      double decades = calculateLog(getUpperBound()) - calculateLog(getLowerBound());
      if (decades >= 1 && getTickUnit().getSize() < 1) setTickUnit(new NumberTickUnit(1), false, false);
      else if (decades >= 1 && getTickUnit().getSize() != Math.rint(getTickUnit().getSize())) {
        setTickUnit(new NumberTickUnit(Math.ceil(getTickUnit().getSize())), false, false);
      }
    }
  }

  /** 0.001 to 99,999 as decimals, beyond that 1e-6 / 1e+06. */
  static final class Plain extends NumberFormat {
    private static final DecimalFormat DEC = new DecimalFormat("0.###", DecimalFormatSymbols.getInstance(Locale.ROOT));
    private static final DecimalFormat SCI = new DecimalFormat("0.#E0", DecimalFormatSymbols.getInstance(Locale.ROOT));

    @Override public StringBuffer format(double v, StringBuffer to, FieldPosition pos) {
      double a = Math.abs(v);
      if (v == 0 || (a >= 1e-3 && a < 1e5)) return DEC.format(v, to, pos);
      return to.append(SCI.format(v).replace("E", "e"));
    }

    @Override public StringBuffer format(long v, StringBuffer to, FieldPosition pos) {
      return format((double) v, to, pos);
    }

    @Override public Number parse(String s, ParsePosition pos) {
      return DEC.parse(s, pos);
    }
  }
}
