package org.tunebench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Rectangle2D;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javafx.geometry.Point2D;
import javafx.stage.Stage;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.model.TrialStatus;
import org.tunebench.ui.analysis.AnalysisView;
import org.tunebench.ui.chart.ChartPane;
import org.tunebench.ui.session.TrialRow;

/** The Analysis tab on JFreeChart: live refresh without re-selecting the tab, the filter, selection both ways. */
@ExtendWith(ApplicationExtension.class)
class AnalysisFxTest {
  MainWindow window;
  Path dir;

  @Start void start(Stage stage) throws Exception {
    dir = Files.createTempDirectory("tb-ui-analysis");
    MainViewModel vm = new MainViewModel(dir.resolve("db.mv.db"));
    StoreFixtures.fillWithExploit(vm.store(), dir, "past-c");
    vm.refresh();
    window = new MainWindow(stage, vm, UiFixtures.prefs());
    stage.show();
  }

  @Stop void stop() {
    window.close();
  }

  ExperimentTab open(FxRobot robot) throws Exception {
    robot.doubleClickOn("past-c");
    HistoryFxTest.await("opens", () -> window.current().map(t -> t.session() != null).orElse(false));
    HistoryFxTest.await("loaded", () -> robot.lookup("#busy-overlay").tryQuery().isEmpty());
    ExperimentTab t = window.current().orElseThrow();
    robot.interact(t::showAnalysis);
    HistoryFxTest.await("analysis computed", () -> t.analysis().table() != null && !t.analysis().isRefreshing());
    return t;
  }

  static double min(double[] v) {
    double m = Double.POSITIVE_INFINITY;
    for (double d : v) m = Math.min(m, d);
    return m;
  }

  @Test void newResultsShowWhileTheTabStaysOpen(FxRobot robot) throws Exception {
    ExperimentTab t = open(robot);
    AnalysisView a = t.analysis();
    assertEquals(8, a.table().size());
    assertNotNull(robot.lookup("#chart-importance").queryAs(ChartPane.class).chart());
    // a new, much better trial arrives the way the engine's batches deliver it: no tab switch in between
    TrialSnapshot s = new TrialSnapshot("00099", 99, TrialStatus.RUNNING, Map.of("lr", 0.01, "depth", 4L), 3,
        Map.of("loss", 0.001), 0.001, 0, null, null, dir.toString(), null, Instant.now(), 1, null, null, null, null);
    robot.interact(() -> t.session().table().apply(List.of(s)));
    HistoryFxTest.await("the refresh picks up the new trial", () -> a.table() != null && a.table().size() == 9);
    assertEquals(0.001, min(a.table().y()), 0);
    assertTrue(a.lastRefreshMillis() >= 0);
  }

  @Test void chartsFollowTheTableFilter(FxRobot robot) throws Exception {
    ExperimentTab t = open(robot);
    robot.interact(() -> robot.lookup("#trial-filter").queryAs(javafx.scene.control.TextField.class).setText("00003"));
    HistoryFxTest.await("only the filtered trial", () -> t.analysis().table().size() == 1);
    assertEquals(List.of("00003"), t.analysis().table().ids());
  }

  @Test void aTableSelectionIsRingedAndAClickOnADotSelectsTheRow(FxRobot robot) throws Exception {
    ExperimentTab t = open(robot);
    TrialRow row = t.session().table().row("00002");
    robot.interact(() -> t.run().table().getSelectionModel().select(row));
    ChartPane slice = robot.lookup("#chart-slice").queryAs(ChartPane.class);
    HistoryFxTest.await("the selected trial is ringed on the slice", () -> {
      XYPlot p = (XYPlot) slice.chart().getPlot();
      return p.getDataset(5) != null && p.getDataset(5).getItemCount(0) == 1;
    });
    robot.interact(() -> t.run().table().getSelectionModel().clearSelection());

    // click the dot of trial 00005 on the slice chart
    HistoryFxTest.await("charts drawn", () -> slice.viewer().getRenderingInfo() != null
        && slice.viewer().getRenderingInfo().getPlotInfo().getDataArea().getWidth() > 10);
    var table = t.analysis().table();
    int r = table.ids().indexOf("00005");
    XYPlot p = (XYPlot) slice.chart().getPlot();
    int item = -1;
    for (int i = 0; i < p.getDataset().getItemCount(0); i++) {
      if (p.getDataset().getYValue(0, i) == table.y()[r]) item = i;
    }
    double xv = p.getDataset().getXValue(0, item);
    double yv = p.getDataset().getYValue(0, item);
    Rectangle2D area = slice.viewer().getRenderingInfo().getPlotInfo().getDataArea();
    double px = p.getDomainAxis().valueToJava2D(xv, area, p.getDomainAxisEdge());
    double py = p.getRangeAxis().valueToJava2D(yv, area, p.getRangeAxisEdge());
    Point2D screen = slice.viewer().getCanvas().localToScreen(px, py);
    robot.moveTo(screen).clickOn(javafx.scene.input.MouseButton.PRIMARY);
    HistoryFxTest.await("the table selects the clicked trial", () -> t.run().table().selected() != null
        && t.run().table().selected().id().equals("00005"));
  }

