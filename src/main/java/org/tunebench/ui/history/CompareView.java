package org.tunebench.ui.history;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.geometry.Orientation;
import org.tunebench.model.TrialStatus;
import org.tunebench.ui.chart.BestSoFarChart;
import org.tunebench.ui.session.ExperimentSession;

/** Two or more experiments: overlaid best-so-far curves and a summary table. */
public final class CompareView extends SplitPane {
  /** {@code bestOf}: the metric {@code best} is of, with several objectives the first and says so. */
  public record Summary(String name, String status, int trials, long terminated, long errored, String bestOf, Double best) {}

  public CompareView(List<ExperimentSession> sessions) {
    setId("compare-view");
    setOrientation(Orientation.VERTICAL);
    BestSoFarChart chart = new BestSoFarChart(() -> 0L);
    List<BestSoFarChart.Line> lines = new ArrayList<>();
    List<Summary> rows = new ArrayList<>();
    for (ExperimentSession s : sessions) {
      lines.add(new BestSoFarChart.Line(s.name(), s.curves().bestX(), s.curves().bestY(), s.curves()::lastX));
      rows.add(new Summary(s.name(), s.statusProperty().get(), s.table().rows().size(), s.table().count(TrialStatus.TERMINATED),
          s.table().count(TrialStatus.ERRORED), bestOf(s), s.curves().bestY().size() == 0 ? null : s.curves().bestY().last()));
    }
    chart.setLines(lines);
    if (sessions.stream().map(s -> s.spec().metric()).distinct().count() == 1) {
      chart.setValueLabel("best " + sessions.get(0).spec().metric());
    }
    chart.widthProperty().addListener(o -> chart.paintIfDirty());
    chart.heightProperty().addListener(o -> chart.paintIfDirty());
    TableView<Summary> table = new TableView<>(FXCollections.observableArrayList(rows));
    table.getColumns().add(col("experiment", Summary::name));
    table.getColumns().add(col("status", Summary::status));
    table.getColumns().add(col("trials", Summary::trials));
    table.getColumns().add(col("terminated", Summary::terminated));
    table.getColumns().add(col("errored", Summary::errored));
    table.getColumns().add(col("best of", Summary::bestOf));
    table.getColumns().add(col("best", Summary::best));
    var analysis = new org.tunebench.ui.compare.CompareAnalysisPane(sessions);
    // below these, on a small screen, a chart keeps its title and legend and loses its plot: the view scrolls instead
    chart.setMinHeight(170);
    table.setMinHeight(90);
    analysis.setMinHeight(400);
    getItems().addAll(chart, table, analysis);
    setDividerPositions(0.35, 0.5);
  }

  /**
   * The view in a vertical scroll pane: it fills a tall enough window, and on a smaller one keeps its sections at
   * their minimum heights and scrolls.
   */
  public static javafx.scene.control.ScrollPane scrolling(CompareView v) {
    v.setMinHeight(v.getItems().stream().mapToDouble(n -> n.minHeight(-1)).sum() + 20);
    javafx.scene.control.ScrollPane sp = new javafx.scene.control.ScrollPane(v);
    sp.setFitToWidth(true);
    sp.setFitToHeight(true);
    sp.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
    return sp;
  }

  private static String bestOf(ExperimentSession s) {
    int n = s.spec().objectives().size();
    return s.spec().metric() + " (" + s.spec().mode().json() + (n > 1 ? ", first of " + n + " objectives" : "") + ")";
  }

  private static TableColumn<Summary, Object> col(String title, java.util.function.Function<Summary, Object> f) {
    TableColumn<Summary, Object> c = new TableColumn<>(title);
    c.setCellValueFactory(cd -> {
      Object v = f.apply(cd.getValue());
      return new ReadOnlyObjectWrapper<>(v instanceof Double d ? org.tunebench.ui.chart.Axes.fmt(d) : v);
    });
    c.setPrefWidth(110);
    return c;
  }
}
