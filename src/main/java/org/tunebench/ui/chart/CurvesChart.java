package org.tunebench.ui.chart;

import java.awt.BasicStroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import javafx.geometry.Point2D;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.fx.interaction.ChartMouseEventFX;
import org.jfree.chart.fx.interaction.ChartMouseListenerFX;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYDataset;
import org.tunebench.charts.ChartStyle;
import org.tunebench.model.ExperimentSpec.Mode;
import org.tunebench.ui.session.CurveStore;

/**
 * Live learning curves in a JFreeChart plot: JFreeChart's axes, zoom and pan (wheel, drag, reset), legend and
 * PNG/SVG/CSV export, with the many background curves painted by {@link CurveLayer}'s raster inside the plot and
 * the highlighted ones (the selection and the best few) drawn by JFreeChart on top, in colour and in the legend.
 * PBT exploits and forks are marked where the curve carries on from the donor's checkpoint. Hovering shows the
 * nearest curve's trial, step, full-precision value and config; a click reports the trial.
 * Repaints from {@link #paintIfDirty()} (the dashboard's pulse), at most every {@code minIntervalMs} for new data.
 */
public final class CurvesChart extends BorderPane {
  /** Best trials highlighted besides the selection, when the plotted metric is the experiment's. */
  static final int TOP = 5;
  private final CurveStore store;
  private final CurveLayer layer;
  private final ChartPane pane = new ChartPane("curves-chart");
  private final DefaultXYDataset lines = new DefaultXYDataset();
  private final DefaultXYDataset marks = new DefaultXYDataset();
  private final XYLineAndShapeRenderer lineRenderer = new XYLineAndShapeRenderer(true, false);
  private final XYLineAndShapeRenderer markRenderer = new XYLineAndShapeRenderer(false, true);
  private final RasterCurvesPlot plot;
  private final JFreeChart chart;
  private final Tooltip tip = new Tooltip();
  private final List<String> highlighted = new ArrayList<>();
  private final List<Mark> placed = new ArrayList<>();
  private Set<String> selected = Set.of();
  private Predicate<String> filter = id -> true;
  private boolean onlySelected;
  private Function<String, String> parentOf = id -> null;
  private Function<String, String> describe = id -> "";
  private boolean dirty = true;
  private long seenVersion = -1;
  private final RedrawPace pace = new RedrawPace(200);
  private final javafx.beans.InvalidationListener paletteChanged = o -> restyle();

  /** A marked point: {@code kind} "exploit" or "fork", of trial {@code id} from {@code from}, at result {@code index}. */
  record Mark(String id, String kind, String from, int index) {}

  public CurvesChart(CurveStore store) {
    this.store = store;
    this.layer = new CurveLayer(store, store.metric());
    getStyleClass().add("chart-pane");
    plot = new RasterCurvesPlot(lines, axisX(), axisY(false), layer);
    plot.setRenderer(0, lineRenderer);
    plot.setDataset(1, marks);
    plot.setRenderer(1, markRenderer);
    chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.getLegend().setPosition(RectangleEdge.BOTTOM);
    // FXGraphics2D draws text wider than AWT measured it, more so for long labels: room after each item
    chart.getLegend().setItemLabelPadding(new org.jfree.chart.ui.RectangleInsets(2, 2, 2, 44));
    layer.setFxTarget(() -> pane.viewer().getCanvas().getGraphicsContext2D());
    pane.setCsv(this::csv);
    pane.viewer().getCanvas().setTooltipEnabled(false);
    pane.viewer().addChartMouseListener(new ChartMouseListenerFX() {
      @Override public void chartMouseClicked(ChartMouseEventFX e) {
      }

      @Override public void chartMouseMoved(ChartMouseEventFX e) {
        hover(e.getTrigger().getX(), e.getTrigger().getY(), e.getTrigger().getScreenX(), e.getTrigger().getScreenY());
      }
    });
    pane.viewer().getCanvas().setOnMouseExited(e -> tip.hide());
    Palette.CURRENT.addListener(new javafx.beans.WeakInvalidationListener(paletteChanged));
    restyle();
    pane.setChart(chart);
    setCenter(pane);
    setMinSize(80, 60);
  }

  private static NumberAxis axisX() {
    NumberAxis x = new NumberAxis("training_iteration");
    x.setAutoRangeIncludesZero(false);
    return x;
  }

