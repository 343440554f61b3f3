package org.tunebench.ui.chart;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.Range;
import org.jfree.data.xy.XYDataset;

/**
 * An XYPlot whose first dataset is preceded by a hand-drawn layer: the many background curves, rasterised by
 * {@link CurveLayer} into the data area with the plot's own axes (so zoom, pan, auto-range and export stay
 * JFreeChart's), under the datasets that JFreeChart renders itself (highlighted curves, marks).
 */
final class RasterCurvesPlot extends XYPlot {
  /** What the plot needs from the layer. */
  interface Layer {
    /** Draws the layer into {@code area}; false if it drew nothing. */
    boolean draw(Graphics2D g2, Rectangle2D area, XYPlot plot);

    /** The layer's data range on the x (domain) or y axis, or null when it has none. */
    Range bounds(boolean domain);
  }

  private final transient Layer layer;

  RasterCurvesPlot(XYDataset first, ValueAxis x, ValueAxis y, Layer layer) {
    super(first, x, y, null);
    this.layer = layer;
    setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
  }

  @Override public boolean render(Graphics2D g2, Rectangle2D dataArea, int index, PlotRenderingInfo info, CrosshairState cs) {
    boolean drew = index == 0 && layer != null && layer.draw(g2, dataArea, this);
    return super.render(g2, dataArea, index, info, cs) || drew;
  }

  @Override public Range getDataRange(ValueAxis axis) {
    Range own = super.getDataRange(axis);
    // XYPlot's constructor asks before the layer is set
    Range l = layer == null ? null : layer.bounds(axis == getDomainAxis());
    return Range.combine(own, l);
  }
}
