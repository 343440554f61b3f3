package org.tunebench.ui.chart;

import java.util.Arrays;

/** A growable primitive double array: a million points as boxed Doubles would cost ~16 MB more. */
public final class DoubleList {
  private double[] a = new double[16];
  private int n;

  public void add(double v) {
    if (n == a.length) a = Arrays.copyOf(a, n * 2);
    a[n++] = v;
  }

  public double get(int i) {
    return a[i];
  }

  public int size() {
    return n;
  }

  public double last() {
    return a[n - 1];
  }

  /** Keeps the first {@code size} values. */
  public void truncate(int size) {
    if (size < 0 || size > n) throw new IndexOutOfBoundsException("truncate to " + size + " of " + n);
    n = size;
  }

  public double[] toArray() {
    return Arrays.copyOf(a, n);
  }
}
