package org.tunebench.ui.analysis;

import java.awt.geom.Rectangle2D;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.shape.Rectangle;
import org.jfree.chart.fx.ChartCanvas;
import org.jfree.chart.plot.XYPlot;
import org.tunebench.app.analysis.AnalysisTable;
import org.tunebench.charts.AnalysisCharts;
import org.tunebench.charts.ParallelBrush;
import org.tunebench.ui.chart.ChartPane;

/**
 * Brushing on the parallel-coordinates chart: a vertical drag that starts on an axis limits that axis to the dragged
 * range (in the axis' own values); a double-click on an axis clears its brush. The chart's own drag-zoom is off, so a
 * drag anywhere else does nothing and a plain click still picks a trial.
 */
final class BrushGesture {
  private final ChartPane pane;
  private final Supplier<AnalysisTable> table;
  private final Supplier<ParallelBrush> current;
  private final Consumer<ParallelBrush> changed;
  private final Rectangle band = new Rectangle();
  private int axis = -1;
  private double startY;

  BrushGesture(ChartPane pane, Supplier<AnalysisTable> table, Supplier<ParallelBrush> current, Consumer<ParallelBrush> changed) {
    this.pane = pane;
    this.table = table;
    this.current = current;
    this.changed = changed;
    ChartCanvas c = pane.viewer().getCanvas();
    c.setDomainZoomable(false);
    c.setRangeZoomable(false);
    band.getStyleClass().add("brush-band");
    band.setManaged(false);
    band.setMouseTransparent(true);
    band.setVisible(false);
    band.setStyle("-fx-fill: rgba(9,105,218,0.25); -fx-stroke: rgba(9,105,218,0.9);");
    pane.getChildren().add(band);
    c.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
    c.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
    c.addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
    c.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
      if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
        int a = axisAt(e.getX());
        AnalysisTable t = table.get();
        if (a >= 0 && t != null) changed.accept(current.get().without(AnalysisCharts.parallelAxes(t)[a]));
      }
    });
  }

  private Rectangle2D area() {
    var info = pane.viewer().getRenderingInfo();
    return info == null ? null : info.getPlotInfo().getDataArea();
  }

  private XYPlot plot() {
    return pane.chart() != null && pane.chart().getPlot() instanceof XYPlot p ? p : null;
  }

  /** The index of the axis within 15 pixels of canvas x, or -1. */
  int axisAt(double x) {
    Rectangle2D area = area();
    XYPlot p = plot();
    AnalysisTable t = table.get();
    if (area == null || p == null || t == null) return -1;
    double v = p.getDomainAxis().java2DToValue(x, area, p.getDomainAxisEdge());
    int a = (int) Math.round(v);
    if (a < 0 || a > t.axes().size()) return -1;
    double ax = p.getDomainAxis().valueToJava2D(a, area, p.getDomainAxisEdge());
    return Math.abs(ax - x) <= 15 ? a : -1;
  }

  /** The value on axis {@code a} at canvas y, in the axis' own units (log10 for a log domain, a choice's index). */
  double valueAt(int a, double y) {
    Rectangle2D area = area();
    XYPlot p = plot();
    double[][] b = AnalysisCharts.parallelBounds(table.get());
    double norm = p.getRangeAxis().java2DToValue(y, area, p.getRangeAxisEdge());
    return b[0][a] + norm * (b[1][a] - b[0][a]);
  }

  private void pressed(MouseEvent e) {
    axis = e.getButton() == MouseButton.PRIMARY && !e.isControlDown() ? axisAt(e.getX()) : -1;
    startY = e.getY();
  }

  private void dragged(MouseEvent e) {
    if (axis < 0) return;
    // the band lives on the pane (the viewer keeps its children to itself): canvas points mapped into the pane
    double ax = plot().getDomainAxis().valueToJava2D(axis, area(), plot().getDomainAxisEdge());
    ChartCanvas c = pane.viewer().getCanvas();
    javafx.geometry.Point2D a = pane.sceneToLocal(c.localToScene(ax - 8, Math.min(startY, e.getY())));
    band.setX(a.getX());
    band.setY(a.getY());
    band.setWidth(16);
    band.setHeight(Math.abs(e.getY() - startY));
    band.setVisible(true);
  }

  private void released(MouseEvent e) {
    band.setVisible(false);
    int a = axis;
    axis = -1;
    AnalysisTable t = table.get();
    if (a < 0 || t == null || Math.abs(e.getY() - startY) < 4) return;
    String name = AnalysisCharts.parallelAxes(t)[a];
    changed.accept(current.get().with(name, valueAt(a, startY), valueAt(a, e.getY())));
  }
}
