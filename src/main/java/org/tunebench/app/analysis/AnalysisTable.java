package org.tunebench.app.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.tunebench.model.Categorical;
import org.tunebench.model.Domain;
import org.tunebench.model.ExperimentSpec.Mode;
import org.tunebench.model.NumericDomain;
import org.tunebench.model.SearchSpace;

/**
 * The trials with a metric as a matrix for analysis: one column per hyperparameter that varies (log domains in
 * log10, choices by index), the trial's best metric as the target. Built off the FX thread; immutable.
 */
public record AnalysisTable(List<ParamAxis> axes, String metric, Mode mode, double[][] x, double[] y, List<String> ids,
    List<Map<String, Object>> configs) {

  /** One trial as the table needs it: id, config (nested maps as stored) and best metric (null: none yet). */
  public record Trial(String id, Map<String, Object> config, Double best) {}

  public int size() {
    return y.length;
  }

  /**
   * Keeps the trials with a finite best metric, and the parameters of {@code space} that take two or more values
   * among them (constants explain nothing). Parameters found in configs but not in the space (a resumed spec
   * changed) are read as numbers or categories by what the values are.
   */
  public static AnalysisTable of(SearchSpace space, String metric, Mode mode, List<Trial> trials) {
    List<Trial> kept = trials.stream().filter(t -> t.best() != null && Double.isFinite(t.best())).toList();
    Map<String, Domain> domains = space == null ? Map.of() : space.domains();
    Set<String> names = new LinkedHashSet<>(domains.keySet());
    for (Trial t : kept) flatKeys("", t.config(), names);
    List<ParamAxis> axes = new ArrayList<>();
    for (String name : names) {
      Domain d = domains.get(name);
      // a conditional choice's value is its whole option; the option's own leaves (found in the configs) explain it
      if (d != null && (d.isConstant() || d instanceof org.tunebench.model.NestedChoice)) continue;
      String[] path = name.split("\\.");
      List<Object> values = kept.stream().map(t -> value(t.config(), path)).toList();
      if (!varies(values)) continue;
      axes.add(axis(name, d, values));
    }
    double[][] x = new double[kept.size()][axes.size()];
    String[][] paths = axes.stream().map(a -> a.name().split("\\.")).toArray(String[][]::new);
    double[] y = new double[kept.size()];
    List<String> ids = new ArrayList<>();
    List<Map<String, Object>> configs = new ArrayList<>();
    for (int i = 0; i < kept.size(); i++) {
      Trial t = kept.get(i);
      for (int j = 0; j < axes.size(); j++) x[i][j] = axes.get(j).encode(value(t.config(), paths[j]));
      y[i] = t.best();
      ids.add(t.id());
      configs.add(t.config());
    }
    return new AnalysisTable(List.copyOf(axes), metric, mode, x, y, List.copyOf(ids), List.copyOf(configs));
  }

  private static ParamAxis axis(String name, Domain d, List<Object> values) {
    if (d instanceof NumericDomain n) return new ParamAxis(name, n.isLog() ? ParamAxis.Scale.LOG : ParamAxis.Scale.LINEAR, List.of());
    if (d instanceof Categorical c && !c.values().stream().allMatch(v -> v instanceof Number)) {
      return new ParamAxis(name, ParamAxis.Scale.CATEGORICAL, c.values().stream().map(String::valueOf).toList());
    }
    if (values.stream().allMatch(v -> v == null || v instanceof Number)) return new ParamAxis(name, ParamAxis.Scale.LINEAR, List.of());
    return new ParamAxis(name, ParamAxis.Scale.CATEGORICAL,
        values.stream().filter(Objects::nonNull).map(String::valueOf).distinct().sorted().toList());
  }

  private static boolean varies(List<Object> values) {
    Object first = null;
    for (Object v : values) {
      if (v == null) continue;
      if (first == null) first = v;
      else if (!first.equals(v)) return true;
    }
    return false;
  }

  /** The value at a dotted path in a nested config, or null. */
  public static Object value(Map<String, Object> config, String path) {
    return value(config, path.split("\\."));
  }

  @SuppressWarnings("unchecked")
  static Object value(Map<String, Object> config, String[] path) {
    Object cur = config;
    for (String part : path) {
      if (!(cur instanceof Map<?, ?> m)) return null;
      cur = ((Map<String, Object>) m).get(part);
    }
    return cur;
  }

  @SuppressWarnings("unchecked")
  private static void flatKeys(String prefix, Map<String, Object> m, Set<String> out) {
    if (m == null) return;
    for (var e : m.entrySet()) {
      String k = prefix + e.getKey();
      if (e.getValue() instanceof Map<?, ?> sub) flatKeys(k + ".", (Map<String, Object>) sub, out);
      else out.add(k);
    }
  }

  /** Rows of the best {@code quantile} (0..1] of trials by the metric, e.g. 0.25 for the top quarter. */
  public AnalysisTable top(double quantile) {
    if (quantile >= 1 || size() == 0) return this;
    Integer[] order = new Integer[size()];
    for (int i = 0; i < order.length; i++) order[i] = i;
    Arrays.sort(order, (a, b) -> mode == Mode.MIN ? Double.compare(y[a], y[b]) : Double.compare(y[b], y[a]));
    int n = Math.max(2, (int) Math.ceil(size() * quantile));
    n = Math.min(n, size());
    double[][] tx = new double[n][];
    double[] ty = new double[n];
    List<String> tid = new ArrayList<>();
    List<Map<String, Object>> tc = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      tx[i] = x[order[i]];
      ty[i] = y[order[i]];
      tid.add(ids.get(order[i]));
      tc.add(configs.get(order[i]));
    }
    return new AnalysisTable(axes, metric, mode, tx, ty, List.copyOf(tid), List.copyOf(tc));
  }

  /** fANOVA importance per axis; missing values (NaN) are imputed with the column's mean. */
  public double[] importance(long seed) {
    if (size() < 3 || axes.isEmpty()) return new double[axes.size()];
    double[][] filled = new double[size()][];
    double[] mean = new double[axes.size()];
    int[] count = new int[axes.size()];
    for (double[] r : x) for (int j = 0; j < r.length; j++) if (!Double.isNaN(r[j])) { mean[j] += r[j]; count[j]++; }
    for (int j = 0; j < mean.length; j++) mean[j] = count[j] == 0 ? 0 : mean[j] / count[j];
    for (int i = 0; i < size(); i++) {
      filled[i] = x[i].clone();
      for (int j = 0; j < mean.length; j++) if (Double.isNaN(filled[i][j])) filled[i][j] = mean[j];
    }
    return Fanova.importance(filled, y, seed);
  }

  /** Index of the best trial by the metric, or -1. */
  public int best() {
    int b = -1;
    for (int i = 0; i < size(); i++) if (b < 0 || mode.better(y[i], y[b])) b = i;
    return b;
  }
}
