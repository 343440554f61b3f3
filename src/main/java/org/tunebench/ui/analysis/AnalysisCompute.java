package org.tunebench.ui.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.jfree.chart.JFreeChart;
import org.tunebench.app.analysis.AnalysisTable;
import org.tunebench.app.analysis.ParetoTable;
import org.tunebench.charts.AnalysisCharts;
import org.tunebench.charts.ChartStyle;
import org.tunebench.charts.ParetoChart;
import org.tunebench.charts.RunCharts;
import org.tunebench.model.ExperimentSpec;

/**
 * The heavy half of a refresh, run off the FX thread: the table, importance (kept while the data is the same)
 * and every chart. Importance looks at 1,000 trials at most, drawn at random with a fixed seed, so that a history
 * of tens of thousands stays quick; the chart says so.
 */
final class AnalysisCompute {
  static final int IMPORTANCE_SAMPLE = 1000;

  /** What the FX thread hands over: the filtered trials, their decimated curves, the user's choices. */
  record Input(List<AnalysisTable.Trial> trials, List<RunCharts.Curve> curves, double quantile, String slice,
      String contourX, String contourY, String selected, double smoothing, long version,
      org.tunebench.charts.ParallelBrush brush, List<ParetoTable.Trial> objectives) {}

  /** {@code pareto}: one chart per pair of objectives ({@link #pairs}), empty with one objective. */
  record Output(AnalysisTable table, JFreeChart importance, JFreeChart slice, JFreeChart contour, JFreeChart edf,
      JFreeChart intermediate, JFreeChart parallel, long version, long millis, List<String> brushed,
      ParetoTable pareto, List<JFreeChart> paretoCharts) {}

  /** The most objectives the scatter matrix pairs up (three pairwise plots); further ones count for the front only. */
  static final int MATRIX_OBJECTIVES = 3;

  /** The pairs of objectives the Pareto view plots: (0,1) for two, (0,1), (0,2), (1,2) for three or more. */
  static List<int[]> pairs(int objectives) {
    List<int[]> out = new ArrayList<>();
    int n = Math.min(objectives, MATRIX_OBJECTIVES);
    for (int a = 0; a < n; a++) for (int b = a + 1; b < n; b++) out.add(new int[] {a, b});
    return out;
  }

  private final ExperimentSpec spec;
  private final List<Double> rungs;
  private long importanceKey = Long.MIN_VALUE;
  private double[] importance;

  AnalysisCompute(ExperimentSpec spec, List<Double> rungs) {
    this.spec = spec;
    this.rungs = rungs;
  }

