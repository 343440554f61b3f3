package org.tunebench.ui.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import org.jfree.chart.JFreeChart;
import org.tunebench.app.analysis.AnalysisTable;
import org.tunebench.app.analysis.Fanova;
import org.tunebench.app.analysis.ParamAxis;
import org.tunebench.app.analysis.ParetoTable;
import org.tunebench.app.analysis.Rungs;
import org.tunebench.charts.RunCharts;
import org.tunebench.engine.PluginLoaders;
import org.tunebench.engine.schedule.SchedulerRegistry;
import org.tunebench.model.ExperimentSpec;
import org.tunebench.ui.chart.ChartPane;
import org.tunebench.ui.chart.ChartStyles;
import org.tunebench.ui.chart.DoubleList;
import org.tunebench.ui.chart.Lttb;
import org.tunebench.ui.session.CurveStore;
import org.tunebench.ui.session.ExperimentSession;
import org.tunebench.ui.session.TrialRow;

/**
 * Which hyperparameters matter and how: importance, a slice, a contour, the metric's distribution, every trial's
 * intermediate values with the scheduler's rungs, and parallel coordinates, over the trials the table's filter
 * shows. Live: {@link #frame} starts a refresh at most twice a second when the trials changed; the charts are
 * built on a background thread and swapped in on the FX thread. A click on a trial selects it everywhere.
 */
public final class AnalysisView extends BorderPane {
  static final long MIN_INTERVAL_MS = 500;
  static final int CURVE_POINTS = 200;

