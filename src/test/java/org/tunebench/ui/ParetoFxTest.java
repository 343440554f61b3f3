package org.tunebench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Rectangle2D;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.geometry.Point2D;
import javafx.stage.Stage;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.tunebench.charts.ParetoChart;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.ui.chart.ChartPane;
import org.tunebench.ui.session.TrialRow;

/**
 * The Pareto front on the Analysis tab of a stored two-objective experiment: every trial drawn, the front the
 * stored last results give, a click on a front dot selects the row, the table's selection is ringed, the filter
 * narrows it; a single-objective experiment has no Pareto chart.
 */
@ExtendWith(ApplicationExtension.class)
class ParetoFxTest {
  MainWindow window;
  MainViewModel vm;
  Path dir;

  @Start void start(Stage stage) throws Exception {
    dir = Files.createTempDirectory("tb-ui-pareto");
    vm = new MainViewModel(dir.resolve("db.mv.db"));
    StoreFixtures.fill(vm.store(), dir, "two-obj", 12, 6, 5, 2);
    StoreFixtures.fill(vm.store(), dir, "three-obj", 10, 4, 9, 3);
    StoreFixtures.fill(vm.store(), dir, "one-obj", 4, 4, 3);
    vm.refresh();
    window = new MainWindow(stage, vm, UiFixtures.prefs());
    stage.show();
  }

  @Stop void stop() {
    window.close();
  }

  ExperimentTab open(FxRobot robot, String name) throws Exception {
    robot.doubleClickOn(name);
    HistoryFxTest.await("opens", () -> window.current().map(t -> t.session() != null && t.session().name().equals(name)).orElse(false));
    HistoryFxTest.await("loaded", () -> robot.lookup("#busy-overlay").tryQuery().isEmpty());
    ExperimentTab t = window.current().orElseThrow();
    robot.interact(t::showAnalysis);
    HistoryFxTest.await("analysis computed", () -> t.analysis().table() != null && !t.analysis().isRefreshing());
    return t;
  }

  /** The stored trials' ids on the front, by brute force over their last results (as {@code show} decides). */
  List<String> expectedFront() {
    var e = vm.store().find("two-obj").orElseThrow();
    List<TrialSnapshot> ts = vm.store().trials(e.id());
    List<String> out = new ArrayList<>();
    for (TrialSnapshot a : ts) {
      double al = num(a.lastResult(), "loss");
      double at = num(a.lastResult(), "latency_ms");
      boolean dominated = false;
      for (TrialSnapshot b : ts) {
        double bl = num(b.lastResult(), "loss");
        double bt = num(b.lastResult(), "latency_ms");
        if (bl <= al && bt <= at && (bl < al || bt < at)) dominated = true;
      }
      if (!dominated) out.add(a.id());
    }
    return out;
  }

  static double num(Map<String, Object> m, String k) {
    return ((Number) m.get(k)).doubleValue();
  }

  static int items(XYPlot p, int dataset) {
    XYDataset d = p.getDataset(dataset);
    return d == null || d.getSeriesCount() == 0 ? 0 : d.getItemCount(0);
  }

  @Test void everyTrialIsDrawnAndTheFrontIsTheStoredOne(FxRobot robot) throws Exception {
    ExperimentTab t = open(robot, "two-obj");
    ChartPane pane = robot.lookup("#chart-pareto").queryAs(ChartPane.class);
    HistoryFxTest.await("the Pareto chart is drawn", () -> pane.chart() != null);
    XYPlot p = (XYPlot) pane.chart().getPlot();
    List<String> front = expectedFront();
    assertTrue(front.size() >= 2 && front.size() < 12, "the fixture has a real trade-off: " + front);
    assertEquals(12, items(p, ParetoChart.DOMINATED) + items(p, ParetoChart.FRONT));
    assertEquals(front.size(), items(p, ParetoChart.FRONT));
    assertEquals(front, t.analysis().paretoTable().frontIds());
    // the step line passes through every front point and one corner between each two
    assertEquals(2 * front.size() - 1, items(p, 0));
    String sub = ((org.jfree.chart.title.TextTitle) pane.chart().getSubtitle(0)).getText();
    assertTrue(sub.startsWith(front.size() + " of 12 trials Pareto-optimal"), sub);
    // hovering a front dot names the trial, every objective at full precision and the config
    var ds = p.getDataset(ParetoChart.FRONT);
    String tip = p.getRenderer(ParetoChart.FRONT).getToolTipGenerator(0, 0).generateToolTip(ds, 0, 0);
    String first = tip.lines().findFirst().orElseThrow();
    assertTrue(front.contains(first), tip);
    var snap = t.session().table().row(first).lastResultProperty().get();
    assertTrue(tip.contains("on the Pareto front") && tip.contains("loss = " + num(snap, "loss") + " (min)")
        && tip.contains("latency_ms = " + num(snap, "latency_ms")) && tip.contains("depth = "), tip);
    Path csv = dir.resolve("front.csv");
    pane.export(ChartPane.Format.CSV, csv);
    List<String> lines = Files.readAllLines(csv);
    assertEquals("trial,pareto_optimal,loss,latency_ms", lines.get(0));
    assertEquals(13, lines.size());
    assertEquals(front.size(), lines.stream().filter(l -> l.contains(",true,")).count());
    Path png = dir.resolve("front.png");
    pane.export(ChartPane.Format.PNG, png);
    assertEquals((byte) 'P', Files.readAllBytes(png)[1]);
    String status = robot.lookup("#analysis-status").queryAs(javafx.scene.control.Label.class).getText();
    assertTrue(status.contains("Pareto front: " + front.size() + " of 12 trials"), status);
  }

