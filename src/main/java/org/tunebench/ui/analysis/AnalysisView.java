package org.tunebench.ui.analysis;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.tunebench.ui.session.ExperimentSession;
import org.tunebench.ui.session.TrialRow;

/** Parallel coordinates over every numeric hyperparameter and the metric, and one parameter-vs-metric scatter. */
public final class AnalysisView extends BorderPane {
  private final ExperimentSession session;
  private final ParallelCoordinatesChart parallel;
  private final ScatterChart scatter;
  private final ComboBox<String> param = new ComboBox<>();

  public AnalysisView(ExperimentSession session) {
    this.session = session;
    setId("analysis-view");
    parallel = new ParallelCoordinatesChart(this::data);
    scatter = new ScatterChart(this::data);
    param.setId("scatter-param");
    param.valueProperty().addListener((o, a, p) -> { scatter.setParam(p); scatter.paintIfDirty(); });
    Label t1 = new Label("parallel coordinates (colour = best " + session.spec().metric() + ")");
    t1.getStyleClass().add("chart-title");
    Label t2 = new Label("parameter vs best " + session.spec().metric());
    t2.getStyleClass().add("chart-title");
    VBox left = new VBox(4, t1, parallel);
    VBox right = new VBox(4, new HBox(8, t2, param), scatter);
    VBox.setVgrow(parallel, Priority.ALWAYS);
    VBox.setVgrow(scatter, Priority.ALWAYS);
    left.setPadding(new Insets(6));
    right.setPadding(new Insets(6));
    SplitPane sp = new SplitPane(left, right);
    sp.setDividerPositions(0.6);
    setCenter(sp);
    for (var c : List.of(parallel, scatter)) {
      c.widthProperty().addListener(o -> c.paintIfDirty());
      c.heightProperty().addListener(o -> c.paintIfDirty());
    }
  }

  /** Numeric config columns plus the best metric per trial that has one. */
  AnalysisData data() {
    List<String> keys = new ArrayList<>();
    for (String k : session.table().configKeys()) {
      boolean numeric = false;
      boolean varies = false;
      Object first = null;
      for (TrialRow r : session.table().rows()) {
        Object v = r.configValue(k);
        if (v instanceof Number) numeric = true;
        if (first == null) first = v;
        else if (!first.equals(v)) varies = true;
      }
      if (numeric && varies) keys.add(k);
    }
    List<double[]> rows = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (TrialRow r : session.table().rows()) {
      if (r.bestProperty().get() == null) continue;
      double[] v = new double[keys.size() + 1];
      for (int i = 0; i < keys.size(); i++) v[i] = r.configValue(keys.get(i)) instanceof Number n ? n.doubleValue() : Double.NaN;
      v[keys.size()] = r.bestProperty().get();
      rows.add(v);
      ids.add(r.id());
    }
    return new AnalysisData(keys, session.spec().metric(), session.spec().mode(), rows, ids);
  }

  /** Re-reads the trials (when the tab is shown). */
  public void refresh() {
    AnalysisData d = data();
    if (!param.getItems().equals(d.params())) {
      param.setItems(FXCollections.observableArrayList(d.params()));
      if (!d.params().isEmpty()) param.setValue(d.params().get(0));
    }
    parallel.markDirty();
    scatter.markDirty();
    parallel.paintIfDirty();
    scatter.paintIfDirty();
  }
}
