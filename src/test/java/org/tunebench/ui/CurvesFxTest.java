package org.tunebench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.geometry.Point2D;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.tunebench.ui.chart.ChartPane;
import org.tunebench.ui.chart.CurvesChart;

/** The dashboard's learning curves in their JFreeChart plot: click to select, filter, only-selected, marks, live data. */
@ExtendWith(ApplicationExtension.class)
class CurvesFxTest {
  MainWindow window;
  Path dir;

  @Start void start(Stage stage) throws Exception {
    dir = Files.createTempDirectory("tb-ui-curves");
    MainViewModel vm = new MainViewModel(dir.resolve("db.mv.db"));
    StoreFixtures.fillWithExploit(vm.store(), dir, "past-k");
    vm.refresh();
    window = new MainWindow(stage, vm, UiFixtures.prefs());
    stage.show();
  }

  @Stop void stop() {
    window.close();
  }

  ExperimentTab open(FxRobot robot) throws Exception {
    robot.doubleClickOn("past-k");
    HistoryFxTest.await("opens", () -> window.current().map(t -> t.session() != null).orElse(false));
    HistoryFxTest.await("loaded", () -> robot.lookup("#busy-overlay").tryQuery().isEmpty());
    ExperimentTab t = window.current().orElseThrow();
    robot.interact(t::showRun);
    CurvesChart c = t.run().curves();
    HistoryFxTest.await("curves drawn", () -> c.viewer().getRenderingInfo() != null
        && c.viewer().getRenderingInfo().getPlotInfo().getDataArea().getWidth() > 10 && c.canvasPoint("00004", 0) != null);
    return t;
  }

  static Point2D last(ExperimentTab t, String id) {
    var c = t.session().curves().curve(id);
    return t.run().curves().canvasPoint(id, c.size() - 1);
  }

  @Test void aClickOnACurveSelectsItsTrialAndASelectedRowIsHighlightedInTheLegend(FxRobot robot) throws Exception {
    ExperimentTab t = open(robot);
    CurvesChart c = t.run().curves();
    Point2D p = last(t, "00004");
    assertEquals("00004", c.pick(p.getX(), p.getY(), 6));
    robot.moveTo(c.viewer().getCanvas().localToScreen(p)).clickOn(MouseButton.PRIMARY);
    HistoryFxTest.await("the clicked curve's trial is selected", () -> t.run().table().selected() != null
        && t.run().table().selected().id().equals("00004"));
    robot.interact(c::paintIfDirty);
    assertEquals("00004", c.highlighted().get(0), "the selected trial comes first among the highlighted");
    String legend = (String) c.chart().getXYPlot().getDataset(0).getSeriesKey(0);
    assertTrue(legend.startsWith("trial 00004 (selected)"), legend);
    // the legend grew with the selection, so the plot's data area (and the curve's point) moved: ask again
    String[] hovered = new String[1];
    robot.interact(() -> {
      Point2D q = last(t, "00004");
      hovered[0] = c.hoverText(q.getX(), q.getY());
    });
    String hover = hovered[0];
    assertNotNull(hover);
    assertTrue(hover.startsWith("trial 00004\ntraining_iteration 20\nloss = "), hover);
    double v = t.session().curves().curve("00004").metric("loss").get(19);
    assertTrue(hover.contains("loss = " + v), "full precision: " + hover);
    assertTrue(hover.contains("lr = "), "the config: " + hover);
  }

  @Test void theCurvesFollowTheFilterAndShowOnlyTheSelection(FxRobot robot) throws Exception {
    ExperimentTab t = open(robot);
    CurvesChart c = t.run().curves();
    robot.interact(() -> robot.lookup("#trial-filter").queryAs(TextField.class).setText("00003"));
    robot.interact(c::paintIfDirty);
    // where 00004's last point would be drawn now (its data is still there, only not shown)
    Point2D p4 = last(t, "00004");
    assertNotEquals("00004", c.pick(p4.getX(), p4.getY(), 3), "a filtered-out trial's curve is not drawn and cannot be picked");
    assertEquals(List.of("00003"), c.highlighted());
    robot.interact(() -> robot.lookup("#trial-filter").queryAs(TextField.class).setText(""));
    robot.interact(() -> t.run().table().getSelectionModel().select(t.session().table().row("00006")));
    robot.interact(() -> robot.lookup("#curves-only-selected").queryAs(CheckBox.class).setSelected(true));
    robot.interact(c::paintIfDirty);
    assertEquals(List.of("00006"), c.highlighted());
    Point2D p6 = last(t, "00006");
    assertEquals("00006", c.pick(p6.getX(), p6.getY(), 2));
    Point2D q4 = last(t, "00004");
    assertNotEquals("00004", c.pick(q4.getX(), q4.getY(), 3), "with only the selection shown, other curves are gone");
  }

