package org.tunebench.ui.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javafx.scene.canvas.GraphicsContext;
import org.tunebench.model.TrialStatus;
import org.tunebench.ui.session.TimelineModel;

/** Lifecycle timeline: one row per trial, one coloured bar per status span, status colours from the theme. */
public final class TimelineChart extends ChartCanvas {
  private final TimelineModel model;
  private final Supplier<Long> nowMs;
  private long seen = -1;
  private String selected;

  public TimelineChart(TimelineModel model, Supplier<Long> nowMs) {
    this.model = model;
    this.nowMs = nowMs;
    setMinIntervalMs(500);
  }

  public void setSelected(String id) {
    selected = id;
    markDirty();
  }

  @Override protected boolean dataChanged() {
    // the open segment of a running trial grows with the clock, so repaint on the interval while live
    return model.version() != seen || nowMs.get() != null;
  }

  @Override protected void paint(GraphicsContext g, double w, double h, Palette p) {
    seen = model.version();
    Map<String, List<TimelineModel.Segment>> rows = model.rows();
    if (rows.isEmpty()) {
      g.setFill(p.muted());
      g.fillText("lifecycle timeline: no trials yet", 8, h / 2);
      return;
    }
    long start = model.firstMs();
    Long live = nowMs.get();
    long end = Math.max(model.lastMs(), live == null ? model.lastMs() : live);
    if (end <= start) end = start + 1000;
    double left = 58;
    double right = w - 8;
    double top = 4;
    double bottom = h - 18;
    double rowH = Math.max(1, Math.min(22, (bottom - top) / rows.size()));
    double scale = (right - left) / (end - start);
    List<String> ids = new ArrayList<>(rows.keySet());
    g.setFill(p.muted());
    g.fillText("0 s", left, h - 5);
    g.fillText(Math.round((end - start) / 1000.0) + " s", right - 30, h - 5);
    for (int r = 0; r < ids.size(); r++) {
      double y = top + r * rowH;
      if (y > bottom) break;
      List<TimelineModel.Segment> segs = rows.get(ids.get(r));
      for (int i = 0; i < segs.size(); i++) {
        TimelineModel.Segment s = segs.get(i);
        long segEnd = i + 1 < segs.size() ? segs.get(i + 1).startMs()
            : (s.status().isFinished() ? s.startMs() : end);
        double x0 = left + (s.startMs() - start) * scale;
        double x1 = Math.max(x0 + (s.status().isFinished() ? 3 : 1), left + (segEnd - start) * scale);
        if (s.status() == TrialStatus.PENDING && i + 1 < segs.size()) {
          g.setFill(p.status(s.status()).deriveColor(0, 1, 1, 0.5));
        } else {
          g.setFill(p.status(s.status()));
        }
        g.fillRect(x0, y + (rowH > 4 ? 1 : 0), x1 - x0, rowH > 4 ? rowH - 2 : rowH);
      }
      if (rowH >= 10) {
        g.setFill(ids.get(r).equals(selected) ? p.accent() : p.fg());
        g.fillText(ids.get(r), 4, y + rowH - 3);
      }
    }
    legend(g, p, w, h);
  }

  /**
   * Between the "0 s" and end-time labels of the axis, right-aligned, each key as wide as its name; on a narrow
   * pane the names shrink to four letters instead of running over the end label (seen at 1024 px).
   */
  static void legend(GraphicsContext g, Palette p, double w, double h) {
    TrialStatus[] all = TrialStatus.values();
    double from = 58 + 40;
    double to = w - 8 - 40;
    for (boolean full : new boolean[] {true, false}) {
      double[] widths = new double[all.length];
      double total = 0;
      for (int i = 0; i < all.length; i++) {
        widths[i] = 13 + textWidth(g, label(all[i], full)) + 12;
        total += widths[i];
      }
      if (total > to - from) continue;
      double x = to - total;
      for (int i = 0; i < all.length; i++) {
        g.setFill(p.status(all[i]));
        g.fillRect(x, h - 13, 10, 10);
        g.setFill(p.fg());
        g.fillText(label(all[i], full), x + 13, h - 4);
        x += widths[i];
      }
      return;
    }
    // no room for a readable key: the colours are named in the table's status column
  }

  private static String label(TrialStatus s, boolean full) {
    return full ? s.name() : s.name().substring(0, 4) + ".";
  }

  private static double textWidth(GraphicsContext g, String s) {
    javafx.scene.text.Text t = new javafx.scene.text.Text(s);
    t.setFont(g.getFont());
    return t.getLayoutBounds().getWidth();
  }
}
