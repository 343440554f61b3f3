package org.tunebench.ui.chart;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.layout.BorderPane;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.tunebench.charts.ChartStyle;
import org.tunebench.model.TrialStatus;
import org.tunebench.ui.session.TimelineModel;

/**
 * Lifecycle timeline in a JFreeChart plot: one row per trial, one bar per status span in the theme's status colours,
 * seconds since the first trial on the x axis (zoom, pan, PNG/SVG/CSV export like every chart). Hovering a span shows
 * its trial, status and times; a click reports the trial; the table's selection is a band across its row. While the
 * run is live the open spans grow with the clock: rebuilt from {@link #paintIfDirty()} at most every
 * {@link #MIN_INTERVAL_MS}.
 */
public final class TimelineChart extends BorderPane {
  static final long MIN_INTERVAL_MS = 500;
  /** Above this many trials the row labels would overlap: the rows go unlabelled (the tooltip names them). */
  static final int MAX_LABELLED_ROWS = 40;
  private static final TrialStatus[] STATUSES = TrialStatus.values();
  private final TimelineModel model;
  private final Supplier<Long> nowMs;
  private final ChartPane pane = new ChartPane("timeline-chart");
  private final XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
  private final XYBarRenderer renderer = new XYBarRenderer();
  private final XYPlot plot;
  private final JFreeChart chart;
  private final List<String> ids = new ArrayList<>();
  private static final java.awt.Font NOTE = new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 11);
  private String selected;
  /** The trials to draw (the table's filter and the analysis brushes); null: all. */
  private java.util.function.Predicate<String> shown;
  private IntervalMarker band;
  /** The rows' range this chart set on an unlabelled row axis (null: a labelled axis, which ranges itself). */
  private org.jfree.data.Range allRows;
  private long seen = -1;
  private boolean dirty = true;
  private final RedrawPace pace = new RedrawPace(MIN_INTERVAL_MS);
  private final javafx.beans.InvalidationListener paletteChanged = o -> restyle();

  public TimelineChart(TimelineModel model, Supplier<Long> nowMs) {
    this.model = model;
    this.nowMs = nowMs;
    for (TrialStatus s : STATUSES) data.addSeries(new XYIntervalSeries(s.name(), false, true));
    renderer.setUseYInterval(true);
    renderer.setShadowVisible(false);
    renderer.setBarPainter(new StandardXYBarPainter());
    renderer.setDrawBarOutline(false);
    // the first line is the trial's id: a click on a span selects its trial (ChartPane.onTrialClicked)
    renderer.setDefaultToolTipGenerator((d, s, i) -> ids.get((int) Math.round(d.getYValue(s, i))) + "\n"
        + d.getSeriesKey(s) + " from " + Axes.fmt(data.getStartXValue(s, i)) + " s to " + Axes.fmt(data.getEndXValue(s, i)) + " s");
    NumberAxis x = new NumberAxis("seconds");
    x.setLowerMargin(0);
    plot = new XYPlot(data, x, rowAxis(), renderer);
    plot.setNoDataMessage("lifecycle timeline: no trials yet");
    plot.setRangeGridlinesVisible(false);
    chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.getLegend().setPosition(RectangleEdge.BOTTOM);
    Palette.CURRENT.addListener(new javafx.beans.WeakInvalidationListener(paletteChanged));
    restyle();
    pane.setChart(chart);
    setCenter(pane);
    setMinSize(80, 60);
  }

  private org.jfree.chart.axis.ValueAxis rowAxis() {
    if (ids.size() > MAX_LABELLED_ROWS) {
      // too many rows to name: a plain axis (a SymbolAxis still lays out a tick per row, ~50 ms at 1,000 trials)
      NumberAxis y = new NumberAxis(null);
      y.setInverted(true);
      y.setTickLabelsVisible(false);
      y.setTickMarksVisible(false);
      allRows = new org.jfree.data.Range(-0.5, ids.size() - 0.5);
      y.setRange(allRows);
      return y;
    }
    allRows = null;
    SymbolAxis y = new SymbolAxis(null, ids.toArray(String[]::new));
    y.setInverted(true); // the first trial on top, as in the table
    y.setGridBandsVisible(false);
    y.setTickMarksVisible(false);
    return y;
  }

  /** The trial selected in the table, as a band across its row; null: none. */
  public void setSelected(String id) {
    selected = id;
    dirty = true;
  }

  /** Only trials passing {@code p} get a row (the table's filter, as the curves beside it); null: all. */
  public void setShown(java.util.function.Predicate<String> p) {
    shown = p;
    dirty = true;
  }

  /** Calls {@code pick} with the trial whose span was clicked. */
  public void onTrialClicked(Consumer<String> pick) {
    pane.onTrialClicked(pick);
  }

  public void markDirty() {
    dirty = true;
  }

  /** Rebuilds the spans if a trial moved since the last time, or on the interval while open spans grow; true if it did. */
  public boolean paintIfDirty() {
    Long live = nowMs.get();
    boolean changed = dirty || model.version() != seen || live != null;
    if (!changed) return false;
    if (!dirty && !pace.due()) return false;
    seen = model.version();
    dirty = false;
    pace.redraw(() -> rebuild(live));
    return true;
  }

  public JFreeChart chart() {
    return chart;
  }

  public ChartPane pane() {
    return pane;
  }

  private void rebuild(Long live) {
    chart.setNotify(false);
    try {
      for (int i = 0; i < STATUSES.length; i++) data.getSeries(i).clear();
      Map<String, List<TimelineModel.Segment>> all = model.rows();
      Map<String, List<TimelineModel.Segment>> rows = all;
      if (shown != null) {
        rows = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, List<TimelineModel.Segment>> e : all.entrySet()) if (shown.test(e.getKey())) rows.put(e.getKey(), e.getValue());
      }
      boolean newRows = !ids.equals(new ArrayList<>(rows.keySet()));
      ids.clear();
      ids.addAll(rows.keySet());
      // a filtered timeline says so: rows missing without a word read as trials that never existed
      String title = rows.size() == all.size() ? null : "showing " + rows.size() + " of " + all.size() + " trials (the table's filter)";
      if (!java.util.Objects.equals(title, chart.getTitle() == null ? null : chart.getTitle().getText())) chart.setTitle(title);
      if (title != null) {
        chart.getTitle().setFont(NOTE);
        chart.getTitle().setPaint(ChartStyles.current().muted());
      }
      if (!rows.isEmpty()) {
        long start = model.firstMs();
        long end = Math.max(model.lastMs(), live == null ? model.lastMs() : live);
        int row = 0;
        for (List<TimelineModel.Segment> segs : rows.values()) {
          for (int i = 0; i < segs.size(); i++) {
            TimelineModel.Segment s = segs.get(i);
            long segEnd = i + 1 < segs.size() ? segs.get(i + 1).startMs() : s.status().isFinished() ? s.startMs() : end;
            double x0 = (s.startMs() - start) / 1000.0;
            // a finished trial's end is a moment: a thin mark, so that its colour shows how it ended
            double x1 = Math.max(segEnd - start, s.startMs() - start + (s.status().isFinished() ? 250 : 0)) / 1000.0;
            data.getSeries(s.status().ordinal()).add(new org.jfree.data.xy.XYIntervalDataItem(x0, x0, x1, row, row - 0.4, row + 0.4), false);
          }
          row++;
        }
      }
      if (newRows) {
        org.jfree.data.Range zoom = zoomedRows(plot.getRangeAxis());
        org.jfree.chart.axis.ValueAxis y = rowAxis();
        if (zoom != null) y.setRange(zoom);
        plot.setRangeAxis(y);
      }
      if (band != null) plot.removeRangeMarker(0, band, org.jfree.chart.ui.Layer.BACKGROUND, false);
      band = null;
      int at = selected == null ? -1 : ids.indexOf(selected);
      if (at >= 0) {
        Color a = ChartStyles.current().accent();
        band = new IntervalMarker(at - 0.5, at + 0.5, new Color(a.getRed(), a.getGreen(), a.getBlue(), 50));
        plot.addRangeMarker(0, band, org.jfree.chart.ui.Layer.BACKGROUND, false);
      }
      if (newRows) ChartStyles.current().apply(chart);
      for (int i = 0; i < STATUSES.length; i++) data.getSeries(i).fireSeriesChanged();
    } finally {
      chart.setNotify(true);
    }
  }

  /** The rows the user zoomed to, which a new row axis keeps (new trials come below: rows keep their places); null: all. */
  private org.jfree.data.Range zoomedRows(org.jfree.chart.axis.ValueAxis old) {
    if (old == null || old.isAutoRange()) return null;
    return old.getRange().equals(allRows) ? null : old.getRange();
  }

  private void restyle() {
    ChartStyle s = ChartStyles.current();
    s.apply(chart);
    Palette p = Palette.current();
    for (TrialStatus st : STATUSES) renderer.setSeriesPaint(st.ordinal(), ChartStyles.awt(p.status(st)));
    dirty = true;
  }
}
