package org.tunebench.ui.analysis;

import java.util.function.Supplier;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;
import org.tunebench.ui.chart.Axes;
import org.tunebench.ui.chart.ChartCanvas;
import org.tunebench.ui.chart.Palette;

/** One vertical axis per hyperparameter plus the metric; one polyline per trial, best trials drawn last. */
final class ParallelCoordinatesChart extends ChartCanvas {
  private final Supplier<AnalysisData> data;

  ParallelCoordinatesChart(Supplier<AnalysisData> data) {
    this.data = data;
  }

  static Color shade(Palette p, double quality) {
    return p.status(org.tunebench.model.TrialStatus.RUNNING).interpolate(p.status(org.tunebench.model.TrialStatus.ERRORED), quality);
  }

  @Override protected void paint(GraphicsContext g, double w, double h, Palette p) {
    AnalysisData d = data.get();
    int axes = d.params().size() + 1;
    if (d.rows().isEmpty()) {
      g.setFill(p.muted());
      g.fillText("no finished results yet", 10, h / 2);
      return;
    }
    double top = 24;
    double bottom = h - 24;
    double left = 40;
    double step = axes > 1 ? (w - 2 * left) / (axes - 1) : 0;
    double[] lo = new double[axes];
    double[] hi = new double[axes];
    for (int a = 0; a < axes; a++) {
      lo[a] = d.min(a);
      hi[a] = d.max(a);
      if (hi[a] <= lo[a]) hi[a] = lo[a] + 1;
    }
    java.util.List<double[]> sorted = new java.util.ArrayList<>(d.rows());
    sorted.sort((x, y) -> Double.compare(d.quality(y[axes - 1]), d.quality(x[axes - 1])));
    g.setLineWidth(1.2);
    double[] xs = new double[axes];
    double[] ys = new double[axes];
    for (double[] r : sorted) {
      for (int a = 0; a < axes; a++) {
        xs[a] = left + a * step;
        ys[a] = Double.isNaN(r[a]) ? bottom : bottom - (r[a] - lo[a]) / (hi[a] - lo[a]) * (bottom - top);
      }
      g.setStroke(shade(p, d.quality(r[axes - 1])).deriveColor(0, 1, 1, 0.6));
      g.strokePolyline(xs, ys, axes);
    }
    g.setStroke(p.fg());
    g.setFill(p.fg());
    g.setTextAlign(TextAlignment.CENTER);
    for (int a = 0; a < axes; a++) {
      double x = left + a * step;
      g.strokeLine(x, top, x, bottom);
      g.setTextBaseline(VPos.BOTTOM);
      g.fillText(a < axes - 1 ? d.params().get(a) : d.metric(), x, top - 4);
      g.setTextBaseline(VPos.TOP);
      g.fillText(Axes.fmt(lo[a]), x, bottom + 3);
      g.setTextBaseline(VPos.BOTTOM);
      g.fillText(Axes.fmt(hi[a]), x, top + 12);
    }
    g.setTextAlign(TextAlignment.LEFT);
    g.setTextBaseline(VPos.BASELINE);
  }
}
