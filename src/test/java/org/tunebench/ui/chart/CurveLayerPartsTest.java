package org.tunebench.ui.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tunebench.charts.RunCharts;

/** The toolkit-free parts of the live curves: incremental smoothing and the raster's clipping. */
class CurveLayerPartsTest {
  @Test void incrementalSmoothingEqualsTheBatchEmaWithNaNsKept() {
    double[] v = {3, 1, Double.NaN, 4, 1, 5, 9, 2, 6};
    DoubleList ys = new DoubleList();
    Smoothed s = new Smoothed(0.6);
    DoubleList out = null;
    for (double d : v) {
      ys.add(d);
      out = s.update(ys);
    }
    double[] batch = RunCharts.ema(v, 0.6);
    for (int i = 0; i < v.length; i++) assertEquals(batch[i], out.get(i), 1e-12, "point " + i);
    assertTrue(Double.isNaN(out.get(2)));
    assertEquals(3, out.get(0), 1e-12, "debiased: the first point is not pulled towards zero");
  }

  @Test void aSegmentReachingFarOutsideIsClippedNotDropped() {
    LineRaster r = new LineRaster();
    r.reset(10, 10);
    // a zoomed-in plot: the segment runs from far left to far right through the raster's middle row
    r.line(-1e6, 5, 1e6, 5, 0xff000000);
    for (int x = 0; x < 10; x++) assertEquals(0xff, r.pixels()[5 * 10 + x] >>> 24, "pixel " + x);
    r.reset(10, 10);
    r.line(-50, -50, -10, 20, 0xff000000);
    assertArrayEquals(new int[100], java.util.Arrays.copyOf(r.pixels(), 100), "a segment wholly outside draws nothing");
  }

  @Test void fewerPointsPerCurveWhenManyTrialsShareTheBudget() {
    assertEquals(512, CurveLayer.cap(800, 10));
    assertEquals(64, CurveLayer.cap(800, 1000));
    assertEquals(16, CurveLayer.cap(800, 100_000));
  }
}
