package org.tunebench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Rectangle2D;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Point2D;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.tunebench.app.analysis.AnalysisTable;
import org.tunebench.ui.chart.ChartPane;

/** Brushing the parallel coordinates with the mouse: ranges on several axes, AND-ed, cleared by a double-click. */
@ExtendWith(ApplicationExtension.class)
class BrushFxTest {
  MainWindow window;
  Path dir;

  @Start void start(Stage stage) throws Exception {
    dir = Files.createTempDirectory("tb-ui-brush");
    MainViewModel vm = new MainViewModel(dir.resolve("db.mv.db"));
    StoreFixtures.fill(vm.store(), dir, "past-b", 12, 5, 5);
    vm.refresh();
    window = new MainWindow(stage, vm, UiFixtures.prefs());
    stage.show();
  }

  @Stop void stop() {
    window.close();
  }

  /** The canvas point of value {@code norm} (0 bottom, 1 top of the axis' data) on parallel axis {@code a}. */
  static Point2D at(ChartPane p, int a, double norm) {
    XYPlot plot = (XYPlot) p.chart().getPlot();
    Rectangle2D area = p.viewer().getRenderingInfo().getPlotInfo().getDataArea();
    return p.viewer().getCanvas().localToScreen(plot.getDomainAxis().valueToJava2D(a, area, plot.getDomainAxisEdge()),
        plot.getRangeAxis().valueToJava2D(norm, area, plot.getRangeAxisEdge()));
  }

  static void drag(FxRobot robot, Point2D from, Point2D to) {
    robot.moveTo(from).press(MouseButton.PRIMARY).moveTo(from.add(0, (to.getY() - from.getY()) / 2)).moveTo(to)
        .release(MouseButton.PRIMARY);
  }

  @Test void draggingOnAxesBrushesAndedRangesThatFilterTheOtherCharts(FxRobot robot) throws Exception {
    robot.doubleClickOn("past-b");
    HistoryFxTest.await("opens", () -> window.current().map(t -> t.session() != null).orElse(false));
    HistoryFxTest.await("loaded", () -> robot.lookup("#busy-overlay").tryQuery().isEmpty());
    ExperimentTab t = window.current().orElseThrow();
    robot.interact(t::showAnalysis);
    var view = t.analysis();
    HistoryFxTest.await("analysis computed", () -> view.table() != null && !view.isRefreshing());
    ChartPane par = robot.lookup("#chart-parallel").queryAs(ChartPane.class);
    HistoryFxTest.await("parallel drawn", () -> par.viewer().getRenderingInfo() != null
        && par.viewer().getRenderingInfo().getPlotInfo().getDataArea().getWidth() > 10);
    AnalysisTable all = view.table();
    int metricAxis = all.axes().size();
    // the better half of the metric axis (loss: the lower half)
    drag(robot, at(par, metricAxis, 0.5), at(par, metricAxis, -0.03));
    HistoryFxTest.await("brushed", () -> !view.isRefreshing() && !view.brush().isEmpty()
        && view.brushedProperty().get().size() < all.size());
    double[] r = view.brush().range(all.metric());
    List<String> inLoss = view.brushedProperty().get();
    assertTrue(!inLoss.isEmpty(), "some trials lie in the lower half");
    for (int i = 0; i < all.size(); i++) {
      boolean inside = all.y()[i] >= r[0] && all.y()[i] <= r[1];
      assertEquals(inside, inLoss.contains(all.ids().get(i)), all.ids().get(i) + " " + all.y()[i] + " vs " + r[0] + ".." + r[1]);
    }
    ChartPane slice = robot.lookup("#chart-slice").queryAs(ChartPane.class);
    HistoryFxTest.awaitFx("the slice shows only the brushed trials",
        () -> ((XYPlot) slice.chart().getPlot()).getDataset().getItemCount(0) == inLoss.size());
    // the dashboard's learning curves follow the brush: only brushed trials are drawn (and so highlighted)
    robot.interact(t.run().curves()::paintIfDirty);
    List<String> lit = t.run().curves().highlighted();
    assertTrue(!lit.isEmpty() && inLoss.containsAll(lit), lit + " within " + inLoss);
    // a second brush on the first parameter's upper half: AND-ed
    drag(robot, at(par, 0, 1.03), at(par, 0, 0.5));
    HistoryFxTest.await("two brushes", () -> !view.isRefreshing() && view.brush().ranges().size() == 2);
    HistoryFxTest.await("refreshed", () -> view.brushedProperty().get().size() <= inLoss.size());
    assertTrue(inLoss.containsAll(view.brushedProperty().get()), "the second brush narrows the first");
    // a double-click on the metric axis clears its brush
    robot.moveTo(at(par, metricAxis, 0.9)).doubleClickOn(MouseButton.PRIMARY);
    HistoryFxTest.await("one brush left", () -> view.brush().ranges().keySet().equals(java.util.Set.of(all.axes().get(0).name())));
  }
}
