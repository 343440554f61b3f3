package org.tunebench.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.Title;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.ui.RectangleInsets;

/**
 * The colours and fonts charts draw with. The workbench builds one from its theme's CSS looked-up colours, the
 * HTML report uses {@link #light()}, the same values as light.css, so a chart looks the same in both.
 */
public record ChartStyle(Color bg, Color fg, Color muted, Color grid, Color accent, List<Color> series) {
  static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
  static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
  static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 12);

  public static ChartStyle light() {
    return new ChartStyle(Color.decode("#ffffff"), Color.decode("#1f2328"), Color.decode("#59636e"),
        Color.decode("#e6eaef"), Color.decode("#0969da"), List.of(Color.decode("#0969da"), Color.decode("#bc4c00"),
            Color.decode("#1a7f37"), Color.decode("#8250df"), Color.decode("#bf3989"), Color.decode("#1b7c83"),
            Color.decode("#9a6700"), Color.decode("#57606a")));
  }

  public Color series(int i) {
    return series.get(Math.floorMod(i, series.size()));
  }

  /**
   * Colour slots (indexes into a palette of {@code size}) for trials drawn in colour together: each takes its own
   * slot ({@link #trialNumber} mod size) unless a lower-numbered trial of the set took it, then the next free one.
   * Charts that colour the same set agree, and no two trials of a set share a colour while slots remain.
   */
  public static java.util.Map<String, Integer> slots(java.util.Collection<String> ids, int size) {
    java.util.List<String> sorted = new java.util.ArrayList<>(ids);
    sorted.sort(java.util.Comparator.comparingInt((String id) -> trialNumber(id, Integer.MAX_VALUE)).thenComparing(id -> id));
    java.util.Map<String, Integer> out = new java.util.HashMap<>();
    boolean[] taken = new boolean[Math.max(1, size)];
    int free = taken.length;
    for (int k = 0; k < sorted.size(); k++) {
      String id = sorted.get(k);
      int slot = Math.floorMod(trialNumber(id, k), taken.length);
      if (free > 0) {
        while (taken[slot]) slot = (slot + 1) % taken.length;
        taken[slot] = true;
        free--;
      }
      out.put(id, slot);
    }
    return out;
  }

  /** The palette without the accent, which marks the selection: what {@link #slots} index. */
  public List<Color> trialColours() {
    return series.stream().filter(c -> !c.equals(accent)).toList();
  }

  /** "00012" is 12; an id that is not a number is {@code fallback}. */
  public static int trialNumber(String id, int fallback) {
    try {
      return Integer.parseInt(id);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /** Colours the chart's background, titles, legend, axes and grid lines. */
  public JFreeChart apply(JFreeChart chart) {
    chart.setBackgroundPaint(bg);
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    if (chart.getTitle() != null) {
      chart.getTitle().setPaint(fg);
      chart.getTitle().setFont(TITLE);
    }
    for (Object o : chart.getSubtitles()) {
      Title t = (Title) o;
      if (t instanceof LegendTitle l) {
        l.setBackgroundPaint(bg);
        l.setItemPaint(fg);
        l.setItemFont(LABEL);
      } else if (t instanceof TextTitle tt) {
        tt.setPaint(muted);
        tt.setFont(LABEL);
      }
    }
    Plot p = chart.getPlot();
    p.setBackgroundPaint(bg);
    p.setOutlinePaint(grid);
    p.setInsets(new RectangleInsets(6, 6, 6, 10));
    if (p instanceof XYPlot xy) {
      xy.setDomainGridlinePaint(grid);
      xy.setRangeGridlinePaint(grid);
      xy.setDomainGridlineStroke(new BasicStroke(1f));
      xy.setRangeGridlineStroke(new BasicStroke(1f));
      for (int i = 0; i < xy.getDomainAxisCount(); i++) axis(xy.getDomainAxis(i));
      for (int i = 0; i < xy.getRangeAxisCount(); i++) axis(xy.getRangeAxis(i));
    } else if (p instanceof CategoryPlot c) {
      c.setDomainGridlinePaint(grid);
      c.setRangeGridlinePaint(grid);
      axis(c.getDomainAxis());
      axis(c.getRangeAxis());
    }
    return chart;
  }

  void axis(Axis a) {
    if (a == null) return;
    a.setLabelPaint(fg);
    a.setLabelFont(LABEL);
    a.setTickLabelPaint(muted);
    a.setTickLabelFont(TICK);
    a.setAxisLinePaint(muted);
    a.setTickMarkPaint(muted);
  }

  /** A colour for a quality in [0, 1] (0 = best): a blue-to-orange ramp that stays readable on light and dark. */
  public static Color quality(double q) {
    double t = Double.isNaN(q) ? 1 : Math.max(0, Math.min(1, q));
    Color[] stops = {new Color(0x1a, 0x7f, 0x37), new Color(0x1b, 0x7c, 0x83), new Color(0x09, 0x69, 0xda),
        new Color(0x82, 0x50, 0xdf), new Color(0xcf, 0x22, 0x2e)};
    double pos = t * (stops.length - 1);
    int i = Math.min(stops.length - 2, (int) pos);
    double f = pos - i;
    Color a = stops[i];
    Color b = stops[i + 1];
    return new Color((int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * f),
        (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * f),
        (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * f));
  }
}