  private ValueAxis axisY(boolean log) {
    if (log) {
      return org.tunebench.charts.LogAxes.of(layer.metric());
    }
    NumberAxis y = new NumberAxis(layer.metric());
    y.setAutoRangeIncludesZero(false);
    return y;
  }

  private void restyle() {
    ChartStyle s = ChartStyles.current();
    s.apply(chart);
    dirty = true;
  }

  // changing what is plotted rebuilds the caches on the next paint
  public void setMetric(String m) {
    layer.setMetric(m);
    plot.getRangeAxis().setLabel(m);
    dirty = true;
  }

  public void setByTime(boolean t) {
    layer.setByTime(t);
    plot.getDomainAxis().setLabel(t ? "time_total_s" : "training_iteration");
    dirty = true;
  }

  public void setLogY(boolean l) {
    layer.setLogY(l);
    plot.setRangeAxis(axisY(l));
    ChartStyles.current().apply(chart);
    dirty = true;
  }

  /** TensorBoard-style EMA weight in [0, 1): 0 is the raw curves. */
  public void setSmoothing(double w) {
    double v = Math.max(0, Math.min(0.999, w));
    if (v == layer.smoothing()) return;
    layer.setSmoothing(v);
    dirty = true;
  }

  public void setSelected(String id) {
    setSelected(id == null ? List.of() : List.of(id));
  }

  public void setSelected(Collection<String> ids) {
    Set<String> next = new LinkedHashSet<>(ids);
    if (next.equals(selected)) return;
    selected = next;
    dirty = true;
  }

  /** Only trials passing {@code p} are drawn (the table's filter; null: all); ranges follow the drawn trials. */
  public void setShown(Predicate<String> p) {
    filter = p == null ? id -> true : p;
    dirty = true;
  }

  /** Draws the selected trials only. */
  public void setOnlySelected(boolean only) {
    onlySelected = only;
    dirty = true;
  }

  /** The trial a trial was forked from (null if none): its curve is marked where it starts. */
  public void setParentOf(Function<String, String> f) {
    parentOf = f;
    dirty = true;
  }

  /** The hover text's last lines for a trial (its config). */
  public void setDescribe(Function<String, String> f) {
    describe = f;
  }

  /** A config as hover lines, {@code key = value}, nested keys dotted, sorted. */
  public static String configText(Map<String, Object> config) {
    return org.tunebench.charts.TrialTips.configText(config);
  }

  /** Calls {@code pick} with the trial whose curve a click lands on (within 6 pixels). */
  public void onTrialClicked(Consumer<String> pick) {
    pane.viewer().addChartMouseListener(new ChartMouseListenerFX() {
      @Override public void chartMouseClicked(ChartMouseEventFX e) {
        String id = pick(e.getTrigger().getX(), e.getTrigger().getY(), 6);
        if (id != null) pick.accept(id);
      }

      @Override public void chartMouseMoved(ChartMouseEventFX e) {
      }
    });
  }

  public void setMinIntervalMs(long ms) {
    pace.setMinIntervalMs(ms);
  }

  public void markDirty() {
    dirty = true;
  }

  private boolean shown(String id) {
    return filter.test(id) && (!onlySelected || selected.contains(id));
  }

  /** Repaints if something changed since the last paint (new data at most every {@code minIntervalMs}). */
  public boolean paintIfDirty() {
    boolean data = store.version() != seenVersion;
    if (!dirty && !data) return false;
    if (!dirty && !pace.due()) return false;
    dirty = false;
    pace.redraw(this::repaint);
    return true;
  }

  private void repaint() {
    seenVersion = store.version();
    layer.setShown(this::shown);
    layer.refresh();
    chart.setNotify(false);
    try {
      highlight();
      placeMarks();
    } finally {
      // one redraw for all the changes above: ChartCanvas draws when the chart fires its change event
      chart.setNotify(true);
    }
  }

