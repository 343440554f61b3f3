package org.tunebench.ui.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class AxesFormatTest {
  /** Ticks read "0.1, 1, 10", not "0.100, 1, 10", and as the table reads them (one formatter). */
  @Test void ticksOfOneAxisReadAlike() {
    Locale before = Locale.getDefault();
    Locale.setDefault(Locale.ROOT);
    try {
      assertEquals("0.1", Axes.fmt(0.1));
      assertEquals("0.01", Axes.fmt(0.01));
      assertEquals("1", Axes.fmt(1));
      assertEquals("10", Axes.fmt(10));
      assertEquals("2.5", Axes.fmt(2.5));
      assertEquals("0.1234", Axes.fmt(0.1234));
      assertEquals("-0.5", Axes.fmt(-0.5));
      assertEquals("1e-4", Axes.fmt(1e-4));
      assertEquals("1.94e-14", Axes.fmt(1.94e-14), "a tiny loss is not zero");
      assertEquals("3", Axes.fmt(3.0000000001));
    } finally {
      Locale.setDefault(before);
    }
  }
}
