package org.tunebench.ui.detail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.ui.Background;
import org.tunebench.store.ExperimentStore;
import org.tunebench.store.StoredCheckpoint;
import org.tunebench.store.StoredExperiment;
import org.tunebench.store.StoredResult;
import org.tunebench.ui.format.Numbers;
import org.tunebench.ui.chart.CurvesChart;
import org.tunebench.ui.run.ConfigEdits;
import org.tunebench.ui.session.CurveStore;
import org.tunebench.ui.session.ExperimentSession;
import org.tunebench.ui.session.TrialOutcome;
import org.tunebench.ui.session.TrialRow;

/**
 * A trial's detail window: config, every result (from the store), any metric plotted, checkpoints, log, error.
 * Live: once a second it follows the row (status, config after an exploit), re-reads results and checkpoints
 * when the trial moved on, and tails the log, all reads off the FX thread. Esc closes it.
 */
public final class TrialDetailView extends BorderPane {
  private static final KeyCombination CLOSE = KeyCombination.keyCombination("Shortcut+W");
  private final ExperimentSession session;
  private final ExperimentStore store;
  private final TrialRow row;
  private final Label head = new Label();
  private final TextArea config = new TextArea();
  private final TextArea log = new TextArea();
  private final TextArea ckpts = new TextArea();
  private final TableView<StoredResult> results = new TableView<>();
  private final Tab resultsTab;
  private final Tab plotTab;
  private final Tab ckptTab;
  private final TabPane tabs;
  private Tab errorTab;
  private boolean loading;
  private boolean tailing;
  private String seen;
  private int shownResults = -1;

  TrialDetailView(ExperimentSession session, ExperimentStore store, TrialRow row) {
    this.session = session;
    this.store = store;
    this.row = row;
    setId("trial-detail");
    head.getStyleClass().add("title");
    head.setId("detail-head");
    head.setPadding(new Insets(8));
    setTop(head);
    config.setEditable(false);
    config.setId("detail-config");
    results.setId("detail-results");
    results.setPlaceholder(new Label("no results yet"));
    ckpts.setEditable(false);
    ckpts.setId("detail-checkpoints");
    // results and checkpoints come from the store off the FX thread; their tabs show progress meanwhile
    resultsTab = tab("Results", loading("detail-results-loading"));
    plotTab = tab("Plot", loading("detail-plot-loading"));
    ckptTab = tab("Checkpoints", loading("detail-checkpoints-loading"));
    log.setEditable(false);
    log.getStyleClass().add("log-view");
    log.setId("detail-log");
    log.setText("(reading the log…)");
    tabs = new TabPane(tab("Config", config), resultsTab, plotTab, ckptTab, tab("Log", log));
    tabs.setId("detail-tabs");
    setCenter(tabs);
    tick();
  }

  /** With several objectives, each one's last value (what the Pareto front is judged by): "  ·  last loss 0.3, latency_ms 12". */
  private String lastObjectives(TrialSnapshot s) {
    if (!session.spec().multiObjective() || s.lastResult() == null) return "";
    List<String> parts = new java.util.ArrayList<>();
    for (var o : session.spec().objectives()) {
      if (s.lastResult().get(o.metric()) instanceof Number n) parts.add(o.metric() + " " + Numbers.format(n.doubleValue()));
    }
    return parts.isEmpty() ? "" : "  ·  last " + String.join(", ", parts);
  }

  /** Once a second: follow the row, re-read from the store when the trial moved on, tail the log. */
  void tick() {
    TrialSnapshot s = row.snapshot();
    head.setText("trial " + row.id() + "  ·  " + s.status() + "  ·  iteration " + s.iteration()
        + (s.best() == null ? "" : "  ·  best " + (session.spec().multiObjective() ? session.spec().metric() + " " : "")
            + Numbers.format(s.best()))
        + lastObjectives(s)
        + (row.changeProperty().get().isEmpty() ? "" : "  ·  " + row.changeProperty().get())
        + (TrialOutcome.reason(s).isEmpty() ? "" : "  ·  " + TrialOutcome.reason(s)));
    String cfg = pretty(row.config());
    if (!cfg.equals(config.getText())) config.setText(cfg);
    if (s.error() != null && errorTab == null) {
      TextArea err = new TextArea(s.error() + "\n\n" + (s.errorStack() == null ? "" : s.errorStack())
          + (s.attempts().isEmpty() ? "" : "\n\nearlier attempts:\n" + String.join("\n", s.attempts())));
      err.setEditable(false);
      err.setId("detail-error");
      err.getStyleClass().add("log-view");
      errorTab = tab("Error", err);
      tabs.getTabs().add(errorTab);
      tabs.getSelectionModel().select(errorTab);
    }
    String state = s.status() + "/" + s.iteration() + "/" + s.latestCheckpoint();
    if (!state.equals(seen) && !loading) {
      seen = state;
      loading = true;
      Background.load(() -> Loaded.read(session, store, row.id(), s), this::show, e -> {
        loading = false;
        resultsTab.setContent(new Label("could not read results: " + e.getMessage()));
      });
    }
    Path logFile = s.dir() == null ? null : Path.of(s.dir()).resolve("trial.log");
    if (!tailing) {
      tailing = true;
      Background.load(() -> logText(logFile), t -> {
        tailing = false;
        if (!t.equals(log.getText())) {
          boolean atEnd = log.getCaretPosition() >= log.getLength();
          log.setText(t);
          if (atEnd) log.positionCaret(log.getLength());
        }
      }, e -> tailing = false);
    }
  }

  static String logText(Path logFile) {
    if (logFile == null) return "(the trial has no folder yet: it has not started)";
    String t = LogTailReader.tail(logFile, 64 * 1024);
    return t.isEmpty() ? "(nothing printed yet; the trial's output goes to " + logFile + ")" : t;
  }

