package org.tunebench.ui.compare;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.tunebench.app.analysis.AnalysisTable;

/** The best trial's config of each experiment side by side, one row per parameter, flagged where they differ. */
public record BestConfigDiff(List<String> experiments, List<Row> rows) {
  public record Row(String param, List<Object> values, boolean differs) {}

  public static BestConfigDiff of(List<String> names, List<AnalysisTable> tables) {
    List<Map<String, Object>> best = new ArrayList<>();
    Set<String> keys = new LinkedHashSet<>();
    for (AnalysisTable t : tables) {
      int b = t.best();
      Map<String, Object> flat = new java.util.TreeMap<>();
      if (b >= 0) flatten("", t.configs().get(b), flat);
      best.add(flat);
      keys.addAll(flat.keySet());
    }
    List<Row> rows = new ArrayList<>();
    List<Object> metric = new ArrayList<>();
    for (AnalysisTable t : tables) metric.add(t.best() < 0 ? null : t.y()[t.best()]);
    rows.add(new Row("best " + (tables.isEmpty() ? "metric" : tables.get(0).metric()), metric, metric.stream().distinct().count() > 1));
    List<Object> ids = new ArrayList<>();
    for (AnalysisTable t : tables) ids.add(t.best() < 0 ? null : t.ids().get(t.best()));
    rows.add(new Row("trial", ids, false));
    for (String k : keys) {
      List<Object> v = best.stream().map(m -> m.get(k)).toList();
      rows.add(new Row(k, v, v.stream().map(x -> Objects.toString(x)).distinct().count() > 1));
    }
    return new BestConfigDiff(List.copyOf(names), List.copyOf(rows));
  }

  @SuppressWarnings("unchecked")
  private static void flatten(String prefix, Map<String, Object> m, Map<String, Object> out) {
    if (m == null) return;
    for (var e : m.entrySet()) {
      if (e.getValue() instanceof Map<?, ?> sub) flatten(prefix + e.getKey() + ".", (Map<String, Object>) sub, out);
      else out.put(prefix + e.getKey(), e.getValue());
    }
  }
}
