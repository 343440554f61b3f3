package org.tunebench.ui.analysis;

import java.util.function.Supplier;
import javafx.scene.canvas.GraphicsContext;
import org.tunebench.ui.chart.Axes;
import org.tunebench.ui.chart.ChartCanvas;
import org.tunebench.ui.chart.Palette;

/** One hyperparameter against the best metric, one dot per trial. */
final class ScatterChart extends ChartCanvas {
  private final Supplier<AnalysisData> data;
  private String param;

  ScatterChart(Supplier<AnalysisData> data) {
    this.data = data;
  }

  void setParam(String p) {
    param = p;
    markDirty();
  }

  @Override protected void paint(GraphicsContext g, double w, double h, Palette p) {
    AnalysisData d = data.get();
    int col = param == null ? -1 : d.params().indexOf(param);
    if (col < 0 || d.rows().isEmpty()) {
      g.setFill(p.muted());
      g.fillText("no numeric hyperparameter with results yet", 10, h / 2);
      return;
    }
    int m = d.params().size();
    // a little room left and right, else the extreme trials sit on the plot's edge, half clipped
    double pad = (d.max(col) - d.min(col)) * 0.04;
    Axes ax = new Axes(d.min(col) - pad, d.max(col) + pad, d.min(m), d.max(m), false, w, h);
    ax.draw(g, p, param);
    for (double[] r : d.rows()) {
      if (Double.isNaN(r[col])) continue;
      g.setFill(ParallelCoordinatesChart.shade(p, d.quality(r[m])));
      g.fillOval(ax.px(r[col]) - 3.5, ax.py(r[m]) - 3.5, 7, 7);
    }
  }
}
