package org.tunebench.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tunebench.ui.chart.DoubleList;
import org.tunebench.ui.chart.LineRaster;
import org.tunebench.ui.chart.SeriesCache;

/** The learning-curve cache: incremental equals from-scratch, bounded output, NaN and log handling. */
class SeriesCacheTest {
  static DoubleList xs;
  static DoubleList ys;

  static int[] drawn(SeriesCache c) {
    int[][] out = {new int[4]};
    int n = c.indices(out, xs, ys);
    return Arrays.copyOf(out[0], n);
  }

  @Test void pointByPointGivesTheSameDecimationAsAllAtOnce() {
    xs = new DoubleList();
    ys = new DoubleList();
    SeriesCache live = new SeriesCache(64);
    Random r = new Random(3);
    for (int i = 0; i < 5000; i++) {
      xs.add(i);
      ys.add(Math.exp(-i / 900.0) + 0.05 * r.nextGaussian());
      live.update(xs, ys, false);
    }
    SeriesCache once = new SeriesCache(64);
    once.update(xs, ys, false);
    assertArrayEquals(drawn(once), drawn(live));
    int[] idx = drawn(live);
    assertEquals(0, idx[0], "first point kept");
    assertEquals(4999, idx[idx.length - 1], "last point kept");
    assertTrue(idx.length <= 64 + 5, "about cap points, not 5,000: " + idx.length);
    for (int i = 1; i < idx.length; i++) assertTrue(idx[i] > idx[i - 1], "in order");
  }

  @Test void rangeSkipsNaNAndNonPositiveOnLogScale() {
    xs = new DoubleList();
    ys = new DoubleList();
    double[] v = {3, Double.NaN, -1, 0, 0.5, 7};
    for (int i = 0; i < v.length; i++) {
      xs.add(i + 1);
      ys.add(v[i]);
    }
    SeriesCache log = new SeriesCache(16);
    log.update(xs, ys, true);
    assertEquals(0.5, log.ymin());
    assertEquals(7, log.ymax());
    assertEquals(3, log.validPoints());
    SeriesCache lin = new SeriesCache(16);
    lin.update(xs, ys, false);
    assertEquals(-1, lin.ymin());
    assertFalse(lin.update(xs, ys, false), "nothing new, nothing to do");
  }

  @Test void aNewCapRebuildsAtTheNewDensity() {
    xs = new DoubleList();
    ys = new DoubleList();
    for (int i = 0; i < 2000; i++) {
      xs.add(i);
      ys.add(Math.sin(i / 50.0));
    }
    SeriesCache c = new SeriesCache(512);
    c.update(xs, ys, false);
    int before = drawn(c).length;
    c.setCap(32, xs, ys);
    assertTrue(drawn(c).length <= 32 + 5, drawn(c).length + " vs " + before);
  }

  @Test void rasterBlendsTranslucentLines() {
    LineRaster r = new LineRaster();
    r.reset(10, 10);
    r.polyline(new double[] {0, 9}, new double[] {5, 5}, 2, 0x80ff0000);
    int p = r.pixels()[5 * 10 + 3];
    assertEquals(0x80, p >>> 24);
    assertEquals(0x80, (p >> 16) & 0xff, "premultiplied red");
    assertEquals(0, r.pixels()[0], "untouched pixels stay transparent");
    r.polyline(new double[] {0, 9}, new double[] {5, 5}, 2, 0x80ff0000);
    assertTrue((r.pixels()[5 * 10 + 3] >>> 24) > 0x80, "a second line darkens");
  }
}
