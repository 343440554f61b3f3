package org.tunebench.ui.chart;

/**
 * TensorBoard's smoothing of one series, kept up to date incrementally: an exponential moving average with weight
 * {@code w} on the previous value, debiased so the first points are not pulled towards zero (the same formula as
 * {@code RunCharts.ema}); NaN stays NaN and does not advance the average.
 */
public final class Smoothed {
  private final double w;
  private final DoubleList out = new DoubleList();
  private double last;
  private int n;
  private double debias = 1;

  public Smoothed(double weight) {
    this.w = weight;
  }

  /** Smooths the values appended to {@code ys} since the last call; returns the smoothed series. */
  public DoubleList update(DoubleList ys) {
    for (int i = out.size(); i < ys.size(); i++) {
      double v = ys.get(i);
      if (!Double.isFinite(v)) {
        out.add(Double.NaN);
        continue;
      }
      last = last * w + (1 - w) * v;
      n++;
      debias *= w;
      out.add(last / (1 - debias));
    }
    return out;
  }
}
