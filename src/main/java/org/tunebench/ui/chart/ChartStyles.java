package org.tunebench.ui.chart;

import java.awt.Color;
import org.tunebench.charts.ChartStyle;

/** The JFreeChart style of the current theme: the same CSS looked-up colours the canvases and table use. */
public final class ChartStyles {
  private ChartStyles() {
  }

  public static ChartStyle of(Palette p) {
    return new ChartStyle(awt(p.bg()), awt(p.fg()), awt(p.muted()), awt(p.grid()), awt(p.accent()),
        p.series().stream().map(ChartStyles::awt).toList());
  }

  public static ChartStyle current() {
    return of(Palette.current());
  }

  static Color awt(javafx.scene.paint.Color c) {
    return new Color((float) c.getRed(), (float) c.getGreen(), (float) c.getBlue(), (float) c.getOpacity());
  }
}
