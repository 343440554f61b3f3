package org.tunebench.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import java.util.List;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.tunebench.app.analysis.Lineage;

/** Links at one step stand apart, so a donor's two links are not drawn as one line through the nearer row. */
class LineageChartTest {
  @Test void linksAtOneStepAreDrawnSideBySide() {
    Instant t = Instant.now();
    Lineage l = new Lineage(List.of(new Lineage.Span("00002", 0, 0, 30), new Lineage.Span("00003", 1, 0, 30),
        new Lineage.Span("00004", 2, 0, 30)), List.of(
        new Lineage.Link("exploit", "00002", "00003", 10, t, ""),
        new Lineage.Link("exploit", "00002", "00004", 10, t, ""),
        new Lineage.Link("exploit", "00003", "00004", 20, t, "")));
    XYDataset links = LineageChart.of(l, ChartStyle.light()).getXYPlot().getDataset(0);
    double a = links.getXValue(0, 0);
    double b = links.getXValue(1, 0);
    assertEquals(10, a, 1e-9, "the first keeps its step");
    assertNotEquals(a, b, "the second stands beside it");
    assertEquals(b, links.getXValue(1, 1), 1e-9, "still a vertical link");
    assertEquals(20, links.getXValue(2, 0), 1e-9, "a link alone at its step stays there");
  }
}
