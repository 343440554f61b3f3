package org.tunebench.charts;

import java.awt.Paint;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.tunebench.model.ExperimentSpec.Mode;

/** Metric value to colour (best end green, worst end red) over the metric's range, and its legend. */
public record QualityScale(double lo, double hi, Mode mode) implements PaintScale {
  public static QualityScale of(double[] y, Mode mode) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : y) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    if (!(lo < hi)) {
      lo = y.length == 0 ? 0 : lo - 0.5;
      hi = lo + 1;
    }
    return new QualityScale(lo, hi, mode);
  }

  /** 0 = best, 1 = worst. */
  public double quality(double v) {
    double t = (v - lo) / (hi - lo);
    return mode == Mode.MIN ? t : 1 - t;
  }

  @Override public double getLowerBound() {
    return lo;
  }

  @Override public double getUpperBound() {
    return hi;
  }

  @Override public Paint getPaint(double value) {
    return ChartStyle.quality(quality(value));
  }

  PaintScaleLegend legend(String metric, ChartStyle s) {
    NumberAxis axis = new NumberAxis(metric);
    axis.setRange(lo, hi);
    s.axis(axis);
    PaintScaleLegend l = new PaintScaleLegend(this, axis);
    l.setPosition(RectangleEdge.RIGHT);
    l.setStripWidth(10);
    l.setAxisOffset(4);
    l.setMargin(4, 4, 4, 4);
    l.setBackgroundPaint(s.bg());
    return l;
  }
}