  @Test void trialsTiedOnTheirBestAreAllAmongTheHighlighted(FxRobot robot) throws Exception {
    ExperimentTab t = open(robot);
    CurvesChart c = t.run().curves();
    assertEquals("min", t.session().curves().mode().name().toLowerCase());
    robot.interact(() -> {
      for (String id : List.of("00005", "00001", "00003")) t.session().curves().add(id, Map.of("training_iteration", 21, "loss", -100.0));
    });
    robot.interact(c::paintIfDirty);
    assertEquals(List.of("00001", "00003", "00005"), c.highlighted().subList(0, 3), "the three tied for best, by trial id");
    assertEquals(5, c.highlighted().size());
  }

  @Test void aPbtExploitIsMarkedOnTheCurveAndExplainedOnHover(FxRobot robot) throws Exception {
    ExperimentTab t = open(robot);
    CurvesChart c = t.run().curves();
    assertEquals(Map.of("00002", "exploit"), c.marks());
    Point2D p = c.canvasPoint("00002", 5);
    String hover = c.hoverText(p.getX(), p.getY());
    assertTrue(hover.startsWith("trial 00002 exploited trial 00001"), hover);
  }

  @Test void newResultsAppearLiveAndSmoothingSmoothsThem(FxRobot robot) throws Exception {
    ExperimentTab t = open(robot);
    CurvesChart c = t.run().curves();
    robot.interact(() -> t.session().curves().add("00003", Map.of("training_iteration", 21, "loss", -50.0)));
    HistoryFxTest.await("the new result is plotted without any other event",
        () -> c.chart().getXYPlot().getRangeAxis().getLowerBound() <= -50);
    Point2D p = c.canvasPoint("00003", 20);
    assertEquals("00003", c.pick(p.getX(), p.getY(), 3));
    robot.interact(() -> robot.lookup("#dashboard-smoothing").queryAs(Slider.class).setValue(0.9));
    robot.interact(c::paintIfDirty);
    Point2D s = c.canvasPoint("00003", 20);
    String hover = c.hoverText(s.getX(), s.getY());
    assertNotNull(hover);
    assertTrue(hover.contains("loss = -50.0\nsmoothed = "), hover);
    double smoothed = Double.parseDouble(hover.split("smoothed = ")[1].split("\n")[0]);
    assertTrue(smoothed > -10, "a 0.9 EMA keeps a tenth of the new value: " + smoothed);
  }

  @Test void exportsTheCurvesAsPngSvgAndEveryPlottedPointAsCsv(FxRobot robot) throws Exception {
    ExperimentTab t = open(robot);
    ChartPane pane = t.run().curves().pane();
    Path png = dir.resolve("c.png");
    Path svg = dir.resolve("c.svg");
    Path csv = dir.resolve("c.csv");
    pane.export(ChartPane.Format.PNG, png);
    pane.export(ChartPane.Format.SVG, svg);
    pane.export(ChartPane.Format.CSV, csv);
    assertEquals((byte) 'P', Files.readAllBytes(png)[1]);
    assertTrue(Files.readString(svg).contains("<image"), "the raster layer is in the SVG");
    List<String> lines = Files.readAllLines(csv);
    assertEquals("trial,training_iteration,loss", lines.get(0));
    int points = 0;
    for (var curve : t.session().curves().curves().values()) {
      for (int i = 0; i < curve.size(); i++) if (Double.isFinite(curve.metric("loss").get(i))) points++;
    }
    assertTrue(points > 100);
    assertEquals(1 + points, lines.size(), "one line per plotted result");
  }

  /** The best-so-far plot is a JFreeChart step line in time that follows new results and exports its steps. */
  @Test void theBestSoFarIsAStepLineThatFollowsANewBestAndExportsItsSteps(FxRobot robot) throws Exception {
    ExperimentTab t = open(robot);
    org.tunebench.ui.chart.BestSoFarChart b = t.run().best();
    var best = t.session().curves().bestY();
    HistoryFxTest.awaitFx("the best so far is plotted", () -> b.chart().getXYPlot().getDataset().getSeriesCount() == 1
        && b.chart().getXYPlot().getDataset().getItemCount(0) > 0);
    double[][] steps = ScreenshotTour.fx(() -> bestSteps(b));
    double stored = best.last();
    assertEquals(stored, steps[1][steps[1].length - 1], "the line ends at the experiment's best");
    for (int i = 1; i < steps[0].length; i++) {
      assertTrue(steps[1][i] <= steps[1][i - 1], "a minimised best never rises");
      assertTrue(steps[0][i] >= steps[0][i - 1], "in time order");
    }
    assertEquals("best loss", b.chart().getXYPlot().getRangeAxis().getLabel());
    // more improvements than the plot keeps (about two a pixel): the export still has each one
    double newBest = -50.0 - 2_999;
    robot.interact(() -> {
      for (int i = 0; i < 3_000; i++) t.session().curves().add("00003", Map.of("training_iteration", 21 + i, "loss", -50.0 - i));
    });
    HistoryFxTest.awaitFx("a new best is plotted without any other event", () -> {
      var e = b.chart().getXYPlot().getDataset();
      return e.getItemCount(0) > 0 && e.getYValue(0, e.getItemCount(0) - 1) == newBest;
    });
    assertTrue(ScreenshotTour.fx(() -> bestSteps(b))[0].length < best.size(), "the plot is thinned");
    Path csv = dir.resolve("best.csv");
    b.pane().export(ChartPane.Format.CSV, csv);
    List<String> rows = Files.readAllLines(csv);
    assertEquals("series,seconds since the first result,best loss", rows.get(0));
    var xs = t.session().curves().bestX();
    assertTrue(rows.size() - 1 >= best.size(), "every improvement, not the plot's thinned steps: " + rows.size());
    for (int i = 0; i < best.size(); i++) {
      String[] c = rows.get(1 + i).split(",");
      assertEquals(xs.get(i), Double.parseDouble(c[1]), "step " + i);
      assertEquals(best.get(i), Double.parseDouble(c[2]), "step " + i);
    }
    assertEquals(newBest, Double.parseDouble(rows.get(rows.size() - 1).split(",")[2]));
  }

