package org.tunebench.ui.chart;

import java.util.Arrays;

/**
 * A premultiplied ARGB pixel buffer that draws 1-pixel translucent polylines itself. With hundreds of
 * series the canvas' own strokes (anti-aliased, rasterised by Marlin on the render thread) took ~0.5 s per
 * repaint in the software pipeline; plotting the same segments here costs a few ms on the FX thread, and the
 * render thread then only blits one image. Toolkit-free, so it is unit-tested without JavaFX.
 */
public final class LineRaster {
  private int w;
  private int h;
  private int[] px = new int[0];

  /** Clears to transparent, resizing if needed. */
  public void reset(int width, int height) {
    w = Math.max(1, width);
    h = Math.max(1, height);
    if (px.length < w * h) px = new int[w * h];
    else Arrays.fill(px, 0, w * h, 0);
  }

  /** A polyline in pixel coordinates, colour as non-premultiplied ARGB. */
  public void polyline(double[] xs, double[] ys, int n, int argb) {
    for (int i = 1; i < n; i++) line(xs[i - 1], ys[i - 1], xs[i], ys[i], argb);
  }

  // a DDA line: one blended pixel per step along the major axis
  void line(double x0, double y0, double x1, double y1, int argb) {
    double dx = x1 - x0;
    double dy = y1 - y0;
    int steps = (int) Math.ceil(Math.max(Math.abs(dx), Math.abs(dy)));
    if (steps > 4 * (w + h)) return; // off-scale garbage, not a line worth drawing
    if (steps == 0) {
      blend((int) x0, (int) y0, argb);
      return;
    }
    double sx = dx / steps;
    double sy = dy / steps;
    double x = x0;
    double y = y0;
    // the end point is the next segment's start: skip it so joints are not blended twice
    for (int i = 0; i < steps; i++) {
      blend((int) x, (int) y, argb);
      x += sx;
      y += sy;
    }
  }

  private void blend(int x, int y, int argb) {
    if (x < 0 || y < 0 || x >= w || y >= h) return;
    int a = argb >>> 24;
    int i = y * w + x;
    int dst = px[i];
    int inv = 255 - a;
    // source-over in premultiplied space
    int ra = a + ((dst >>> 24) * inv) / 255;
    int rr = (((argb >> 16) & 0xff) * a) / 255 + (((dst >> 16) & 0xff) * inv) / 255;
    int rg = (((argb >> 8) & 0xff) * a) / 255 + (((dst >> 8) & 0xff) * inv) / 255;
    int rb = ((argb & 0xff) * a) / 255 + ((dst & 0xff) * inv) / 255;
    px[i] = (ra << 24) | (rr << 16) | (rg << 8) | rb;
  }

  public int[] pixels() { return px; }
  public int width() { return w; }
  public int height() { return h; }
}