  // the selection, then the best few by the experiment's mode; drawn as vectors in colour, named in the legend
  private void highlight() {
    highlighted.clear();
    for (String id : selected) if (shown(id) && layer.ys(id) != null) highlighted.add(id);
    if (layer.metric().equals(store.metric())) {
      Mode mode = store.mode();
      // a list, not a map keyed by the value: trials tied on their best must not push each other out
      List<Map.Entry<Double, String>> best = new ArrayList<>();
      for (String id : store.curves().keySet()) {
        if (!shown(id) || selected.contains(id)) continue;
        double b = layer.extreme(id, mode == Mode.MIN);
        if (Double.isNaN(b)) continue;
        best.add(Map.entry(mode == Mode.MIN ? b : -b, id));
      }
      best.sort(Map.Entry.<Double, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()));
      best.stream().limit(TOP).forEach(e -> highlighted.add(e.getValue()));
    }
    while (lines.getSeriesCount() > 0) lines.removeSeries(lines.getSeriesKey(0));
    Palette p = Palette.current();
    java.util.List<javafx.scene.paint.Color> colours = p.unselectedSeries();
    // the colours the intermediate-values chart gives the same trials (ChartStyle.slots)
    java.util.Map<String, Integer> slot = org.tunebench.charts.ChartStyle.slots(
        highlighted.stream().filter(id -> !selected.contains(id)).toList(), colours.size());
    for (int i = 0; i < highlighted.size(); i++) {
      String id = highlighted.get(i);
      boolean sel = selected.contains(id);
      DoubleList xs = layer.xs(id);
      DoubleList ys = layer.ys(id);
      int n = Math.min(xs.size(), ys.size());
      double[][] xy = new double[2][n];
      for (int j = 0; j < n; j++) {
        xy[0][j] = xs.get(j);
        double v = ys.get(j);
        xy[1][j] = layer.logY() && v <= 0 ? Double.NaN : v;
      }
      lines.addSeries(label(id, sel), xy);
      lineRenderer.setSeriesPaint(i, ChartStyles.awt(sel ? p.accent() : colours.get(slot.get(id))));
      lineRenderer.setSeriesStroke(i, new BasicStroke(sel ? 2.8f : 1.8f));
    }
    layer.setVector(Set.copyOf(highlighted));
  }

  private String label(String id, boolean sel) {
    double b = layer.extreme(id, store.mode() == Mode.MIN);
    return "trial " + id + (sel ? " (selected)" : "") + (Double.isNaN(b) ? "" : "  best " + Axes.fmt(b));
  }

  // PBT exploits (from the store's marks) and forks (the first result of a trial with a parent)
  private void placeMarks() {
    placed.clear();
    for (CurveStore.Mark m : store.marks()) place(new Mark(m.trialId(), m.kind(), m.from(), m.index()));
    for (String id : store.curves().keySet()) {
      String parent = parentOf.apply(id);
      if (parent != null) place(new Mark(id, "fork", parent, 0));
    }
    while (marks.getSeriesCount() > 0) marks.removeSeries(marks.getSeriesKey(0));
    String[] kinds = {"exploit", "fork"};
    Palette p = Palette.current();
    for (String kind : kinds) {
      List<double[]> pts = new ArrayList<>();
      for (Mark m : placed) {
        if (!m.kind().equals(kind)) continue;
        pts.add(new double[] {layer.xs(m.id()).get(m.index()), layer.ys(m.id()).get(m.index())});
      }
      if (pts.isEmpty()) continue;
      double[][] xy = new double[2][pts.size()];
      for (int i = 0; i < pts.size(); i++) {
        xy[0][i] = pts.get(i)[0];
        xy[1][i] = pts.get(i)[1];
      }
      int s = marks.getSeriesCount();
      marks.addSeries(kind.equals("exploit") ? "PBT exploit" : "fork", xy);
      markRenderer.setSeriesPaint(s, ChartStyles.awt(kind.equals("exploit") ? p.status(org.tunebench.model.TrialStatus.ERRORED)
          : p.status(org.tunebench.model.TrialStatus.PAUSED)));
      markRenderer.setSeriesShape(s, kind.equals("exploit") ? triangle() : new Ellipse2D.Double(-4, -4, 8, 8));
    }
  }

  private void place(Mark m) {
    if (!shown(m.id())) return;
    DoubleList xs = layer.xs(m.id());
    DoubleList ys = layer.ys(m.id());
    if (xs == null || ys == null || m.index() >= Math.min(xs.size(), ys.size())) return;
    if (!Double.isFinite(ys.get(m.index()))) return;
    placed.add(m);
  }

  private static java.awt.Shape triangle() {
    Path2D.Double t = new Path2D.Double();
    t.moveTo(0, -5);
    t.lineTo(5, 4);
    t.lineTo(-5, 4);
    t.closePath();
    return t;
  }

  /** The shown trial whose curve passes within {@code radius} pixels of the canvas point (x, y), or null. */
  public String pick(double x, double y, double radius) {
    CurveLayer.Hit h = layer.pick(x, y, radius);
    return h == null ? null : h.id();
  }

  /** The hover text at canvas point (x, y): the nearest mark or curve point, or null when nothing is near. */
  public String hoverText(double x, double y) {
    for (Mark m : placed) {
      double mx = layer.px(layer.xs(m.id()).get(m.index()));
      double my = layer.py(layer.ys(m.id()).get(m.index()));
      if (CurveLayer.dist2(x, y, mx, my, mx, my) <= 36) {
        return "trial " + m.id() + (m.kind().equals("exploit") ? " exploited trial " + m.from()
            + ": took its checkpoint and a perturbed config" : " forked from trial " + m.from())
            + "\n" + xLabel() + " " + fmtX(layer.xs(m.id()).get(m.index()));
      }
    }
    CurveLayer.Hit h = layer.pick(x, y, 6);
    if (h == null) return null;
    StringBuilder b = new StringBuilder("trial ").append(h.id()).append('\n')
        .append(xLabel()).append(' ').append(fmtX(layer.xs(h.id()).get(h.index()))).append('\n')
        .append(layer.metric()).append(" = ").append(layer.raw(h.id()).get(h.index()));
    if (layer.smoothing() > 0) b.append("\nsmoothed = ").append(layer.ys(h.id()).get(h.index()));
    String d = describe.apply(h.id());
    if (d != null && !d.isBlank()) b.append('\n').append(d);
    return b.toString();
  }

  private String xLabel() {
    return layer.byTime() ? "time_total_s" : "training_iteration";
  }

  private static String fmtX(double x) {
    return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
  }

  private void hover(double x, double y, double sx, double sy) {
    String t = hoverText(x, y);
    if (t == null) {
      tip.hide();
      return;
    }
    tip.setText(t);
    if (getScene() != null) tip.show(pane.viewer().getCanvas(), sx + 14, sy + 14);
  }

  /** Every shown trial's plotted points: {@code trial,x,metric[,smoothed]}, full precision. */
  String csv() {
    StringBuilder b = new StringBuilder("trial,").append(xLabel()).append(',').append(org.tunebench.charts.ChartFiles.csvCell(layer.metric()));
    boolean sm = layer.smoothing() > 0;
    if (sm) b.append(",smoothed");
    b.append('\n');
    for (String id : store.curves().keySet()) {
      if (!shown(id) || layer.raw(id) == null) continue;
      DoubleList xs = layer.xs(id);
      DoubleList raw = layer.raw(id);
      DoubleList ys = layer.ys(id);
      for (int i = 0; i < Math.min(xs.size(), raw.size()); i++) {
        if (!Double.isFinite(raw.get(i))) continue;
        b.append(id).append(',').append(xs.get(i)).append(',').append(raw.get(i));
        if (sm) b.append(',').append(ys.get(i));
        b.append('\n');
      }
    }
    return b.toString();
  }

  /** Where result {@code index} of trial {@code id} was drawn, in the chart canvas' coordinates (null before a draw). */
  public Point2D canvasPoint(String id, int index) {
    DoubleList xs = layer.xs(id);
    DoubleList ys = layer.ys(id);
    if (xs == null || ys == null || index >= ys.size()) return null;
    return new Point2D(layer.px(xs.get(index)), layer.py(ys.get(index)));
  }

  /** The trials drawn in colour and named in the legend, the selection first. */
  public List<String> highlighted() {
    return List.copyOf(highlighted);
  }

  /** The marks placed on the curves: "exploit" or "fork" per trial id. */
  public Map<String, String> marks() {
    Map<String, String> m = new TreeMap<>();
    for (Mark k : placed) m.put(k.id(), k.kind());
    return m;
  }

  public int lastPointsDrawn() { return layer.pointsDrawn(); }
  public String metric() { return layer.metric(); }
  public ChartPane pane() { return pane; }
  public JFreeChart chart() { return chart; }
  public org.jfree.chart.fx.ChartViewer viewer() { return pane.viewer(); }
  public LegendTitle legend() { return chart.getLegend(); }
}
