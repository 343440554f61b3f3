package org.tunebench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;
import org.tunebench.charts.ParetoChart;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.testkit.TestJars;
import org.tunebench.ui.chart.ChartPane;

/**
 * A two-objective experiment run from the workbench with real worker processes (the scripted fixture:
 * score = counter × slope, to maximise, against counter, to minimise): the Pareto chart, drawn live, ends with
 * the front that the stored last results give, as {@code show} marks it.
 */
@ExtendWith(ApplicationExtension.class)
class ParetoRunFxTest {
  MainWindow window;
  MainViewModel vm;
  ExperimentTab tab;

  @Start void start(Stage stage) throws Exception {
    Path dir = Files.createTempDirectory("tb-ui-pareto-run");
    Path jar = TestJars.build(dir, "fixture", "fixture.jar", List.of("fixture.Scripted"));
    ObjectMapper m = new ObjectMapper();
    ObjectNode spec = m.createObjectNode();
    spec.put("name", "pareto-run");
    spec.putObject("trainable").put("jar", jar.toString()).put("class", "fixture.Scripted");
    ObjectNode space = spec.putObject("space");
    space.putObject("slope").putArray("uniform").add(0.5).add(3.0);
    space.putObject("done_at").putArray("randint").add(1).add(7);
    spec.putArray("metric").add("score").add("counter");
    spec.putArray("mode").add("max").add("min");
    spec.put("numSamples", 12);
    spec.putObject("search").put("type", "random").put("seed", 11);
    spec.put("maxConcurrentTrials", 2);
    Path file = dir.resolve("pareto-run.json");
    Files.writeString(file, m.writeValueAsString(spec));
    vm = new MainViewModel(dir.resolve("db.mv.db"));
    window = new MainWindow(stage, vm, UiFixtures.prefs());
    tab = window.openSpec(file);
    stage.show();
  }

  @Stop void stop() {
    window.close();
  }

  /** The stored trials on the front of score (max) and counter (min), by brute force over their last results. */
  List<String> storedFront() {
    var e = vm.store().find("pareto-run").orElseThrow();
    List<TrialSnapshot> ts = vm.store().trials(e.id());
    List<String> out = new ArrayList<>();
    for (TrialSnapshot a : ts) {
      double as = ParetoFxTest.num(a.lastResult(), "score");
      double ac = ParetoFxTest.num(a.lastResult(), "counter");
      boolean dominated = false;
      for (TrialSnapshot b : ts) {
        double bs = ParetoFxTest.num(b.lastResult(), "score");
        double bc = ParetoFxTest.num(b.lastResult(), "counter");
        if (bs >= as && bc <= ac && (bs > as || bc < ac)) dominated = true;
      }
      if (!dominated) out.add(a.id());
    }
    return out;
  }

  @Test void aLiveRunEndsWithTheFrontOfItsStoredResults(FxRobot robot) throws Exception {
    robot.clickOn("#setup-start");
    WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> tab.session() != null
        && "COMPLETED".equals(tab.session().statusProperty().get()));
    robot.interact(tab::showAnalysis);
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> tab.analysis().paretoTable() != null
        && tab.analysis().paretoTable().size() == 12 && !tab.analysis().isRefreshing());
    // one more refresh after the last results, so the chart is the final one
    robot.interact(() -> tab.analysis().refresh());
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !tab.analysis().isRefreshing());
    List<String> front = storedFront();
    assertTrue(front.size() >= 2, "the run trades score against counter: " + front);
    assertEquals(front, tab.analysis().paretoTable().frontIds());
    XYPlot p = (XYPlot) robot.lookup("#chart-pareto").queryAs(ChartPane.class).chart().getPlot();
    assertEquals(front.size(), p.getDataset(ParetoChart.FRONT).getItemCount(0));
    assertEquals(12 - front.size(), p.getDataset(ParetoChart.DOMINATED).getItemCount(0));
    assertEquals(2 * front.size() - 1 - duplicates(front), p.getDataset(0).getItemCount(0), "the step line");
  }

  /** Front trials equal in both objectives share one corner of the step line. */
  int duplicates(List<String> front) {
    var t = tab.analysis().paretoTable();
    java.util.Set<String> seen = new java.util.HashSet<>();
    int d = 0;
    for (String id : front) {
      double[] v = t.values()[t.ids().indexOf(id)];
      if (!seen.add(v[0] + "/" + v[1])) d++;
    }
    return d;
  }
}
