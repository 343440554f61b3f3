package org.tunebench.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.tunebench.engine.TrialSnapshot;

/** Fixed-width text tables of trials, like Ray Tune's CLIReporter. */
final class TrialTable {
  private static final int MAX_PARAMS = 8;

  private TrialTable() {}

  static String render(List<TrialSnapshot> trials, String metric) {
    return render(trials, List.of(metric), null);
  }

  /**
   * With several objectives: each objective's last value, and a "pareto" column marking the trials of
   * {@code front} (indexes into {@code trials}) instead of one metric's best.
   */
  static String render(List<TrialSnapshot> trials, List<String> metrics, Set<Integer> front) {
    String metric = metrics.get(0);
    boolean multi = metrics.size() > 1;
    Set<String> params = new LinkedHashSet<>();
    for (TrialSnapshot t : trials) params.addAll(flatten(t.config()).keySet());
    List<String> shown = new ArrayList<>(params).subList(0, Math.min(MAX_PARAMS, params.size()));
    List<String> header = new ArrayList<>(List.of("trial", "status"));
    header.addAll(shown);
    header.addAll(List.of("iter", "total time (s)"));
    header.addAll(metrics);
    header.add(multi ? "pareto" : "best");
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < trials.size(); i++) {
      TrialSnapshot t = trials.get(i);
      List<String> r = new ArrayList<>(List.of(t.id(), t.status().name()));
      Map<String, Object> flat = flatten(t.config());
      for (String p : shown) r.add(format(flat.get(p)));
      r.add(Integer.toString(t.iteration()));
      r.add(String.format(Locale.ROOT, "%.1f", t.timeTotalS()));
      for (String m : metrics) r.add(format(t.lastResult() == null ? null : t.lastResult().get(m)));
      r.add(multi ? (front != null && front.contains(i) ? "*" : "") : format(t.best()));
      rows.add(r);
    }
    return box(header, rows);
  }

  static String box(List<String> header, List<List<String>> rows) {
    int[] w = new int[header.size()];
    for (int i = 0; i < w.length; i++) w[i] = header.get(i).length();
    for (List<String> r : rows) for (int i = 0; i < w.length; i++) w[i] = Math.max(w[i], r.get(i).length());
    StringBuilder line = new StringBuilder("+");
    for (int x : w) line.append("-".repeat(x + 2)).append('+');
    StringBuilder b = new StringBuilder();
    b.append(line).append('\n').append(row(header, w)).append('\n').append(line).append('\n');
    for (List<String> r : rows) b.append(row(r, w)).append('\n');
    b.append(line).append('\n');
    return b.toString();
  }

  private static String row(List<String> cells, int[] w) {
    StringBuilder b = new StringBuilder("|");
    for (int i = 0; i < w.length; i++) b.append(' ').append(String.format("%-" + w[i] + "s", cells.get(i))).append(" |");
    return b.toString();
  }

  static String format(Object v) {
    if (v == null) return "-";
    if (v instanceof Double d) {
      if (d.isNaN()) return "NaN";
      double a = Math.abs(d);
      return a != 0 && (a < 1e-3 || a >= 1e6) ? String.format(Locale.ROOT, "%.4g", d) : String.format(Locale.ROOT, "%.5g", d).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }
    if (v instanceof Float f) return format(f.doubleValue());
    return String.valueOf(v);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> flatten(Map<String, Object> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (m == null) return out;
    m.forEach((k, v) -> {
      if (v instanceof Map<?, ?> inner) flatten((Map<String, Object>) inner).forEach((k2, v2) -> out.put(k + "." + k2, v2));
      else out.put(k, v);
    });
    return out;
  }
}
