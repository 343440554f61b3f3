package org.tunebench.ui.run;

import java.util.List;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.tunebench.model.TrialStatus;
import org.tunebench.ui.WindowPrefs;
import org.tunebench.ui.command.ActionFactory;
import static org.tunebench.ui.command.StandardAction.*;
import org.tunebench.ui.chart.BestSoFarChart;
import org.tunebench.ui.chart.CurvesChart;
import org.tunebench.ui.chart.TimelineChart;
import org.tunebench.ui.session.ExperimentSession;
import org.tunebench.ui.session.TrialRow;

/**
 * The run dashboard: experiment controls, the trial table, learning curves, the lifecycle timeline and
 * best-so-far. Charts repaint from {@link #frame()}, which the batch pump calls once per pulse.
 */
public final class RunDashboardView extends BorderPane {
  private final ExperimentSession session;
  private final TrialTable table;
  private final CurvesChart curves;
  private final TimelineChart timeline;
  private final BestSoFarChart best;
  private final List<java.util.function.BooleanSupplier> charts;
  private int nextChart;
  private final ComboBox<String> metricBox = new ComboBox<>();
  private final Label counts = new Label();
  /** The experiment's status, beside the counts and never cut: "RUNN…" said nothing. */
  private final Label experimentStatus = new Label();
  /** Below this width the run bar drops the word "concurrency". */
  static final double NARROW_BAR = 960;
  private final Tooltip countsTip = new Tooltip();
  private final ActionFactory commands;
  private final SplitPane main;
  private final SplitPane top;
  private final SplitPane bottom;
  private int knownMetrics;

