package org.tunebench.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tunebench.ui.chart.DoubleList;
import org.tunebench.ui.chart.Lttb;

class LttbTest {
  static DoubleList list(double... v) {
    DoubleList l = new DoubleList();
    for (double d : v) l.add(d);
    return l;
  }

  @Test void shortSeriesAreKeptWhole() {
    assertArrayEquals(new int[] {0, 1, 2}, Lttb.downsample(list(0, 1, 2), list(5, 6, 7), 10));
  }

  @Test void keepsEndsAndTheSpikeAndReturnsThresholdPointsInOrder() {
    DoubleList xs = new DoubleList();
    DoubleList ys = new DoubleList();
    for (int i = 0; i < 1000; i++) {
      xs.add(i);
      ys.add(i == 500 ? 100 : Math.sin(i / 50.0));
    }
    int[] keep = Lttb.downsample(xs, ys, 50);
    assertEquals(50, keep.length);
    assertEquals(0, keep[0]);
    assertEquals(999, keep[49]);
    for (int i = 1; i < keep.length; i++) assertTrue(keep[i] > keep[i - 1], "strictly increasing");
    boolean spike = false;
    for (int k : keep) spike |= k == 500;
    assertTrue(spike, "the outlier survives decimation");
  }
}
