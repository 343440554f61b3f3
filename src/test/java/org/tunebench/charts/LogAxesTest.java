package org.tunebench.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.api.Test;

class LogAxesTest {
  private static List<String> labels(double lo, double hi) {
    LogAxis a = LogAxes.of("loss");
    a.setRange(lo, hi);
    Graphics2D g = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB).createGraphics();
    @SuppressWarnings("unchecked")
    List<ValueTick> ticks = a.refreshTicks(g, new AxisState(), new Rectangle2D.Double(0, 0, 400, 400), RectangleEdge.LEFT);
    return ticks.stream().map(LogAxesTest::text).filter(t -> !t.isEmpty()).toList();
  }

  private static String text(ValueTick t) {
    if (t.getText() != null) return t.getText();
    if (!(t instanceof org.jfree.chart.axis.LogTick l) || l.getAttributedLabel() == null) return "";
    StringBuilder b = new StringBuilder();
    java.text.AttributedCharacterIterator it = l.getAttributedLabel().getIterator();
    for (char c = it.first(); c != java.text.CharacterIterator.DONE; c = it.next()) b.append(c);
    return b.toString();
  }

  /** Ticks on whole powers of ten, as plain numbers: JFreeChart's default put them at "10^2.5". */
  @Test void severalDecadesTickAtPowersOfTenReadAsNumbers() {
    assertEquals(List.of("0.01", "0.1", "1", "10", "100", "1000"), labels(0.005, 2000));
  }

  @Test void tinyAndHugeValuesUseExponents() {
    assertEquals(List.of("1e-8", "1e-7", "1e-6", "1e-5"), labels(1e-8, 1e-5));
  }
}