  @Test void aClickOnAFrontDotSelectsTheRowAndTheSelectionIsRinged(FxRobot robot) throws Exception {
    ExperimentTab t = open(robot, "two-obj");
    ChartPane pane = robot.lookup("#chart-pareto").queryAs(ChartPane.class);
    HistoryFxTest.await("drawn", () -> pane.chart() != null && pane.viewer().getRenderingInfo() != null
        && pane.viewer().getRenderingInfo().getPlotInfo().getDataArea().getWidth() > 10);
    XYPlot p = (XYPlot) pane.chart().getPlot();
    // the front's second point (in the order the table lists it)
    String target = t.analysis().paretoTable().frontIds().get(1);
    int row = t.analysis().paretoTable().ids().indexOf(target);
    double[] v = t.analysis().paretoTable().values()[row];
    Rectangle2D area = pane.viewer().getRenderingInfo().getPlotInfo().getDataArea();
    double px = p.getDomainAxis().valueToJava2D(v[0], area, p.getDomainAxisEdge());
    double py = p.getRangeAxis().valueToJava2D(v[1], area, p.getRangeAxisEdge());
    Point2D screen = pane.viewer().getCanvas().localToScreen(px, py);
    robot.moveTo(screen).clickOn(javafx.scene.input.MouseButton.PRIMARY);
    HistoryFxTest.await("the table selects the clicked trial", () -> t.run().table().selected() != null
        && t.run().table().selected().id().equals(target));

    // a selection made in the table is ringed on the front
    String other = t.analysis().paretoTable().ids().stream().filter(id -> !id.equals(target)).findFirst().orElseThrow();
    TrialRow r = t.session().table().row(other);
    robot.interact(() -> t.run().table().getSelectionModel().select(r));
    HistoryFxTest.await("the selected trial is ringed", () -> {
      XYPlot q = (XYPlot) pane.chart().getPlot();
      int ri = t.analysis().paretoTable().ids().indexOf(other);
      return items(q, ParetoChart.RING) == 1 && q.getDataset(ParetoChart.RING).getXValue(0, 0)
          == t.analysis().paretoTable().values()[ri][0];
    });
  }

  @Test void theTableFilterNarrowsTheFront(FxRobot robot) throws Exception {
    ExperimentTab t = open(robot, "two-obj");
    robot.interact(() -> robot.lookup("#trial-filter").queryAs(javafx.scene.control.TextField.class).setText("00003"));
    HistoryFxTest.await("only the filtered trial", () -> t.analysis().paretoTable() != null
        && t.analysis().paretoTable().size() == 1);
    assertEquals(List.of("00003"), t.analysis().paretoTable().frontIds());
    XYPlot p = (XYPlot) robot.lookup("#chart-pareto").queryAs(ChartPane.class).chart().getPlot();
    assertEquals(1, items(p, ParetoChart.FRONT) + items(p, ParetoChart.DOMINATED));
  }

  @Test void theRestOfTheWorkbenchNamesEveryObjectiveAndNoSingleBest(FxRobot robot) throws Exception {
    // the history list names both objectives
    assertTrue(robot.lookup(".list-cell").queryAll().stream().anyMatch(n -> n instanceof javafx.scene.control.ListCell<?> c
        && c.getItem() instanceof org.tunebench.store.StoredExperiment e && e.name().equals("two-obj")
        && c.lookupAll(".label").stream().anyMatch(l -> ((javafx.scene.control.Label) l).getText().contains("loss (min), latency_ms (min)"))));
    ExperimentTab t = open(robot, "two-obj");
    List<String> headers = t.run().table().getColumns().stream().map(c -> c.getText()).toList();
    assertTrue(headers.contains("last loss") && headers.contains("last latency_ms") && headers.contains("best loss"), headers.toString());
    TrialRow r = t.session().table().row("00004");
    String copied = t.run().table().copyText(r);
    double latency = num(r.lastResultProperty().get(), "latency_ms");
    assertTrue(copied.contains("last latency_ms") && copied.contains(org.tunebench.ui.format.Numbers.full(latency)), copied);

    // the trial's details name whose best they show and every objective's last value
    robot.interact(() -> t.openDetail(r));
    HistoryFxTest.await("details open", () -> robot.lookup("#detail-head").tryQuery().isPresent());
    String head = robot.lookup("#detail-head").queryAs(javafx.scene.control.Label.class).getText();
    assertTrue(head.contains("best loss ") && head.contains("last loss ")
        && head.contains("latency_ms " + org.tunebench.ui.format.Numbers.format(latency)), head);
    robot.interact(() -> robot.lookup("#detail-head").query().getScene().getWindow().hide());

    // the finished notification names the front, not a best loss
    String done = ExperimentNotifier.finishedText(t.session(), "COMPLETED");
    List<String> front = expectedFront();
    assertTrue(done.startsWith("two-obj completed · Pareto front: " + front.size() + " of 12 trials (" + front.get(0)), done);
    assertFalse(done.contains("best"), done);

    // the HTML report: the objectives, the front's table and its chart
    String html = org.tunebench.report.HtmlReport.render(org.tunebench.report.ReportData.load(vm.store(), "two-obj"));
    assertTrue(html.contains("<th>objectives</th><td>loss (min), latency_ms (min)</td>"), html.substring(0, 600));
    assertTrue(html.contains("<h2>Pareto front</h2>") && !html.contains("<h2>Best trial</h2>"));
    assertTrue(html.contains(front.size() + " of 12 trials are Pareto-optimal"));
    assertTrue(html.contains("alt=\"Pareto front: loss × latency_ms\""));
    int frontRows = html.split("<table class=\"front\">")[1].split("</table>")[0].split("<tr><td>").length - 1;
    assertEquals(front.size(), frontRows);
  }

