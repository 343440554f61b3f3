package org.tunebench.charts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tunebench.app.analysis.AnalysisTable;

/**
 * Brushes on parallel-coordinate axes: per axis (a parameter's name, or the metric's) a range of the values as the
 * chart lays them out (log10 for a log domain, the choice's index for a categorical one, the metric as is). Several
 * brushes are AND-ed: a trial passes when it lies inside every brushed range. Immutable.
 */
public record ParallelBrush(Map<String, double[]> ranges) {
  public static final ParallelBrush NONE = new ParallelBrush(Map.of());

  public ParallelBrush {
    Map<String, double[]> copy = new LinkedHashMap<>();
    ranges.forEach((k, v) -> copy.put(k, new double[] {Math.min(v[0], v[1]), Math.max(v[0], v[1])}));
    ranges = java.util.Collections.unmodifiableMap(copy);
  }

  /** This brush with {@code axis} limited to [lo, hi] (replacing a brush already on that axis). */
  public ParallelBrush with(String axis, double lo, double hi) {
    Map<String, double[]> m = new LinkedHashMap<>(ranges);
    m.put(axis, new double[] {lo, hi});
    return new ParallelBrush(m);
  }

  public ParallelBrush without(String axis) {
    Map<String, double[]> m = new LinkedHashMap<>(ranges);
    m.remove(axis);
    return new ParallelBrush(m);
  }

  /** A hash of the brushed ranges' values (the record's own hash compares the arrays by identity). */
  public int hashCodeOfRanges() {
    int h = 1;
    for (var e : ranges.entrySet()) h = h * 31 + e.getKey().hashCode() * 17 + Arrays.hashCode(e.getValue());
    return h;
  }

  public boolean isEmpty() {
    return ranges.isEmpty();
  }

  /** The brushed range of {@code axis}, or null. */
  public double[] range(String axis) {
    double[] r = ranges.get(axis);
    return r == null ? null : r.clone();
  }

  /** True if row {@code i} of {@code t} lies inside every brush; a missing value fails a brush on its axis. */
  public boolean matches(AnalysisTable t, int i) {
    for (Map.Entry<String, double[]> e : ranges.entrySet()) {
      double v = value(t, i, e.getKey());
      if (Double.isNaN(v) && !hasAxis(t, e.getKey())) continue; // a brush on an axis this table lacks is ignored
      if (!(v >= e.getValue()[0] && v <= e.getValue()[1])) return false;
    }
    return true;
  }

  /** The ids of the trials that pass, in the table's order. */
  public List<String> ids(AnalysisTable t) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < t.size(); i++) if (matches(t, i)) out.add(t.ids().get(i));
    return out;
  }

  /** The rows of {@code t} that pass, as a table of their own. */
  public AnalysisTable apply(AnalysisTable t) {
    if (isEmpty()) return t;
    int[] rows = java.util.stream.IntStream.range(0, t.size()).filter(i -> matches(t, i)).toArray();
    return new AnalysisTable(t.axes(), t.metric(), t.mode(), Arrays.stream(rows).mapToObj(i -> t.x()[i]).toArray(double[][]::new),
        Arrays.stream(rows).mapToDouble(i -> t.y()[i]).toArray(), Arrays.stream(rows).mapToObj(t.ids()::get).toList(),
        Arrays.stream(rows).mapToObj(t.configs()::get).toList());
  }

  private static boolean hasAxis(AnalysisTable t, String axis) {
    if (axis.equals(t.metric())) return true;
    for (var a : t.axes()) if (a.name().equals(axis)) return true;
    return false;
  }

  private static double value(AnalysisTable t, int i, String axis) {
    for (int a = 0; a < t.axes().size(); a++) if (t.axes().get(a).name().equals(axis)) return t.x()[i][a];
    return axis.equals(t.metric()) ? t.y()[i] : Double.NaN;
  }
}