  /**
   * @param commands the window's command model: the control buttons and the table's context menu are made
   *     from it, so they match the menus and toolbar
   */
  public RunDashboardView(ExperimentSession session, ActionFactory commands, Consumer<TrialRow> openDetail, WindowPrefs prefs) {
    this.session = session;
    this.commands = commands;
    setId("run-dashboard");
    table = new TrialTable(session.table(), commands.contextMenu(PAUSE_TRIAL, RESUME_TRIAL, STOP_TRIAL, RESTART_TRIAL, null,
        FORK_TRIAL, EXTEND_TRIAL, null, TRIAL_LOG, TRIAL_DETAILS), openDetail);
    table.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> commands.commands().refresh());
    curves = new CurvesChart(session.curves());
    curves.setParentOf(id -> {
      TrialRow r = session.table().row(id);
      return r == null || r.snapshot() == null ? null : r.snapshot().parentId();
    });
    curves.setDescribe(id -> {
      TrialRow r = session.table().row(id);
      return r == null ? "" : CurvesChart.configText(r.config());
    });
    timeline = new TimelineChart(session.timeline(), () -> session.clockRunning() ? System.currentTimeMillis() : null);
    best = new BestSoFarChart(() -> session.curves().version());
    // with several objectives there is no one best: the line says whose best-so-far it is (the first objective's)
    String bestLabel = session.spec().multiObjective() ? session.spec().metric() + " (first objective)" : session.spec().metric();
    best.setLines(List.of(new BestSoFarChart.Line(bestLabel, session.curves().bestX(), session.curves().bestY(), session.curves()::lastX)));
    charts = List.of(curves::paintIfDirty, timeline::paintIfDirty, best::paintIfDirty);
    // a click on a curve or on a span of the timeline selects its trial; the curves follow the table's filter
    java.util.function.Consumer<String> pick = id -> {
      var row = session.table().row(id);
      if (row != null) {
        table.getSelectionModel().select(row);
        table.scrollTo(row);
      }
    };
    curves.onTrialClicked(pick);
    timeline.onTrialClicked(pick);
    // only a changed filter or added/removed rows change what is drawn: in-place row updates (every result)
    // must not mark the curves dirty, or they would repaint unthrottled on every pulse
    session.table().filterProperty().addListener((o, a, f) -> followFilter());
    session.brushedProperty().addListener((o, a, b) -> followFilter());
    session.table().filtered().addListener((javafx.collections.ListChangeListener<TrialRow>) c -> {
      boolean structural = false;
      while (c.next()) structural |= c.wasAdded() || c.wasRemoved();
      String f = session.table().filterProperty().get();
      if (structural && (f != null && !f.isBlank() || session.brushedProperty().get() != null)) followFilter();
    });
    table.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> timeline.setSelected(r == null ? null : r.id()));
    table.getSelectionModel().getSelectedItems().addListener((javafx.collections.ListChangeListener<TrialRow>) c ->
        curves.setSelected(table.getSelectionModel().getSelectedItems().stream().filter(java.util.Objects::nonNull).map(TrialRow::id).toList()));

    setTop(controls());
    metricBox.getItems().add(session.spec().metric());
    metricBox.setValue(session.spec().metric());
    metricBox.setId("metric-box");
    metricBox.valueProperty().addListener((o, a, m) -> { if (m != null) curves.setMetric(m); });
    ComboBox<String> xBox = new ComboBox<>(FXCollections.observableArrayList("training_iteration", "time_total_s"));
    xBox.setValue("training_iteration");
    xBox.valueProperty().addListener((o, a, x) -> curves.setByTime("time_total_s".equals(x)));
    CheckBox log = new CheckBox("log scale");
    log.setId("log-scale");
    log.selectedProperty().addListener((o, a, v) -> curves.setLogY(v));
    Label title = new Label("Learning curves");
    title.getStyleClass().add("chart-title");
    // TensorBoard's smoothing: EMA weight 0 (raw) to 0.99
    javafx.scene.control.Slider smooth = new javafx.scene.control.Slider(0, 0.99, 0);
    smooth.setId("dashboard-smoothing");
    smooth.setPrefWidth(80);
    smooth.setTooltip(new Tooltip("smoothing: exponential moving average weight, as in TensorBoard (0 = raw)"));
    smooth.valueProperty().addListener((o, a, v) -> curves.setSmoothing(v.doubleValue()));
    CheckBox only = new CheckBox("only selected");
    only.setId("curves-only-selected");
    only.selectedProperty().addListener((o, a, v) -> curves.setOnlySelected(v));
    only.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    Label smoothLabel = new Label("smooth");
    smoothLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    HBox curveTools = new HBox(6, smoothLabel, smooth, only);
    curveTools.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    curves.pane().addTools(curveTools);
    // wraps instead of holding a minimum width: a one-line bar kept the curves pane at ~520 px, which squeezed
    // the trial table to its id and status columns at 1024 px
    javafx.scene.layout.FlowPane curveBar = new javafx.scene.layout.FlowPane(6, 4, title, metricBox, xBox, log);
    title.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    log.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    metricBox.setPrefWidth(110);
    xBox.setPrefWidth(140);
    curveBar.setPadding(new Insets(4));
    curveBar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    curveBar.setMinWidth(0);
    VBox curvePane = new VBox(curveBar, curves);
    curvePane.setId("curves-pane");
    VBox.setVgrow(curves, Priority.ALWAYS);

    top = new SplitPane(table, curvePane);
    bottom = new SplitPane(timeline, best);
    main = new SplitPane(top, bottom);
    main.setOrientation(Orientation.VERTICAL);
    remember(prefs, top, "split.run.top", 0.55);
    remember(prefs, bottom, "split.run.bottom", 0.6);
    remember(prefs, main, "split.run.main", 0.66);
    setCenter(main);
  }

  /**
   * Restores a divider and saves it when the user drags it. Only a drag is saved: a small window squeezes the
   * dividers against the panes' minimum sizes, and that squeezed layout must not outlive the resize.
   */
  public static void remember(WindowPrefs prefs, SplitPane s, String key, double dflt) {
    s.setDividerPositions(prefs.get(key, dflt));
    // the filter sees every click inside the split (a row of the table, a chart): save only when the divider
    // moved between press and release, or a click on a squeezed window would save the squeezed position
    double[] atPress = {Double.NaN};
    s.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED, e -> atPress[0] = s.getDividerPositions()[0]);
    s.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_RELEASED, e -> {
      double now = s.getDividerPositions()[0];
      if (!Double.isNaN(atPress[0]) && Math.abs(now - atPress[0]) > 1e-6) prefs.put(key, now);
      atPress[0] = Double.NaN;
    });
  }

  private HBox controls() {
    Button pauseAll = commands.button(PAUSE_ALL, "run-");
    Button resumeAll = commands.button(RESUME_ALL, "run-");
    Button stop = commands.button(STOP_ALL, "run-");
    Button add = commands.button(ADD_TRIAL, "run-");
    Spinner<Integer> conc = new Spinner<>(0, 256, Math.max(0, session.spec().maxConcurrentTrials()));
    conc.setId("concurrency");
    conc.setEditable(true);
    conc.setPrefWidth(70);
    conc.setTooltip(new Tooltip("maxConcurrentTrials, changed live (0 = as many as resources allow)"));
    conc.valueProperty().addListener((o, a, v) -> {
      if (session.isLive() && v != null) session.running().controller().setMaxConcurrentTrials(v);
    });
    conc.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> !session.isLive(), session.statusProperty()));
    conc.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    TextField filter = new TextField();
    filter.setId("trial-filter");
    filter.setPromptText("filter: id, status, config…");
    filter.setPrefColumnCount(16);
    session.table().filterProperty().bind(filter.textProperty());
    counts.setId("run-counts");
    counts.setTooltip(countsTip);
    Label concLabel = new Label("concurrency");
    concLabel.setMinWidth(Label.USE_PREF_SIZE);
    // the counts give way first on a narrow window; the filter keeps room to type
    counts.setMinWidth(0);
    filter.setMinWidth(110);
    experimentStatus.setId("run-status");
    experimentStatus.setMinWidth(Label.USE_PREF_SIZE);
    experimentStatus.setStyle("-fx-font-weight: bold");
    HBox bar = new HBox(8, pauseAll, resumeAll, stop, add, concLabel, conc, spacer(), counts, experimentStatus, filter);
    // on a narrow window (1024 px with the sidebar) the word goes first (the spinner's tooltip says what it is):
    // with it the bar was wider than the window, and the whole dashboard was cut on the right
    concLabel.managedProperty().bind(concLabel.visibleProperty());
    concLabel.visibleProperty().bind(bar.widthProperty().greaterThan(NARROW_BAR));
    bar.setPadding(new Insets(6));
    bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    return bar;
  }

  private static Region spacer() {
    Region r = new Region();
    HBox.setHgrow(r, Priority.ALWAYS);
    return r;
  }

  /** Once per pulse: repaint what changed, refresh counts and the metric list. */
  public void frame() {
    table.frame();
    // one chart redraw a pulse at most (each is a whole JFreeChart draw, 10-80 ms here), taking turns so that
    // none waits behind another that is dirty on every pulse
    for (int i = 0; i < charts.size(); i++) {
      int c = (nextChart + i) % charts.size();
      if (charts.get(c).getAsBoolean()) {
        nextChart = (c + 1) % charts.size();
        break;
      }
    }
    if (session.curves().metricNames().size() != knownMetrics) {
      knownMetrics = session.curves().metricNames().size();
      for (String m : session.curves().metricNames()) if (!metricBox.getItems().contains(m)) metricBox.getItems().add(m);
    }
    // the counts give way on a narrow window (the whole text is in the tooltip); the status beside them does not
    StringBuilder b = new StringBuilder();
    for (TrialStatus s : TrialStatus.values()) {
      long n = session.table().count(s);
      if (n > 0) b.append(b.length() == 0 ? "" : "  ").append(n).append(' ').append(s.name().toLowerCase());
    }
    String status = session.statusProperty().get();
    String text = b.toString();
    if (!text.equals(counts.getText()) || !status.equals(experimentStatus.getText())) {
      counts.setText(text);
      experimentStatus.setText(status);
      countsTip.setText(text + "  ·  experiment " + status);
    }
  }

  public TrialTable table() { return table; }
  public CurvesChart curves() { return curves; }
  public TimelineChart timeline() { return timeline; }
  public BestSoFarChart best() { return best; }

  // the table's filter and the Analysis view's brushes (AND-ed) decide which curves are drawn
  private void followFilter() {
    String f = session.table().filterProperty().get();
    java.util.Set<String> brushed = session.brushedProperty().get();
    if ((f == null || f.isBlank()) && brushed == null) {
      curves.setShown(null);
      timeline.setShown(null);
      return;
    }
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (TrialRow r : session.table().filtered()) if (brushed == null || brushed.contains(r.id())) ids.add(r.id());
    curves.setShown(ids::contains);
    timeline.setShown(ids::contains);
  }
}