  private final ExperimentSession session;
  private final Consumer<String> select;
  private final AnalysisCompute compute;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "analysis");
    t.setDaemon(true);
    return t;
  });
  private final ComboBox<String> scope = new ComboBox<>(FXCollections.observableArrayList("all trials", "top 25%", "top 10%"));
  private final ComboBox<String> param = new ComboBox<>();
  private final ComboBox<String> contourX = new ComboBox<>();
  private final ComboBox<String> contourY = new ComboBox<>();
  final ChartPane importance = new ChartPane("chart-importance");
  final ChartPane slice = new ChartPane("chart-slice");
  final ChartPane contour = new ChartPane("chart-contour");
  final ChartPane edf = new ChartPane("chart-edf");
  final ChartPane intermediate = new ChartPane("chart-intermediate");
  final ChartPane parallel = new ChartPane("chart-parallel");
  /** The Pareto front, one pane per pair of objectives; empty with one objective. */
  final List<ChartPane> pareto = new ArrayList<>();
  private final Label status = new Label();
  private final javafx.scene.control.Slider smoothing = new javafx.scene.control.Slider(0, 0.99, 0);
  private boolean busy;
  private boolean dirty = true;
  private long lastStart;
  private long shownVersion = Long.MIN_VALUE;
  private String selected;
  private AnalysisTable table;
  private ParetoTable paretoTable;
  private org.tunebench.charts.ParallelBrush brush = org.tunebench.charts.ParallelBrush.NONE;
  private final javafx.beans.property.ReadOnlyObjectWrapper<List<String>> brushed =
      new javafx.beans.property.ReadOnlyObjectWrapper<>(List.of());
  private long lastMillis = -1;

  private final java.util.function.Supplier<String> report;
  private final javafx.scene.control.Button reportButton = new javafx.scene.control.Button("Report…");

  /**
   * @param select called with a trial id picked on a chart
   * @param report renders the experiment's HTML report (called off the FX thread)
   */
  public AnalysisView(ExperimentSession session, Consumer<String> select, java.util.function.Supplier<String> report) {
    this.session = session;
    this.select = select;
    this.report = report;
    this.compute = new AnalysisCompute(session.spec(), rungs(session.spec()));
    setId("analysis-view");
    param.setId("scatter-param");
    scope.setId("importance-scope");
    contourX.setId("contour-x");
    contourY.setId("contour-y");
    scope.setValue("all trials");
    for (ComboBox<String> c : List.of(scope, param, contourX, contourY)) c.valueProperty().addListener((o, a, b) -> changed());
    status.getStyleClass().add("muted");
    status.setId("analysis-status");
    status.setMinWidth(60);
    reportButton.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    scope.setTooltip(new javafx.scene.control.Tooltip("importance: " + Fanova.METHOD));
    reportButton.setId("analysis-report");
    reportButton.setTooltip(new javafx.scene.control.Tooltip("write a self-contained HTML report of this experiment"));
    reportButton.setOnAction(e -> chooseReport());
    javafx.scene.layout.Region gap = new javafx.scene.layout.Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    smoothing.setId("curve-smoothing");
    smoothing.setPrefWidth(90);
    smoothing.setTooltip(new javafx.scene.control.Tooltip("smoothing of the intermediate values (EMA weight, as TensorBoard)"));
    smoothing.valueChangingProperty().addListener((o, a, moving) -> { if (!moving) changed(); });
    smoothing.valueProperty().addListener((o, a, b) -> { if (!smoothing.isValueChanging()) changed(); });
    HBox bar = new HBox(8, label("importance over"), scope, label("slice"), param, label("contour"), contourX,
        label("×"), contourY, label("smoothing"), smoothing, gap, status, reportButton);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setPadding(new Insets(4, 6, 4, 6));
    // the status text gives way first: the scope read "all t..." beside a long status at 1600 px
    scope.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    status.setMinWidth(40);
    setTop(bar);
    GridPane grid = new GridPane();
    grid.setHgap(4);
    grid.setVgap(4);
    grid.setPadding(new Insets(4));
    // with several objectives the Pareto front comes first, in a row of its own
    int top = 0;
    if (session.spec().multiObjective()) {
      List<int[]> pairs = AnalysisCompute.pairs(session.spec().objectives().size());
      for (int[] p : pairs) {
        ChartPane c = new ChartPane(pairs.size() == 1 ? "chart-pareto" : "chart-pareto-" + p[0] + "-" + p[1]);
        pareto.add(c);
        if (pairs.size() == 1) grid.add(c, 0, 0, 3, 1);
        else grid.add(c, pareto.size() - 1, 0);
      }
      top = 1;
    }
    grid.add(importance, 0, top);
    grid.add(slice, 1, top);
    grid.add(contour, 2, top);
    grid.add(edf, 0, top + 1);
    grid.add(intermediate, 1, top + 1);
    grid.add(parallel, 2, top + 1);
    for (int i = 0; i < 3; i++) {
      ColumnConstraints c = new ColumnConstraints();
      c.setPercentWidth(100 / 3.0);
      c.setHgrow(Priority.ALWAYS);
      grid.getColumnConstraints().add(c);
    }
    for (int i = 0; i < top + 2; i++) {
      RowConstraints r = new RowConstraints();
      r.setPercentHeight(100.0 / (top + 2));
      r.setVgrow(Priority.ALWAYS);
      grid.getRowConstraints().add(r);
    }
    setCenter(grid);
    for (ChartPane p : List.of(slice, contour, intermediate, parallel)) p.onTrialClicked(this::pick);
    for (ChartPane p : pareto) {
      p.onTrialClicked(this::pick);
      // every trial with all its objectives, rather than the plotted series
      p.setCsv(() -> paretoTable == null ? "" : org.tunebench.charts.ParetoChart.csv(paretoTable));
    }
    new BrushGesture(parallel, () -> table, () -> brush, this::setBrush);
    session.table().filterProperty().addListener((o, a, b) -> changed());
  }

  /** A bar label that keeps its text rather than shrinking to an ellipsis. */
  private static Label label(String text) {
    Label l = new Label(text);
    l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    return l;
  }

  private static List<Double> rungs(ExperimentSpec spec) {
    if (spec.scheduler() == null) return List.of();
    try {
      return Rungs.milestones(SchedulerRegistry.create(spec, PluginLoaders.forExperiment(spec.trainable().jar()))
          .save().toString());
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  private void pick(String id) {
    if (session.table().row(id) == null) return;
    setSelected(id);
    select.accept(id);
  }

  /**
   * Brushes on the parallel coordinates (AND-ed): the other charts show only the trials inside them, and
   * {@link #brushedProperty()} names those trials (all of them when there is no brush).
   */
  public void setBrush(org.tunebench.charts.ParallelBrush b) {
    brush = b == null ? org.tunebench.charts.ParallelBrush.NONE : b;
    changed();
  }

  public org.tunebench.charts.ParallelBrush brush() {
    return brush;
  }

  /** The trials inside the parallel-coordinates brushes, after the last refresh; empty before the first. */
  public javafx.beans.property.ReadOnlyObjectProperty<List<String>> brushedProperty() {
    return brushed.getReadOnlyProperty();
  }

  /** The trial selected elsewhere (the table): ringed on the slice and contour, drawn first on the curves. */
  public void setSelected(String id) {
    if (Objects.equals(id, selected)) return;
    selected = id;
    changed();
  }

  private void changed() {
    dirty = true;
    lastStart = 0;
  }

  /** Re-reads the trials now (when the tab is shown). */
  public void refresh() {
    changed();
    frame();
  }

  /** Once per pulse while shown: starts a refresh when something changed and the last one is old enough. */
  public void frame() {
    long now = System.currentTimeMillis();
    if (busy || now - lastStart < MIN_INTERVAL_MS) return;
    List<AnalysisTable.Trial> trials = new ArrayList<>();
    List<ParetoTable.Trial> objectives = session.spec().multiObjective() ? new ArrayList<>() : null;
    long version = 17;
    for (TrialRow r : session.table().filtered()) {
      Double b = r.bestProperty().get();
      trials.add(new AnalysisTable.Trial(r.id(), r.config(), b));
      if (objectives != null) {
        var snap = r.snapshot();
        objectives.add(new ParetoTable.Trial(r.id(), r.config(), snap == null ? null : snap.lastResult()));
      }
      version = version * 31 + r.id().hashCode();
      version = version * 31 + (b == null ? 0 : Double.hashCode(b)) + r.iterationProperty().get();
    }
    lastStart = now;
    if (!dirty && version == shownVersion) return;
    dirty = false;
    busy = true;
    AnalysisCompute.Input in = new AnalysisCompute.Input(trials, curves(trials), quantile(), param.getValue(),
        contourX.getValue(), contourY.getValue(), selected, Math.round(smoothing.getValue() * 100) / 100.0, version, brush, objectives);
    var style = ChartStyles.current();
    worker.execute(() -> {
      AnalysisCompute.Output out;
      try {
        out = compute.run(in, style);
      } catch (RuntimeException e) {
        Platform.runLater(() -> {
          busy = false;
          status.setText("analysis failed: " + e);
        });
        return;
      }
      Platform.runLater(() -> show(out));
    });
  }

  private double quantile() {
    String s = scope.getValue();
    return s == null || s.startsWith("all") ? 1 : Integer.parseInt(s.replaceAll("\\D", "")) / 100.0;
  }

  /** Each filtered trial's curve, decimated (LTTB) to a few hundred points so that a big run stays cheap to copy. */
  private List<RunCharts.Curve> curves(List<AnalysisTable.Trial> trials) {
    List<RunCharts.Curve> out = new ArrayList<>();
    String metric = session.spec().metric();
    for (AnalysisTable.Trial t : trials) {
      CurveStore.TrialCurve c = session.curves().curves().get(t.id());
      if (c == null || c.size() == 0) continue;
      DoubleList ys = c.metric(metric);
      if (ys == null || ys.size() == 0) continue;
      int n = Math.min(c.iteration.size(), ys.size());
      int[] idx = n <= CURVE_POINTS ? null : Lttb.downsample(c.iteration, ys, CURVE_POINTS);
      int m = idx == null ? n : idx.length;
      double[] xs = new double[m];
      double[] vs = new double[m];
      for (int i = 0; i < m; i++) {
        int k = idx == null ? i : idx[i];
        xs[i] = c.iteration.get(k);
        vs[i] = ys.get(k);
      }
      out.add(new RunCharts.Curve(t.id(), xs, vs));
    }
    return out;
  }

  private void show(AnalysisCompute.Output out) {
    busy = false;
    table = out.table();
    brushed.set(out.brushed());
    // the dashboard's curves follow the brush too
    session.brushedProperty().set(brush.isEmpty() ? null : java.util.Set.copyOf(out.brushed()));
    shownVersion = out.version();
    lastMillis = out.millis();
    List<String> names = out.table().axes().stream().map(ParamAxis::name).toList();
    for (ComboBox<String> c : List.of(param, contourX, contourY)) {
      if (!c.getItems().equals(names)) {
        String keep = c.getValue();
        c.getItems().setAll(names);
        int fallback = c == contourY ? Math.min(1, names.size() - 1) : 0;
        c.setValue(names.contains(keep) ? keep : names.isEmpty() ? null : names.get(fallback));
      }
    }
    set(importance, out.importance());
    set(slice, out.slice());
    set(contour, out.contour());
    set(edf, out.edf());
    set(intermediate, out.intermediate());
    set(parallel, out.parallel());
    for (int i = 0; i < pareto.size() && i < out.paretoCharts().size(); i++) set(pareto.get(i), out.paretoCharts().get(i));
    paretoTable = out.pareto();
    String front = out.pareto() == null ? "" : " · Pareto front: " + out.pareto().frontSize() + " of " + out.pareto().size() + " trials";
    status.setText(out.table().size() + " trials with " + session.spec().metric() + front + " · refreshed in " + out.millis() + " ms");
  }

  private static void set(ChartPane p, JFreeChart c) {
    if (c != null) p.setChart(c);
  }

  /** The objectives and front the Pareto charts show; null with one objective or before the first refresh. */
  public ParetoTable paretoTable() {
    return paretoTable;
  }

  /** The table the charts show (for tests and the report button). */
  public AnalysisTable table() {
    return table;
  }

  public long lastRefreshMillis() {
    return lastMillis;
  }

  public boolean isRefreshing() {
    return busy;
  }

  public void close() {
    worker.shutdownNow();
  }

  private void chooseReport() {
    javafx.stage.FileChooser fc = new javafx.stage.FileChooser();
    fc.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("HTML", "*.html"));
    fc.setInitialFileName(session.name().replaceAll("[^A-Za-z0-9._-]", "_") + "-report.html");
    java.io.File f = getScene() == null ? null : fc.showSaveDialog(getScene().getWindow());
    if (f != null) writeReport(f.toPath());
  }

  /** Writes the HTML report off the FX thread; the status line (and the future) says where, or why not. */
  public java.util.concurrent.CompletableFuture<String> writeReport(java.nio.file.Path file) {
    var done = new java.util.concurrent.CompletableFuture<String>();
    reportButton.setDisable(true);
    status.setText("writing report…");
    worker.execute(() -> {
      String msg;
      try {
        java.nio.file.Files.writeString(file, report.get(), java.nio.charset.StandardCharsets.UTF_8);
        msg = "report written to " + file;
      } catch (java.io.IOException | RuntimeException e) {
        msg = "could not write the report to " + file + ": " + e.getMessage();
      }
      String m = msg;
      Platform.runLater(() -> {
        reportButton.setDisable(false);
        status.setText(m);
      });
      done.complete(m);
    });
    return done;
  }
}
