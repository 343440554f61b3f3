package org.tunebench.app.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tunebench.engine.search.Pareto;
import org.tunebench.model.ExperimentSpec.Mode;
import org.tunebench.model.ExperimentSpec.Objective;

/**
 * The trials of a multi-objective experiment as points in objective space, with the Pareto-optimal ones
 * marked. Each trial's values are those of its last result, the rule {@code show} marks the front by, so the
 * workbench and the command line name the same trials. Trials that lack one of the objectives are left out
 * (they cannot be placed) and counted in {@link #missing()}. Built off the FX thread; immutable.
 */
public record ParetoTable(List<Objective> objectives, List<String> ids, double[][] values,
    List<Map<String, Object>> configs, boolean[] onFront, int missing) {

  /** One trial as the table needs it: id, config, last result (null: none yet). */
  public record Trial(String id, Map<String, Object> config, Map<String, Object> last) {}

  public static ParetoTable of(List<Objective> objectives, List<Trial> trials) {
    List<String> ids = new ArrayList<>();
    List<double[]> rows = new ArrayList<>();
    List<Map<String, Object>> configs = new ArrayList<>();
    int missing = 0;
    for (Trial t : trials) {
      double[] v = valuesOf(objectives, t.last());
      if (v == null) {
        missing++;
        continue;
      }
      ids.add(t.id());
      rows.add(v);
      configs.add(t.config());
    }
    double[][] values = rows.toArray(double[][]::new);
    boolean[] front = objectives.size() == 2 ? front2d(values, 0, 1, objectives.get(0).mode(), objectives.get(1).mode())
        : new boolean[values.length];
    if (objectives.size() != 2) for (int i : Pareto.front(values, objectives.stream().map(Objective::mode).toList())) front[i] = true;
    return new ParetoTable(List.copyOf(objectives), List.copyOf(ids), values, configs, front, missing);
  }

  /**
   * Which rows no other row dominates in columns {@code x} and {@code y} (finite values), the same answer as
   * {@link Pareto#front} but by one sort and a sweep, O(n log n), so that a history of tens of thousands of
   * trials refreshes quickly: in minimisation order by x, a row is on the front when its y is the least among
   * the rows of its x and less than every y of a smaller x. Rows equal in both are all on the front.
   */
  static boolean[] front2d(double[][] values, int x, int y, Mode mx, Mode my) {
    int n = values.length;
    double sx = mx == Mode.MAX ? -1 : 1;
    double sy = my == Mode.MAX ? -1 : 1;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) order[i] = i;
    // + 0.0 turns -0.0 into 0.0: the sort must group what == groups
    java.util.Arrays.sort(order, (a, b) -> {
      int c = Double.compare(sx * values[a][x] + 0.0, sx * values[b][x] + 0.0);
      return c != 0 ? c : Double.compare(sy * values[a][y] + 0.0, sy * values[b][y] + 0.0);
    });
    boolean[] front = new boolean[n];
    double bestBefore = Double.POSITIVE_INFINITY;
    int g = 0;
    while (g < n) {
      double gx = sx * values[order[g]][x];
      double gyMin = sy * values[order[g]][y];
      int end = g;
      while (end < n && sx * values[order[end]][x] == gx) end++;
      if (gyMin < bestBefore) {
        for (int k = g; k < end && sy * values[order[k]][y] == gyMin; k++) front[order[k]] = true;
        bestBefore = gyMin;
      }
      g = end;
    }
    return front;
  }

  /**
   * The objectives of a stored spec: its {@code metric}/{@code mode} lists, or the one {@code metric} and
   * {@code mode} given (the experiment's row) when the spec has one objective or does not parse any more.
   */
  public static List<Objective> objectivesOf(String specJson, String metric, String mode) {
    Objective single = new Objective(metric, "max".equalsIgnoreCase(mode) ? Mode.MAX : Mode.MIN);
    if (specJson == null || specJson.indexOf('[') < 0) return List.of(single);
    try {
      var spec = org.tunebench.model.SpecReader.parseJson(specJson);
      var ms = spec.path("metric");
      var ds = spec.path("mode");
      if (!ms.isArray() || ms.size() < 2 || ds.size() != ms.size()) return List.of(single);
      List<Objective> out = new ArrayList<>();
      for (int k = 0; k < ms.size(); k++) {
        out.add(new Objective(ms.get(k).asText(), "max".equalsIgnoreCase(ds.get(k).asText()) ? Mode.MAX : Mode.MIN));
      }
      return List.copyOf(out);
    } catch (RuntimeException unreadable) {
      return List.of(single);
    }
  }

  /** "loss (min), latency_ms (min)": the objectives as the workbench and report name them. */
  public static String label(List<Objective> objectives) {
    return String.join(", ", objectives.stream().map(o -> o.metric() + " (" + o.mode().json() + ")").toList());
  }

  /** Every objective of {@code last} as a finite number, or null when one is missing or not finite. */
  private static double[] valuesOf(List<Objective> objectives, Map<String, Object> last) {
    if (last == null) return null;
    double[] v = new double[objectives.size()];
    for (int k = 0; k < v.length; k++) {
      if (!(last.get(objectives.get(k).metric()) instanceof Number n) || !Double.isFinite(n.doubleValue())) return null;
      v[k] = n.doubleValue();
    }
    return v;
  }

  public int size() {
    return ids.size();
  }

  public int frontSize() {
    int n = 0;
    for (boolean b : onFront) if (b) n++;
    return n;
  }

  /** The ids of the Pareto-optimal trials, in input order. */
  public List<String> frontIds() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < onFront.length; i++) if (onFront[i]) out.add(ids.get(i));
    return out;
  }

  /**
   * The boundary of what the front of objectives {@code x} and {@code y} dominates, as a staircase through
   * the points that are non-dominated in these two objectives, ordered by {@code x}. Between two front points
   * the corner lies where the region they dominate ends: towards larger x when x is minimised (the earlier
   * point's y holds until the next point), towards smaller x when it is maximised.
   */
  public double[][] staircase(int x, int y) {
    List<Mode> modes = List.of(objectives.get(x).mode(), objectives.get(y).mode());
    boolean[] onPairFront = front2d(values, x, y, modes.get(0), modes.get(1));
    List<double[]> pts = new ArrayList<>();
    for (int i = 0; i < values.length; i++) if (onPairFront[i]) pts.add(new double[] {values[i][x], values[i][y]});
    pts.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
    // points equal in both objectives are one corner
    List<double[]> distinct = new ArrayList<>();
    for (double[] p : pts) if (distinct.isEmpty() || !Arrays.equals(distinct.get(distinct.size() - 1), p)) distinct.add(p);
    List<double[]> path = new ArrayList<>();
    boolean minX = modes.get(0) == Mode.MIN;
    for (int i = 0; i < distinct.size(); i++) {
      double[] p = distinct.get(i);
      if (i > 0) {
        double[] prev = distinct.get(i - 1);
        path.add(minX ? new double[] {p[0], prev[1]} : new double[] {prev[0], p[1]});
      }
      path.add(p);
    }
    return path.toArray(double[][]::new);
  }
}
