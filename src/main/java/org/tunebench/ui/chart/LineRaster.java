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

  // a DDA line: one blended pixel per step along the major axis, clipped first (a zoomed-in plot has segments
  // that run far outside the raster and would otherwise cost a step per off-screen pixel)
  void line(double x0, double y0, double x1, double y1, int argb) {
    if (!Double.isFinite(x0) || !Double.isFinite(y0) || !Double.isFinite(x1) || !Double.isFinite(y1)) return;
    double dx = x1 - x0;
    double dy = y1 - y0;
    double[] t = {0, 1};
    if (!clip(-dx, x0 + 1, t) || !clip(dx, w - x0, t) || !clip(-dy, y0 + 1, t) || !clip(dy, h - y0, t)) return;
    if (t[1] < 1) {
      x1 = x0 + t[1] * dx;
      y1 = y0 + t[1] * dy;
    }
    if (t[0] > 0) {
      x0 = x0 + t[0] * dx;
      y0 = y0 + t[0] * dy;
    }
    dx = x1 - x0;
    dy = y1 - y0;
    int steps = (int) Math.ceil(Math.max(Math.abs(dx), Math.abs(dy)));
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

  // Liang-Barsky: narrows [t0, t1] to the part of the segment inside one edge; false if nothing is left
  private static boolean clip(double p, double q, double[] t) {
    if (p == 0) return q >= 0;
    double r = q / p;
    if (p < 0) {
      if (r > t[1]) return false;
      if (r > t[0]) t[0] = r;
    } else {
      if (r < t[0]) return false;
      if (r < t[1]) t[1] = r;
    }
    return true;
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
