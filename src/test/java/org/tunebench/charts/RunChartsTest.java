package org.tunebench.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;

class RunChartsTest {
  @Test void emaIsDebiasedLikeTensorBoardAndZeroWeightLeavesValues() {
    double[] v = {10, 0, 10, 0};
    assertArrayEquals(v, RunCharts.ema(v, 0));
    double[] s = RunCharts.ema(v, 0.5);
    assertEquals(10, s[0], 1e-12, "the first point is not pulled towards 0");
    assertEquals((0.5 * 5 + 0) / (1 - 0.25), s[1], 1e-12);
    assertTrue(s[3] > 0 && s[3] < 10);
    double[] withNaN = RunCharts.ema(new double[] {1, Double.NaN, 1}, 0.9);
    assertTrue(Double.isNaN(withNaN[1]));
    assertEquals(1, withNaN[2], 1e-12);
  }

  @Test void intermediateValuesMarkTheRungsAndSmoothOnRequest() {
    List<RunCharts.Curve> c = List.of(new RunCharts.Curve("a", new double[] {1, 2, 3}, new double[] {3, 1, 2}));
    JFreeChart raw = RunCharts.intermediate(c, "loss", List.of(1.0, 3.0), 1, ChartStyle.light());
    XYPlot p = (XYPlot) raw.getPlot();
    var markers = List.copyOf(p.getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND));
    assertEquals(2, markers.size());
    assertEquals(org.jfree.chart.ui.TextAnchor.TOP_LEFT, ((org.jfree.chart.plot.Marker) markers.get(0)).getLabelTextAnchor(),
        "a rung inside the plot is labelled on its right");
    assertEquals(org.jfree.chart.ui.TextAnchor.TOP_RIGHT, ((org.jfree.chart.plot.Marker) markers.get(1)).getLabelTextAnchor(),
        "the last rung, at the right edge, on its left");
    assertEquals(1, p.getDataset().getYValue(0, 1), 0);
    JFreeChart sm = RunCharts.intermediate(c, "loss", List.of(), 1, 0.6, ChartStyle.light());
    assertEquals(RunCharts.ema(new double[] {3, 1, 2}, 0.6)[1], ((XYPlot) sm.getPlot()).getDataset().getYValue(0, 1), 1e-12);
    assertTrue(sm.getTitle().getText().contains("smoothed 0.6"));
  }

  @Test void aCurveThatGoesBackInStepsIsBrokenThereAndTheRestartMarked() {
    // a PBT trial at step 3 takes a donor's checkpoint of step 2 and carries on
    List<RunCharts.Curve> c = List.of(new RunCharts.Curve("a", new double[] {1, 2, 3, 2, 3}, new double[] {5, 4, 3, 1, 0.5}));
    XYPlot p = (XYPlot) RunCharts.intermediate(c, "loss", List.of(), 1, ChartStyle.light()).getPlot();
    assertEquals(6, p.getDataset().getItemCount(0));
    assertEquals(null, ((org.jfree.data.xy.XYSeriesCollection) p.getDataset()).getSeries(0).getY(3), "a gap breaks the line");
    var r = (org.jfree.chart.renderer.xy.XYLineAndShapeRenderer) p.getRenderer();
    assertTrue(r.getItemShapeVisible(0, 4), "the restart point is marked");
    assertTrue(!r.getItemShapeVisible(0, 2));
  }

  /**
   * The trials a chart draws in colour get colours by their numbers, in any order they come, distinct while the
   * palette lasts: the learning curves and the intermediate values agree on the same trials.
   */
  @Test void highlightedTrialsGetTheirOwnDistinctColoursWhateverTheirRank() {
    ChartStyle s = ChartStyle.light();
    int n = s.trialColours().size();
    // 00004, 00004 + n and 00004 + 2n would share a colour by number alone
    List<String> ids = List.of(String.format("%05d", 4 + 2 * n), "00004", String.format("%05d", 4 + n), "00001");
    java.util.Map<String, Integer> slots = ChartStyle.slots(ids, n);
    assertEquals(4, new java.util.HashSet<>(slots.values()).size(), "distinct: " + slots);
    assertEquals(slots, ChartStyle.slots(List.of("00001", "00004", String.format("%05d", 4 + n), String.format("%05d", 4 + 2 * n)), n),
        "the order they come in does not matter");
    assertEquals(4, slots.get("00004"));
    List<RunCharts.Curve> c = ids.stream().map(id -> new RunCharts.Curve(id, new double[] {1, 2}, new double[] {2, 1})).toList();
    XYPlot p = (XYPlot) RunCharts.intermediate(c, "loss", List.of(), 4, s).getPlot();
    for (int i = 0; i < ids.size(); i++) {
      assertEquals(s.trialColours().get(slots.get(p.getDataset().getSeriesKey(i).toString())), p.getRenderer().getSeriesPaint(i));
    }
    org.junit.jupiter.api.Assertions.assertFalse(s.trialColours().contains(s.accent()), "the accent marks the selection only");
  }

  @Test void aFlatBestSoFarStillHasAReadableAxis() {
    JFreeChart c = RunCharts.bestSoFar(List.of(new RunCharts.Run("x", new double[] {0.9966667, 0.9966667})), "accuracy",
        org.tunebench.model.ExperimentSpec.Mode.MAX, ChartStyle.light());
    var y = ((XYPlot) c.getPlot()).getRangeAxis();
    assertTrue(y.getRange().getLength() >= 0.9966667 * 0.02 - 1e-12, y.getRange().toString());
    assertEquals("Best so far, by trial", c.getTitle().getText(), "told apart from the best so far by time");
  }
}
