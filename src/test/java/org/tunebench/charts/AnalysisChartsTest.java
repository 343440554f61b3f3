package org.tunebench.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.tunebench.app.analysis.AnalysisTable;
import org.tunebench.model.ExperimentSpec.Mode;
import org.tunebench.model.SearchSpace;

class AnalysisChartsTest {
  static AnalysisTable table(int n) throws Exception {
    SearchSpace space = SearchSpace.parse(JsonMapper.builder().build().readTree("""
        {"lr": {"loguniform": [1e-5, 1e-1]}, "opt": {"choice": ["adam", "sgd", "rmsprop"]}, "momentum": {"uniform": [0, 1]}}"""));
    SplittableRandom r = new SplittableRandom(3);
    List<AnalysisTable.Trial> trials = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double lr = Math.pow(10, -5 + 4 * r.nextDouble());
      String opt = List.of("adam", "sgd", "rmsprop").get(r.nextInt(3));
      double m = r.nextDouble();
      double loss = Math.pow(Math.log10(lr) + 3, 2) + (opt.equals("sgd") ? 1 : 0) + 0.1 * m;
      trials.add(new AnalysisTable.Trial("t" + i, Map.of("lr", lr, "opt", opt, "momentum", m), loss));
    }
    return AnalysisTable.of(space, "loss", Mode.MIN, trials);
  }

  @Test void everyChartRendersAndExportsItsData() throws Exception {
    AnalysisTable t = table(120);
    ChartStyle s = ChartStyle.light();
    double[] imp = t.importance(1);
    assertTrue(imp[0] > imp[2], "lr matters more than momentum");
    List<JFreeChart> charts = List.of(AnalysisCharts.importance(t, imp, "all trials", s), AnalysisCharts.slice(t, 0, s),
        AnalysisCharts.slice(t, 1, s), AnalysisCharts.edf(t, s), AnalysisCharts.contour(t, 0, 2, s),
        AnalysisCharts.parallel(t, 1000, s));
    Path dir = Files.createDirectories(Path.of("target", "chart-samples"));
    int k = 0;
    for (JFreeChart c : charts) {
      byte[] png = ChartFiles.png(c, 640, 400);
      assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G');
      Files.write(dir.resolve("chart" + k++ + ".png"), png);
      String svg = ChartFiles.svg(c, 640, 400);
      assertTrue(svg.startsWith("<?xml") && svg.contains("<svg"), svg.substring(0, 80));
    }
    assertTrue(((XYPlot) charts.get(1).getPlot()).getDomainAxis() instanceof LogAxis, "a log domain gets a log axis");
    assertTrue(((XYPlot) charts.get(2).getPlot()).getDomainAxis() instanceof SymbolAxis, "a choice gets a categorical axis");
  }

  @Test void csvHoldsExactlyThePlottedPointsAtFullPrecision() throws Exception {
    AnalysisTable t = table(10);
    String csv = ChartFiles.csv(AnalysisCharts.slice(t, 2, ChartStyle.light()));
    List<String> lines = csv.lines().toList();
    assertEquals("series,momentum,loss", lines.get(0));
    assertEquals(11, lines.size());
    assertTrue(lines.contains("trials," + t.x()[4][2] + "," + t.y()[4]), csv);
    String imp = ChartFiles.csv(AnalysisCharts.importance(t, new double[] {0.5, 0.25, 0.25}, "all", ChartStyle.light()));
    assertTrue(imp.startsWith("row,column,value\nimportance,lr,0.5\n"), imp);
  }

  @Test void tooltipsNameTheTrialItsMetricAndConfig() throws Exception {
    AnalysisTable t = table(5);
    XYPlot p = (XYPlot) AnalysisCharts.slice(t, 0, ChartStyle.light()).getPlot();
    String tip = p.getRenderer().getToolTipGenerator(0, 3).generateToolTip(p.getDataset(), 0, 3);
    assertTrue(tip.startsWith("t3\nloss = " + t.y()[3]), tip);
    assertTrue(tip.contains("opt = ") && tip.contains("lr = "), tip);
  }

  @Test void theContourPredictsABackgroundOnlyFromEnoughTrials() throws Exception {
    XYPlot few = (XYPlot) AnalysisCharts.contour(table(AnalysisCharts.CONTOUR_MIN_TRIALS - 1), 0, 2, ChartStyle.light()).getPlot();
    assertEquals(0, few.getDataset(0).getSeriesCount(), "a forest on a handful of points would paint one flat colour");
    assertEquals(AnalysisCharts.CONTOUR_MIN_TRIALS - 1, few.getDataset(1).getItemCount(0), "the trials are still drawn");
    String why = ((org.jfree.chart.title.TextTitle) AnalysisCharts.contour(table(6), 0, 2, ChartStyle.light()).getSubtitle(0)).getText();
    assertEquals("no background yet: loss is predicted once 8 trials have results (6 so far)", why);
    XYPlot enough = (XYPlot) AnalysisCharts.contour(table(AnalysisCharts.CONTOUR_MIN_TRIALS), 0, 2, ChartStyle.light()).getPlot();
    assertEquals(1, enough.getDataset(0).getSeriesCount());
  }
}
