package org.tunebench.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYBoxAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.tunebench.app.analysis.AnalysisTable;
import org.tunebench.model.ExperimentSpec.Mode;
import org.tunebench.model.SearchSpace;

class ParallelBrushTest {
  static AnalysisTable table() throws Exception {
    SearchSpace space = SearchSpace.parse(JsonMapper.builder().build().readTree("""
        {"lr": {"loguniform": [1e-5, 1e-1]}, "opt": {"choice": ["adam", "sgd", "rmsprop"]}}"""));
    return AnalysisTable.of(space, "loss", Mode.MIN, List.of(
        new AnalysisTable.Trial("a", Map.of("lr", 1e-3, "opt", "sgd"), 0.5),
        new AnalysisTable.Trial("b", Map.of("lr", 1e-2, "opt", "adam"), 0.2),
        new AnalysisTable.Trial("c", Map.of("lr", 1e-4, "opt", "adam"), 0.7),
        new AnalysisTable.Trial("d", Map.of("lr", 1e-1, "opt", "sgd"), 0.9)));
  }

  @Test void brushesOnSeveralAxesAreAndedInTheAxesOwnUnits() throws Exception {
    AnalysisTable t = table();
    ParallelBrush b = ParallelBrush.NONE.with("loss", 0.6, 0.1);
    assertEquals(List.of("a", "b"), b.ids(t), "a range dragged upwards is the same range");
    // lr is a log domain: brushed in log10, 1e-2.5 .. 1e-0.5 holds 1e-2 and 1e-1
    b = b.with("lr", -2.5, -0.5);
    assertEquals(List.of("b"), b.ids(t));
    assertEquals(List.of("b", "d"), ParallelBrush.NONE.with("lr", -2.5, -0.5).ids(t));
    // a choice is brushed by index: adam = 0
    assertEquals(List.of("b", "c"), ParallelBrush.NONE.with("opt", -0.4, 0.4).ids(t));
    assertEquals(List.of("a", "b"), b.without("lr").ids(t));
    assertEquals(1, b.apply(t).size());
    assertEquals(0.2, b.apply(t).y()[0], 0);
    assertTrue(ParallelBrush.NONE.with("gone", 0, 1).matches(t, 0), "a brush on an axis the table lacks is ignored");
  }

  @Test void theChartShadesTheBrushNamesEveryChoiceAndMutesTrialsOutside() throws Exception {
    AnalysisTable t = table();
    ParallelBrush b = ParallelBrush.NONE.with("loss", 0.1, 0.6);
    JFreeChart c = AnalysisCharts.parallel(t, 1000, b, ChartStyle.light());
    XYPlot p = (XYPlot) c.getPlot();
    assertEquals(1, p.getAnnotations().stream().filter(a -> a instanceof XYBoxAnnotation).count());
    List<String> labels = p.getAnnotations().stream().filter(a -> a instanceof XYTextAnnotation)
        .map(a -> ((XYTextAnnotation) a).getText()).toList();
    assertTrue(labels.containsAll(List.of("adam", "sgd", "rmsprop")), "every choice is named: " + labels);
    assertTrue(labels.stream().anyMatch(l -> l.endsWith("(log)")), "the log axis says so: " + labels);
    // trials outside are drawn first (under) and muted; the two inside last
    var ds = p.getDataset();
    assertEquals(List.of("c", "d"), List.of(ds.getSeriesKey(0), ds.getSeriesKey(1)).stream().sorted().toList());
    var r = p.getRenderer();
    assertEquals(45, ((java.awt.Color) r.getSeriesPaint(0)).getAlpha());
    assertEquals(150, ((java.awt.Color) r.getSeriesPaint(3)).getAlpha());
  }
}