  @Test void exportsPngSvgAndCsv(FxRobot robot) throws Exception {
    open(robot);
    ChartPane imp = robot.lookup("#chart-importance").queryAs(ChartPane.class);
    Path png = dir.resolve("i.png");
    Path svg = dir.resolve("i.svg");
    Path csv = dir.resolve("i.csv");
    imp.export(ChartPane.Format.PNG, png);
    imp.export(ChartPane.Format.SVG, svg);
    imp.export(ChartPane.Format.CSV, csv);
    assertEquals((byte) 'P', Files.readAllBytes(png)[1]);
    assertTrue(Files.readString(svg).contains("<svg"));
    List<String> lines = Files.readAllLines(csv);
    assertEquals("row,column,value", lines.get(0));
    assertEquals(3, lines.size(), "one row per parameter (lr, depth): " + lines);
  }

  @Test void theReportButtonWritesTheHtmlReport(FxRobot robot) throws Exception {
    ExperimentTab t = open(robot);
    Path out = dir.resolve("r.html");
    var done = new java.util.concurrent.CompletableFuture<String>();
    robot.interact(() -> t.analysis().writeReport(out).thenAccept(done::complete));
    assertEquals("report written to " + out, done.get(120, java.util.concurrent.TimeUnit.SECONDS));
    String html = Files.readString(out);
    assertTrue(html.contains("<h1>past-c</h1>") && html.contains("data:image/png;base64,"), html.substring(0, 200));
  }

  @Test void lineageShowsTheExploitAndAClickSelectsTheTrial(FxRobot robot) throws Exception {
    ExperimentTab t = open(robot);
    robot.interact(t::showLineage);
    HistoryFxTest.await("lineage loaded", () -> t.lineage().lineage() != null);
    var links = t.lineage().lineage().links();
    assertEquals(1, links.size());
    assertEquals("00001", links.get(0).from());
    assertEquals("00002", links.get(0).to());
    assertEquals(5, links.get(0).step(), 0);
    assertTrue(links.get(0).change().contains("lr 0.01 → 0.012"), links.get(0).change());
    ChartPane c = robot.lookup("#chart-lineage").queryAs(ChartPane.class);
    HistoryFxTest.await("drawn", () -> c.viewer().getRenderingInfo() != null
        && c.viewer().getRenderingInfo().getPlotInfo().getDataArea().getWidth() > 10);
    XYPlot p = (XYPlot) c.chart().getPlot();
    Rectangle2D area = c.viewer().getRenderingInfo().getPlotInfo().getDataArea();
    double px = p.getDomainAxis().valueToJava2D(p.getDataset(0).getXValue(0, 1), area, p.getDomainAxisEdge());
    double py = p.getRangeAxis().valueToJava2D(p.getDataset(0).getYValue(0, 1), area, p.getRangeAxisEdge());
    robot.moveTo(c.viewer().getCanvas().localToScreen(px, py)).clickOn(javafx.scene.input.MouseButton.PRIMARY);
    HistoryFxTest.await("the exploiting trial is selected", () -> t.run().table().selected() != null
        && t.run().table().selected().id().equals("00002"));
  }

  @Test void theSmoothingSliderSmoothsTheIntermediateValues(FxRobot robot) throws Exception {
    open(robot);
    robot.interact(() -> robot.lookup("#curve-smoothing").queryAs(javafx.scene.control.Slider.class).setValue(0.6));
    ChartPane inter = robot.lookup("#chart-intermediate").queryAs(ChartPane.class);
    HistoryFxTest.await("the curves are smoothed", () -> inter.chart() != null
        && inter.chart().getTitle().getText().contains("smoothed 0.6"));
  }
}
