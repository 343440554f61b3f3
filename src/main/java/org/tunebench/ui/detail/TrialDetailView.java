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
import org.tunebench.ui.session.TrialRow;

/** A trial's detail window: config, every result (from the store), any metric plotted, checkpoints, log, error. */
public final class TrialDetailView extends BorderPane {
  private final TextArea log = new TextArea();
  private final Path logFile;

  TrialDetailView(ExperimentSession session, ExperimentStore store, TrialRow row) {
    setId("trial-detail");
    TrialSnapshot s = row.snapshot();
    Label head = new Label("trial " + row.id() + "  ·  " + s.status() + "  ·  iteration " + s.iteration()
        + (s.best() == null ? "" : "  ·  best " + Numbers.format(s.best())) + (s.parentId() == null ? "" : "  ·  forked from " + s.parentId()));
    head.getStyleClass().add("title");
    head.setPadding(new Insets(8));
    setTop(head);

    TextArea config = new TextArea(pretty(s.config()));
    config.setEditable(false);
    config.setId("detail-config");

    // results and checkpoints come from the store off the FX thread; their tabs show progress meanwhile
    Tab resultsTab = tab("Results", loading("detail-results-loading"));
    Tab plotTab = tab("Plot", loading("detail-plot-loading"));
    Tab ckptTab = tab("Checkpoints", loading("detail-checkpoints-loading"));
    Background.load(() -> Loaded.read(session, store, row.id(), s), d -> {
      resultsTab.setText("Results (" + d.results().size() + ")");
      resultsTab.setContent(resultsTable(d.results()));
      plotTab.setContent(plot(session, row, d.curves()));
      TextArea ckpts = new TextArea(d.checkpoints());
      ckpts.setEditable(false);
      ckpts.setId("detail-checkpoints");
      ckptTab.setContent(ckpts);
    }, e -> resultsTab.setContent(new Label("could not read results: " + e.getMessage())));

    logFile = s.dir() == null ? null : Path.of(s.dir()).resolve("trial.log");
    log.setEditable(false);
    log.getStyleClass().add("log-view");
    log.setId("detail-log");
    refreshLog();

    TabPane tabs = new TabPane(tab("Config", config), resultsTab, plotTab, ckptTab, tab("Log", log));
    tabs.setId("detail-tabs");
    if (s.error() != null) {
      TextArea err = new TextArea(s.error() + "\n\n" + (s.errorStack() == null ? "" : s.errorStack()));
      err.setEditable(false);
      err.setId("detail-error");
      err.getStyleClass().add("log-view");
      tabs.getTabs().add(tab("Error", err));
      tabs.getSelectionModel().select(tabs.getTabs().size() - 1);
    }
    setCenter(tabs);
  }

  /** What the detail window reads from the store, built off the FX thread (no nodes in it). */
  record Loaded(List<StoredResult> results, CurveStore curves, String checkpoints) {
    static Loaded read(ExperimentSession session, ExperimentStore store, String trialId, TrialSnapshot s) {
      StoredExperiment exp = store.find(session.name()).orElse(null);
      List<StoredResult> results = exp == null ? List.of() : store.results(exp.id(), trialId);
      CurveStore curves = new CurveStore(session.spec().metric(), session.spec().mode());
      for (StoredResult r : results) curves.add(trialId, r.metrics());
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
    CurvesChart chart = new CurvesChart(curves, id -> row.status());
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

  void refreshLog() {
    String t = LogTailReader.tail(logFile, 64 * 1024);
    if (!t.equals(log.getText())) {
      log.setText(t.isEmpty() ? "(no output yet in " + logFile + ")" : t);
      log.positionCaret(log.getText().length());
    }
  }

  TabPane tabs() {
    return (TabPane) getCenter();
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

  @SuppressWarnings("unchecked")
  private static TableView<StoredResult> resultsTable(List<StoredResult> results) {
    TableView<StoredResult> t = new TableView<>(FXCollections.observableArrayList(results));
    t.setId("detail-results");
    Set<String> keys = new LinkedHashSet<>();
    keys.add("training_iteration");
    for (StoredResult r : results) keys.addAll(r.metrics().keySet());
    for (String k : keys) {
      TableColumn<StoredResult, Object> c = new TableColumn<>(k);
      c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(fmt(cd.getValue().metrics().get(k))));
      t.getColumns().add(c);
    }
    return t;
  }

  private static Object fmt(Object v) {
    return v instanceof Double d ? Numbers.format(d) : v;
  }

  /** Opens the detail window; {@code logFirst} selects the log tab (the "Show log" menu item). */
  public static Stage open(Window owner, ExperimentSession session, ExperimentStore store, TrialRow row, boolean logFirst) {
    TrialDetailView v = new TrialDetailView(session, store, row);
    if (logFirst) v.tabs().getSelectionModel().select(v.tabs().getTabs().stream().filter(t -> t.getText().equals("Log")).findFirst().orElseThrow());
    Stage st = new Stage();
    if (owner != null) st.initOwner(owner);
    st.setTitle("Trial " + row.id() + " — " + session.name());
    Scene sc = new Scene(v, 860, 560);
    if (owner != null) sc.getStylesheets().setAll(owner.getScene().getStylesheets());
    st.setScene(sc);
    // the worker keeps writing: tail its log once a second while the window is open
    Timeline tail = new Timeline(new KeyFrame(Duration.seconds(1), e -> v.refreshLog()));
    tail.setCycleCount(Timeline.INDEFINITE);
    tail.play();
    st.setOnHidden(e -> tail.stop());
    st.show();
    return st;
  }
}