  /** The lifecycle timeline in its JFreeChart plot: each trial's spans on its row, and a click on a span picks the trial. */
  @Test void theTimelineShowsEachTrialsSpansAndAClickOnASpanSelectsItsTrial(FxRobot robot) throws Exception {
    ExperimentTab t = open(robot);
    org.tunebench.ui.chart.TimelineChart tl = t.run().timeline();
    int running = org.tunebench.model.TrialStatus.RUNNING.ordinal();
    HistoryFxTest.awaitFx("spans drawn", () -> tl.chart().getXYPlot().getDataset().getItemCount(running) > 0
        && tl.pane().viewer().getRenderingInfo() != null);
    List<String> ids = List.copyOf(t.session().timeline().rows().keySet());
    int row = ids.indexOf("00003");
    // read on the FX thread, where the pulse rebuilds the dataset
    double[] seen = ScreenshotTour.fx(() -> {
      var d = (org.jfree.data.xy.IntervalXYDataset) tl.chart().getXYPlot().getDataset();
      int paused = org.tunebench.model.TrialStatus.PAUSED.ordinal();
      boolean pausedSpan = false;
      for (int i = 0; i < d.getItemCount(paused); i++) pausedSpan |= d.getYValue(paused, i) == ids.indexOf("00000");
      int ends = d.getItemCount(org.tunebench.model.TrialStatus.TERMINATED.ordinal())
          + d.getItemCount(org.tunebench.model.TrialStatus.ERRORED.ordinal());
      int item = -1;
      for (int i = 0; i < d.getItemCount(running); i++) if (d.getYValue(running, i) == row) item = i;
      double mid = item < 0 ? Double.NaN : (d.getStartXValue(running, item) + d.getEndXValue(running, item)) / 2;
      return new double[] {pausedSpan ? 1 : 0, ends, item, mid};
    });
    assertTrue(seen[0] == 1, "trial 00000 was paused and resumed: a PAUSED span on its row");
    assertEquals(ids.size(), (int) seen[1], "every trial ended: one end mark on each row");
    assertTrue(seen[2] >= 0, "trial 00003 ran");
    double mid = seen[3];
    var plot = tl.chart().getXYPlot();
    var area = tl.pane().viewer().getRenderingInfo().getPlotInfo().getDataArea();
    Point2D p = new Point2D(plot.getDomainAxis().valueToJava2D(mid, area, plot.getDomainAxisEdge()),
        plot.getRangeAxis().valueToJava2D(row, area, plot.getRangeAxisEdge()));
    robot.moveTo(tl.pane().viewer().getCanvas().localToScreen(p)).clickOn(MouseButton.PRIMARY);
    HistoryFxTest.await("the clicked span's trial is selected", () -> t.run().table().selected() != null
        && t.run().table().selected().id().equals("00003"));
    robot.interact(tl::paintIfDirty);
    assertEquals(1, tl.chart().getXYPlot().getRangeMarkers(org.jfree.chart.ui.Layer.BACKGROUND).size(),
        "the selected trial's row is banded");
    // the table's filter narrows the timeline as it does the curves, and the timeline says so
    robot.interact(() -> robot.lookup("#trial-filter").queryAs(javafx.scene.control.TextField.class).setText("00003"));
    HistoryFxTest.awaitFx("one row left", () -> {
      tl.paintIfDirty();
      var e = (org.jfree.data.xy.IntervalXYDataset) tl.chart().getXYPlot().getDataset();
      for (int st = 0; st < e.getSeriesCount(); st++) for (int i = 0; i < e.getItemCount(st); i++) if (e.getYValue(st, i) != 0) return false;
      return tl.chart().getTitle() != null;
    });
    assertEquals("showing 1 of " + ids.size() + " trials (the table's filter)", ScreenshotTour.fx(() -> tl.chart().getTitle().getText()));
  }

  /** The best-so-far plot's steps as x and y arrays; call on the FX thread. */
  private static double[][] bestSteps(org.tunebench.ui.chart.BestSoFarChart b) {
    var d = b.chart().getXYPlot().getDataset();
    int n = d.getItemCount(0);
    double[][] xy = new double[2][n];
    for (int i = 0; i < n; i++) {
      xy[0][i] = d.getXValue(0, i);
      xy[1][i] = d.getYValue(0, i);
    }
    return xy;
  }
}
