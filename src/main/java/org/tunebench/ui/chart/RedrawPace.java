package org.tunebench.ui.chart;

/**
 * When a live chart redraws for new data: at least {@code minIntervalMs} after its last redraw, and at least four
 * times that redraw's duration, because on a loaded machine a redraw takes longer and redrawing on every pulse would
 * leave the pulses no time for anything else. A forced redraw (the view changed) happens at once.
 */
final class RedrawPace {
  private long minIntervalMs;
  private long last;
  private long lastMs;

  RedrawPace(long minIntervalMs) {
    this.minIntervalMs = minIntervalMs;
  }

  void setMinIntervalMs(long ms) {
    minIntervalMs = ms;
  }

  /** Whether new data may be drawn now. */
  boolean due() {
    return System.currentTimeMillis() - last >= Math.max(minIntervalMs, 4 * lastMs);
  }

  /** Runs {@code redraw}, timing it for the next {@link #due()}. */
  void redraw(Runnable redraw) {
    last = System.currentTimeMillis();
    long t0 = System.nanoTime();
    try {
      redraw.run();
    } finally {
      lastMs = (System.nanoTime() - t0) / 1_000_000;
    }
  }
}