  Output run(Input in, ChartStyle s) {
    long t0 = System.nanoTime();
    AnalysisTable all = AnalysisTable.of(spec.space(), spec.metric(), spec.mode(), in.trials());
    AnalysisTable whole = all.top(in.quantile());
    // the parallel coordinates show every trial with the brushes drawn on them; the other charts only those inside
    AnalysisTable t = in.brush().apply(whole);
    java.util.Set<String> inside = new java.util.HashSet<>(t.ids());
    String scope = in.quantile() >= 1 ? "all trials" : "top " + Math.round(in.quantile() * 100) + "%";
    JFreeChart imp = null;
    JFreeChart slice = null;
    JFreeChart contour = null;
    JFreeChart parallel = null;
    java.awt.Color mark = s.accent();
    if (t.size() >= 2 && !t.axes().isEmpty()) {
      long key = (in.version() * 31 + Double.hashCode(in.quantile())) * 31 + in.brush().hashCodeOfRanges();
      if (key != importanceKey || importance == null || importance.length != t.axes().size()) {
        importance = sample(t).importance(1);
        importanceKey = key;
      }
      if (t.size() > IMPORTANCE_SAMPLE) scope += ", " + IMPORTANCE_SAMPLE + " sampled";
      imp = AnalysisCharts.importance(t, importance, scope, s);
      int sc = indexOf(t, in.slice(), 0);
      slice = AnalysisCharts.slice(t, sc, s);
      AnalysisCharts.highlight(slice, t, in.selected(), sc, -1, -1, mark);
      if (t.axes().size() >= 2) {
        int cx = indexOf(t, in.contourX(), 0);
        int cy = indexOf(t, in.contourY(), 1);
        if (cy == cx) cy = cx == 0 ? 1 : 0;
        contour = AnalysisCharts.contour(t, cx, cy, s);
        AnalysisCharts.highlight(contour, t, in.selected(), -1, cx, cy, mark);
      }
    }
    if (whole.size() >= 2 && !whole.axes().isEmpty()) {
      parallel = AnalysisCharts.parallel(whole, 1000, in.brush(), s);
      AnalysisCharts.highlight(parallel, whole, in.selected(), -1, -1, -1, mark);
    }
    JFreeChart edf = t.size() >= 1 ? AnalysisCharts.edf(t, s) : null;
    List<RunCharts.Curve> curves = highlightFirst(in).stream().filter(c -> inside.contains(c.id())).toList();
    JFreeChart inter = RunCharts.intermediate(curves, spec.metric(), rungs,
        Math.min(curves.size(), in.selected() == null ? 5 : 6), in.smoothing(), s);
    ParetoTable pareto = null;
    List<JFreeChart> paretoCharts = List.of();
    if (spec.multiObjective() && in.objectives() != null) {
      // the table's filter is already applied; the brush keeps the trials inside it, as on the other charts
      java.util.Set<String> brushedIds = in.brush().isEmpty() ? null : new java.util.HashSet<>(in.brush().apply(all).ids());
      List<ParetoTable.Trial> shown = in.objectives().stream()
          .filter(x -> brushedIds == null || brushedIds.contains(x.id())).toList();
      pareto = ParetoTable.of(spec.objectives(), shown);
      List<JFreeChart> charts = new ArrayList<>();
      boolean two = spec.objectives().size() == 2;
      for (int[] p : pairs(spec.objectives().size())) charts.add(ParetoChart.of(pareto, p[0], p[1], two, in.selected(), s));
      paretoCharts = List.copyOf(charts);
    }
    return new Output(whole, imp, slice, contour, edf, inter, parallel, in.version(), (System.nanoTime() - t0) / 1_000_000,
        t.ids(), pareto, paretoCharts);
  }

  /** The selected trial first, then the best few: those get colours and legend entries. */
  private List<RunCharts.Curve> highlightFirst(Input in) {
    java.util.Map<String, Double> best = new java.util.HashMap<>();
    for (AnalysisTable.Trial t : in.trials()) if (t.best() != null) best.put(t.id(), t.best());
    List<RunCharts.Curve> c = new ArrayList<>(in.curves());
    boolean max = spec.mode() == ExperimentSpec.Mode.MAX;
    c.sort(Comparator.comparingDouble((RunCharts.Curve x) -> x.id().equals(in.selected()) ? Double.NEGATIVE_INFINITY : 0)
        .thenComparingDouble(x -> {
          Double v = best.get(x.id());
          return v == null || v.isNaN() ? Double.POSITIVE_INFINITY : max ? -v : v;
        }));
    return c;
  }

  private static AnalysisTable sample(AnalysisTable t) {
    if (t.size() <= IMPORTANCE_SAMPLE) return t;
    int[] idx = new SplittableRandom(7).ints(0, t.size()).distinct().limit(IMPORTANCE_SAMPLE).sorted().toArray();
    double[][] x = Arrays.stream(idx).mapToObj(i -> t.x()[i]).toArray(double[][]::new);
    double[] y = Arrays.stream(idx).mapToDouble(i -> t.y()[i]).toArray();
    return new AnalysisTable(t.axes(), t.metric(), t.mode(), x, y,
        Arrays.stream(idx).mapToObj(t.ids()::get).toList(), Arrays.stream(idx).mapToObj(t.configs()::get).toList());
  }

  private static int indexOf(AnalysisTable t, String name, int fallback) {
    for (int i = 0; i < t.axes().size(); i++) if (t.axes().get(i).name().equals(name)) return i;
    return Math.min(fallback, t.axes().size() - 1);
  }
}