  private void show(Loaded d) {
    loading = false;
    resultsTab.setText("Results (" + d.results().size() + ")");
    if (resultsTab.getContent() != results) resultsTab.setContent(results);
    if (d.results().size() != shownResults) {
      shownResults = d.results().size();
      fillResults(results, d.results());
      plotTab.setContent(plot(session, row, d.curves()));
    }
    if (!d.checkpoints().equals(ckpts.getText())) ckpts.setText(d.checkpoints());
    if (ckptTab.getContent() != ckpts) ckptTab.setContent(ckpts);
  }

  /** What the detail window reads from the store, built off the FX thread (no nodes in it). */
  record Loaded(List<StoredResult> results, CurveStore curves, String checkpoints) {
    static Loaded read(ExperimentSession session, ExperimentStore store, String trialId, TrialSnapshot s) {
      StoredExperiment exp = store.find(session.name()).orElse(null);
      List<StoredResult> results = exp == null ? List.of() : store.results(exp.id(), trialId);
      CurveStore curves = new CurveStore(session.spec().metric(), session.spec().mode());
      for (StoredResult r : results) curves.add(trialId, r.metrics(), r.at());
      return new Loaded(results, curves, TrialDetailView.checkpoints(store, exp, trialId, s));
    }
  }

  private static javafx.scene.Node loading(String id) {
    ProgressIndicator p = new ProgressIndicator();
    p.setMaxSize(48, 48);
    VBox box = new VBox(8, p, new Label("reading from the store…"));
    box.setAlignment(javafx.geometry.Pos.CENTER);
    box.setId(id);
    return box;
  }

  private static VBox plot(ExperimentSession session, TrialRow row, CurveStore curves) {
    CurvesChart chart = new CurvesChart(curves);
    chart.setId("detail-chart");
    chart.setSelected(row.id());
    ComboBox<String> metric = new ComboBox<>(FXCollections.observableArrayList(curves.metricNames()));
    metric.setValue(session.spec().metric());
    metric.valueProperty().addListener((o, a, m) -> { chart.setMetric(m); chart.paintIfDirty(); });
    chart.widthProperty().addListener(o -> chart.paintIfDirty());
    chart.heightProperty().addListener(o -> chart.paintIfDirty());
    VBox plot = new VBox(6, new HBox(8, new Label("metric"), metric), chart);
    VBox.setVgrow(chart, javafx.scene.layout.Priority.ALWAYS);
    plot.setPadding(new Insets(6));
    return plot;
  }

  private static Tab tab(String name, javafx.scene.Node n) {
    Tab t = new Tab(name, n);
    t.setClosable(false);
    return t;
  }

  TabPane tabs() {
    return tabs;
  }

  private static String pretty(Map<String, Object> config) {
    StringBuilder b = new StringBuilder();
    config.forEach((k, v) -> b.append(k).append(" = ").append(ConfigEdits.text(v)).append('\n'));
    return b.toString();
  }

  private static String checkpoints(ExperimentStore store, StoredExperiment exp, String trialId, TrialSnapshot s) {
    StringBuilder b = new StringBuilder();
    if (exp != null) {
      for (StoredCheckpoint c : store.checkpoints(exp.id())) {
        if (!c.trialId().equals(trialId)) continue;
        b.append("iteration ").append(c.iteration()).append("  ").append(c.path())
            .append(c.removedAt() == null ? "" : "  (removed)").append('\n');
      }
    }
    if (b.length() == 0) b.append(s.latestCheckpoint() == null ? "no checkpoints" : "latest: " + s.latestCheckpoint());
    return b.toString();
  }

  /** New rows and any new metric columns; the table keeps its scroll position and sort. */
  private static void fillResults(TableView<StoredResult> t, List<StoredResult> results) {
    Set<String> keys = new LinkedHashSet<>();
    keys.add("training_iteration");
    for (StoredResult r : results) keys.addAll(r.metrics().keySet());
    Set<String> have = new LinkedHashSet<>();
    for (TableColumn<StoredResult, ?> c : t.getColumns()) have.add(c.getText());
    for (String k : keys) {
      if (have.contains(k)) continue;
      TableColumn<StoredResult, Object> c = new TableColumn<>(k);
      c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(fmt(cd.getValue().metrics().get(k))));
      t.getColumns().add(c);
    }
    t.getItems().setAll(results);
  }

  private static Object fmt(Object v) {
    return v instanceof Double d ? Numbers.format(d) : v;
  }

  /** Opens the detail window; {@code logFirst} selects the log tab (the "Show log" menu item). */
  public static Stage open(Window owner, ExperimentSession session, ExperimentStore store, TrialRow row, boolean logFirst) {
    TrialDetailView v = new TrialDetailView(session, store, row);
    v.setUserData(row.id());
    if (logFirst) v.tabs().getSelectionModel().select(v.tabs().getTabs().stream().filter(t -> t.getText().equals("Log")).findFirst().orElseThrow());
    Stage st = new Stage();
    if (owner != null) st.initOwner(owner);
    st.setTitle("Trial " + row.id() + " — " + session.name());
    Scene sc = new Scene(v, 860, 560);
    if (owner != null) sc.getStylesheets().setAll(owner.getScene().getStylesheets());
    st.setScene(sc);
    sc.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
      if (e.getCode() == KeyCode.ESCAPE || CLOSE.match(e)) {
        e.consume();
        st.close();
      }
    });
    // the trial goes on: follow it once a second while the window is open
    Timeline tail = new Timeline(new KeyFrame(Duration.seconds(1), e -> v.tick()));
    tail.setCycleCount(Timeline.INDEFINITE);
    tail.play();
    st.setOnHidden(e -> tail.stop());
    st.show();
    return st;
  }
}