  @Test void threeObjectivesMakeAScatterMatrixOfThePairsWithTheFrontOverAllThree(FxRobot robot) throws Exception {
    ExperimentTab t = open(robot, "three-obj");
    assertFalse(robot.lookup("#chart-pareto").tryQuery().isPresent());
    var p = t.analysis().paretoTable();
    assertEquals(10, p.size());
    for (String id : List.of("#chart-pareto-0-1", "#chart-pareto-0-2", "#chart-pareto-1-2")) {
      ChartPane pane = robot.lookup(id).queryAs(ChartPane.class);
      HistoryFxTest.await(id + " drawn", () -> pane.chart() != null);
      XYPlot plot = (XYPlot) pane.chart().getPlot();
      assertEquals(10, items(plot, ParetoChart.DOMINATED) + items(plot, ParetoChart.FRONT), id);
      // the same trials are highlighted in every pair: the front over all three objectives
      assertEquals(p.frontSize(), items(plot, ParetoChart.FRONT), id);
      assertEquals(0, items(plot, 0), "no step line in a pairwise plot of three objectives");
    }
    assertTrue(p.frontSize() >= 2, "the fixture trades the three off: " + p.frontIds());
    assertEquals("Pareto front: latency_ms × size_mb",
        robot.lookup("#chart-pareto-1-2").queryAs(ChartPane.class).chart().getTitle().getText());
  }

  @Test void compareSaysWhoseBestItShows(FxRobot robot) throws Exception {
    List<org.tunebench.store.StoredExperiment> two = vm.experiments().stream()
        .filter(e -> e.name().equals("two-obj") || e.name().equals("one-obj")).toList();
    robot.interact(() -> window.compare(two));
    HistoryFxTest.await("a compare tab opens", () -> robot.lookup("#compare-view").tryQuery().isPresent());
    var v = robot.lookup("#compare-view").queryAs(org.tunebench.ui.history.CompareView.class);
    @SuppressWarnings("unchecked") var table = (javafx.scene.control.TableView<org.tunebench.ui.history.CompareView.Summary>) v.getItems().get(1);
    var bestOf = table.getItems().stream().collect(java.util.stream.Collectors.toMap(
        org.tunebench.ui.history.CompareView.Summary::name, org.tunebench.ui.history.CompareView.Summary::bestOf));
    assertEquals("loss (min, first of 2 objectives)", bestOf.get("two-obj"));
    assertEquals("loss (min)", bestOf.get("one-obj"));
  }

  @Test void aBrushOnTheParallelCoordinatesNarrowsTheFront(FxRobot robot) throws Exception {
    ExperimentTab t = open(robot, "two-obj");
    long inside = t.session().table().rows().stream().filter(r -> ((Number) r.configValue("depth")).intValue() <= 5).count();
    assertTrue(inside > 0 && inside < 12, "the brush keeps some: " + inside);
    robot.interact(() -> t.analysis().setBrush(org.tunebench.charts.ParallelBrush.NONE.with("depth", 2, 5)));
    HistoryFxTest.await("only the brushed trials", () -> t.analysis().paretoTable() != null
        && t.analysis().paretoTable().size() == inside && !t.analysis().isRefreshing());
    for (String id : t.analysis().paretoTable().ids()) {
      assertTrue(((Number) t.session().table().row(id).configValue("depth")).intValue() <= 5, id);
    }
    XYPlot p = (XYPlot) robot.lookup("#chart-pareto").queryAs(ChartPane.class).chart().getPlot();
    assertEquals(inside, items(p, ParetoChart.FRONT) + items(p, ParetoChart.DOMINATED));
  }

  @Test void oneObjectiveHasNoParetoChart(FxRobot robot) throws Exception {
    ExperimentTab t = open(robot, "one-obj");
    assertNotNull(t.analysis().table());
    assertFalse(robot.lookup("#chart-pareto").tryQuery().isPresent());
    assertEquals(null, t.analysis().paretoTable());
  }
}
