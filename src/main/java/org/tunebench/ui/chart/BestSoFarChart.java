package org.tunebench.ui.chart;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/** Best metric so far against elapsed seconds; several experiments overlaid when comparing. */
public final class BestSoFarChart extends ChartCanvas {
  /** One line: its label, its steps (x = seconds since the first result) and where the last step ends. */
  public record Line(String label, DoubleList xs, DoubleList ys, java.util.function.DoubleSupplier endX) {}

  private final List<Line> lines = new ArrayList<>();
  private final java.util.function.LongSupplier version;
  private long seen = -1;

  public BestSoFarChart(java.util.function.LongSupplier version) {
    this.version = version;
  }

  public void setLines(List<Line> ls) {
    lines.clear();
    lines.addAll(ls);
    markDirty();
  }

  @Override protected boolean dataChanged() {
    return version.getAsLong() != seen;
  }

  @Override protected void paint(GraphicsContext g, double w, double h, Palette p) {
    seen = version.getAsLong();
    double xmin = Double.POSITIVE_INFINITY, xmax = Double.NEGATIVE_INFINITY, ymin = xmin, ymax = xmax;
    for (Line l : lines) {
      for (int i = 0; i < l.xs().size(); i++) {
        xmin = Math.min(xmin, l.xs().get(i));
        xmax = Math.max(xmax, l.xs().get(i));
        ymin = Math.min(ymin, l.ys().get(i));
        ymax = Math.max(ymax, l.ys().get(i));
      }
      double end = l.endX().getAsDouble();
      if (!Double.isNaN(end)) xmax = Math.max(xmax, end);
    }
    g.setFill(p.fg());
    g.fillText("Best so far", Axes.LEFT + 8, Axes.TOP + 14);
    if (xmin == Double.POSITIVE_INFINITY) return;
    // headroom above the highest step, where the title stands: a minimised metric starts there
    Axes ax = new Axes(xmin, xmax, ymin, ymax + (ymax - ymin) * 0.12, false, w, h);
    ax.draw(g, p, "seconds");
    int li = 0;
    for (Line l : lines) {
      Color c = lines.size() == 1 ? p.accent() : p.series(li);
      if (l.xs().size() == 0) {
        li++;
        continue;
      }
      int[] keep = Lttb.downsample(l.xs(), l.ys(), (int) Math.max(8, w));
      double[] px = new double[keep.length * 2 + 1];
      double[] py = new double[keep.length * 2 + 1];
      int k = 0;
      for (int j = 0; j < keep.length; j++) {
        int idx = keep[j];
        // best-so-far is a step function: hold the value until the next improvement
        if (k > 0) {
          px[k] = ax.px(l.xs().get(idx));
          py[k] = py[k - 1];
          k++;
        }
        px[k] = ax.px(l.xs().get(idx));
        py[k] = ax.py(l.ys().get(idx));
        k++;
      }
      double end = l.endX().getAsDouble();
      if (!Double.isNaN(end) && end > l.xs().last()) {
        px[k] = ax.px(end);
        py[k] = py[k - 1];
        k++;
      }
      g.setStroke(c);
      g.setLineWidth(2);
      g.strokePolyline(px, py, k);
      if (lines.size() > 1) {
        g.setFill(c);
        g.fillText(l.label() + "  " + Axes.fmt(l.ys().last()), w - 200, 16 + 13 * li);
      }
      li++;
    }
  }
}
