package org.tunebench.ui.compare;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.jfree.chart.JFreeChart;
import org.tunebench.app.analysis.AnalysisTable;
import org.tunebench.charts.AnalysisCharts;
import org.tunebench.charts.RunCharts;
import org.tunebench.ui.chart.ChartPane;
import org.tunebench.ui.chart.ChartStyles;
import org.tunebench.ui.session.ExperimentSession;
import org.tunebench.ui.session.TrialRow;

/**
 * Two or more experiments compared: best-so-far overlaid (one line each, with a legend), parameter importance
 * side by side, and the best configs diffed. Importance is computed on a background thread.
 */
public final class CompareAnalysisPane extends VBox {
  private final ChartPane best = new ChartPane("compare-best");
  private final HBox importance = new HBox(4);
  private final TableView<BestConfigDiff.Row> diff = new TableView<>();
  private BestConfigDiff shown;

  public CompareAnalysisPane(List<ExperimentSession> sessions) {
    super(4);
    setId("compare-analysis");
    diff.setId("compare-diff");
    HBox top = new HBox(4, best, importance);
    HBox.setHgrow(best, Priority.ALWAYS);
    HBox.setHgrow(importance, Priority.ALWAYS);
    best.setPrefWidth(500);
    importance.setPrefWidth(600);
    getChildren().addAll(top, diff);
    VBox.setVgrow(top, Priority.ALWAYS);
    top.setMinHeight(230);
    diff.setPrefHeight(180);
    diff.setMinHeight(140);
    List<String> names = new ArrayList<>();
    List<List<AnalysisTable.Trial>> trials = new ArrayList<>();
    for (ExperimentSession s : sessions) {
      names.add(s.name());
      List<TrialRow> rows = new ArrayList<>(s.table().rows());
      rows.sort(Comparator.comparingInt(TrialRow::seq));
      trials.add(rows.stream().map(r -> new AnalysisTable.Trial(r.id(), r.config(), r.bestProperty().get())).toList());
    }
    var style = ChartStyles.current();
    Thread t = new Thread(() -> {
      List<AnalysisTable> tables = new ArrayList<>();
      List<RunCharts.Run> runs = new ArrayList<>();
      List<JFreeChart> imps = new ArrayList<>();
      for (int i = 0; i < sessions.size(); i++) {
        var spec = sessions.get(i).spec();
        AnalysisTable tab = AnalysisTable.of(spec.space(), spec.metric(), spec.mode(), trials.get(i));
        tables.add(tab);
        runs.add(new RunCharts.Run(names.get(i), trials.get(i).stream().mapToDouble(x -> x.best() == null ? Double.NaN : x.best()).toArray()));
        if (tab.size() >= 2 && !tab.axes().isEmpty()) {
          JFreeChart c = AnalysisCharts.importance(tab, tab.importance(1), "all trials", style);
          c.setTitle(names.get(i));
          imps.add(c);
        }
      }
      var first = sessions.get(0).spec();
      JFreeChart bestChart = RunCharts.bestSoFar(runs, first.metric(), first.mode(), style);
      BestConfigDiff d = BestConfigDiff.of(names, tables);
      Platform.runLater(() -> show(bestChart, imps, d));
    }, "compare");
    t.setDaemon(true);
    t.start();
  }

  private void show(JFreeChart bestChart, List<JFreeChart> imps, BestConfigDiff d) {
    best.setChart(bestChart);
    for (int i = 0; i < imps.size(); i++) {
      ChartPane p = new ChartPane("compare-importance-" + i);
      p.setChart(imps.get(i));
      HBox.setHgrow(p, Priority.ALWAYS);
      importance.getChildren().add(p);
    }
    TableColumn<BestConfigDiff.Row, String> param = new TableColumn<>("parameter");
    param.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue().param()));
    diff.getColumns().add(param);
    for (int i = 0; i < d.experiments().size(); i++) {
      int k = i;
      TableColumn<BestConfigDiff.Row, Object> c = new TableColumn<>(d.experiments().get(i));
      c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue().values().get(k)));
      c.setCellFactory(col -> new TableCell<>() {
        private final javafx.scene.control.Tooltip full = new javafx.scene.control.Tooltip();

        // the workbench's one number format (four significant digits), full precision in the tooltip
        @Override protected void updateItem(Object v, boolean empty) {
          super.updateItem(v, empty);
          setText(empty || v == null ? null : org.tunebench.ui.format.Numbers.any(v));
          full.setText(org.tunebench.ui.format.Numbers.anyFull(v));
          setTooltip(empty || !(v instanceof Double) ? null : full);
          BestConfigDiff.Row r = empty || getTableRow() == null ? null : getTableRow().getItem();
          setStyle(r != null && r.differs() ? "-fx-font-weight: bold" : "");
        }
      });
      c.setPrefWidth(160);
      diff.getColumns().add(c);
    }
    diff.setItems(FXCollections.observableArrayList(d.rows()));
    shown = d;
  }

  /** The diff shown (null until computed). */
  public BestConfigDiff diff() {
    return shown;
  }
}
