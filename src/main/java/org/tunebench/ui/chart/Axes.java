package org.tunebench.ui.chart;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.TextAlignment;

/** A plot area with linear or log axes: maps data to pixels and draws ticks and grid lines. */
public final class Axes {
  public static final double LEFT = 52;
  public static final double RIGHT = 10;
  public static final double TOP = 8;
  public static final double BOTTOM = 22;
  public final double x0;
  public final double x1;
  public final double y0;
  public final double y1;
  public final boolean logY;
  private final double w;
  private final double h;

  public Axes(double x0, double x1, double y0, double y1, boolean logY, double w, double h) {
    if (!(x1 > x0)) x1 = x0 + 1;
    if (logY) {
      y0 = Math.log10(Math.max(y0, 1e-300));
      y1 = Math.log10(Math.max(y1, 1e-300));
    }
    if (!(y1 > y0)) {
      y1 = y0 + (y0 == 0 ? 1 : Math.abs(y0) * 0.1);
    }
    double pad = (y1 - y0) * 0.04;
    this.x0 = x0;
    this.x1 = x1;
    // a loss that is never negative must not get an axis reaching below zero just for padding
    this.y0 = !logY && y0 >= 0 && y0 - pad < 0 ? 0 : y0 - pad;
    this.y1 = y1 + pad;
    this.logY = logY;
    this.w = w;
    this.h = h;
  }

  /** A round step (1, 2 or 5 times a power of ten) near range/parts, so tick labels read as numbers. */
  static double niceStep(double range, int parts) {
    double raw = range / parts;
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / mag;
    return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * mag;
  }

  public double px(double x) {
    return LEFT + (x - x0) / (x1 - x0) * (w - LEFT - RIGHT);
  }

  public double py(double y) {
    double v = logY ? Math.log10(Math.max(y, 1e-300)) : y;
    return TOP + (1 - (v - y0) / (y1 - y0)) * (h - TOP - BOTTOM);
  }

  public void draw(GraphicsContext g, Palette p, String xLabel) {
    g.setStroke(p.grid());
    g.setLineWidth(1);
    g.setFill(p.muted());
    g.setTextAlign(TextAlignment.RIGHT);
    g.setTextBaseline(VPos.CENTER);
    double ys = niceStep(y1 - y0, 4);
    for (double v = Math.ceil(y0 / ys - 1e-9) * ys; v <= y1 + 1e-9 * ys; v += ys) {
      double y = TOP + (1 - (v - y0) / (y1 - y0)) * (h - TOP - BOTTOM);
      g.strokeLine(LEFT, y, w - RIGHT, y);
      g.fillText(fmt(logY ? Math.pow(10, v) : Math.abs(v) < ys * 1e-6 ? 0 : v), LEFT - 4, y);
    }
    g.setTextAlign(TextAlignment.CENTER);
    g.setTextBaseline(VPos.TOP);
    double xs = niceStep(x1 - x0, Math.max(2, (int) ((w - LEFT - RIGHT) / 90)));
    for (double v = Math.ceil(x0 / xs - 1e-9) * xs; v <= x1 + 1e-9 * xs; v += xs) {
      g.strokeLine(px(v), h - BOTTOM, px(v), h - BOTTOM + 3);
      g.fillText(fmt(Math.abs(v) < xs * 1e-6 ? 0 : v), px(v), h - BOTTOM + 4);
    }
    g.setTextAlign(TextAlignment.RIGHT);
    g.setTextBaseline(VPos.BOTTOM);
    g.fillText(xLabel, w - RIGHT - 2, h - BOTTOM - 2);
    g.setTextAlign(TextAlignment.LEFT);
    g.setTextBaseline(VPos.BASELINE);
  }

  /** The workbench's one number format ({@link org.tunebench.ui.format.Numbers}), so ticks read as the table does. */
  public static String fmt(double v) {
    return org.tunebench.ui.format.Numbers.format(v);
  }
}
