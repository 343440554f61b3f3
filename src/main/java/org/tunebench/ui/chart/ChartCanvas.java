package org.tunebench.ui.chart;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Pane;
import javafx.scene.text.Font;

/**
 * A canvas that fills its pane and repaints only when marked dirty, at most once per {@link #paintIfDirty}
 * call (the batch pump calls it once per frame), and no more often than {@code minIntervalMs}: a chart need
 * not repaint 60 times a second to look live, and the saved time keeps pulses short.
 */
public abstract class ChartCanvas extends Pane {
  protected final Canvas canvas = new Canvas();
  private boolean dirty = true;
  private long lastPaint;
  private long minIntervalMs = 200;
  // held by the chart, registered weakly on the static palette: a closed chart is collected with its listener
  private final javafx.beans.InvalidationListener paletteChanged = o -> markDirty();
  protected static final Font SMALL = Font.font(10);

  protected ChartCanvas() {
    getStyleClass().add("chart-pane");
    getChildren().add(canvas);
    widthProperty().addListener(o -> markDirty());
    heightProperty().addListener(o -> markDirty());
    Palette.CURRENT.addListener(new javafx.beans.WeakInvalidationListener(paletteChanged));
    setMinSize(50, 40);
  }

  @Override protected void layoutChildren() {
    double w = Math.max(1, getWidth());
    double h = Math.max(1, getHeight());
    if (w == canvas.getWidth() && h == canvas.getHeight()) return;
    canvas.setWidth(w);
    canvas.setHeight(h);
    // static charts (compare, detail, analysis) have no pump calling paintIfDirty: paint at the new size here,
    // since a size listener fires before layout and would paint the old, empty canvas
    dirty = true;
    paintIfDirty();
  }

  public void setMinIntervalMs(long ms) {
    minIntervalMs = ms;
  }

  public final void markDirty() {
    dirty = true;
  }

  /** Repaints if something changed since the last paint (and enough time has passed). */
  public final void paintIfDirty() {
    if (!dirty && !dataChanged()) return;
    long now = System.currentTimeMillis();
    if (now - lastPaint < minIntervalMs && !dirty) return;
    dirty = false;
    lastPaint = now;
    GraphicsContext g = canvas.getGraphicsContext2D();
    Palette p = Palette.current();
    g.setFill(p.bg());
    g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
    g.setFont(SMALL);
    paint(g, canvas.getWidth(), canvas.getHeight(), p);
  }

  /** True when the underlying data has a new version (subclasses compare version counters). */
  protected boolean dataChanged() {
    return false;
  }

  protected abstract void paint(GraphicsContext g, double w, double h, Palette p);

  public Canvas canvas() {
    return canvas;
  }
}
