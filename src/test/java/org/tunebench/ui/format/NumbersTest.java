package org.tunebench.ui.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NumbersTest {
  @Test
  void tinyLossesKeepTheirMagnitudeInsteadOfCollapsingToZero() {
    assertEquals("1.94e-14", Numbers.format(1.94e-14));
    assertEquals("-2.5e-10", Numbers.format(-2.5e-10));
    assertEquals("1e-5", Numbers.format(1e-5));
  }

  @Test
  void nearbyLogUniformValuesStayDistinct() {
    assertEquals("0.003886", Numbers.format(0.0038857));
    assertEquals("0.003573", Numbers.format(0.0035729));
  }

  @Test
  void significantDigitsInTheMiddleRange() {
    assertEquals("12.35", Numbers.format(12.3456));
    assertEquals("0.5", Numbers.format(0.5));
    assertEquals("1235", Numbers.format(1234.56));
    assertEquals("1.235e5", Numbers.format(123456.7));
    assertEquals("1e5", Numbers.format(99999.7));
  }

  @Test
  void integersAndSpecialValues() {
    assertEquals("0", Numbers.format(0.0));
    assertEquals("42", Numbers.format(42.0));
    assertEquals("-3", Numbers.format(-3.0));
    assertEquals("NaN", Numbers.format(Double.NaN));
    assertEquals("∞", Numbers.format(Double.POSITIVE_INFINITY));
    // close to an integer is not an integer: the old formatter showed this as 1
    assertEquals("1", Numbers.format(1.0000000001));
    assertEquals("1.0000000001", Numbers.full(1.0000000001));
  }

  @Test
  void fullFormReadsBackAsTheSameDouble() {
    for (double v : new double[] {0.0038857, 1.94e-14, 0.1 + 0.2, 123456.789, -7.25e22, 3.0}) {
      assertEquals(v, Double.parseDouble(Numbers.full(v)));
    }
    assertEquals("0.0038857", Numbers.full(0.0038857));
    assertEquals("1.94e-14", Numbers.full(1.94e-14));
  }

  @Test
  void anyFormatsOnlyFloatingPointValues() {
    assertEquals("lr", Numbers.any("lr"));
    assertEquals("7", Numbers.any(7));
    assertEquals("0.003886", Numbers.any(0.0038857));
    assertEquals("", Numbers.any(null));
  }
}
