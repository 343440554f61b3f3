package org.tunebench.charts;

import java.util.Map;
import java.util.TreeMap;
import org.tunebench.app.analysis.AnalysisTable;

/** Hover text for one trial: its id, the metric at full precision and its whole config. */
public final class TrialTips {
  private TrialTips() {
  }

  /** A config as hover lines, {@code key = value}, nested keys dotted, sorted. */
  public static String configText(Map<String, Object> config) {
    StringBuilder b = new StringBuilder();
    flat("", config, b);
    return b.toString().strip();
  }

  public static String of(AnalysisTable t, int row) {
    StringBuilder b = new StringBuilder(t.ids().get(row)).append('\n')
        .append(t.metric()).append(" = ").append(t.y()[row]);
    flat("", t.configs().get(row), b);
    return b.toString();
  }

  /** As above for a trial of several objectives: each objective's value, then the config. */
  public static String of(org.tunebench.app.analysis.ParetoTable t, int row) {
    StringBuilder b = new StringBuilder(t.ids().get(row));
    // the first line stays the bare id: a click on the dot selects the trial by it
    b.append('\n').append(t.onFront()[row] ? "on the Pareto front" : "dominated");
    for (int k = 0; k < t.objectives().size(); k++) {
      var o = t.objectives().get(k);
      b.append('\n').append(o.metric()).append(" = ").append(t.values()[row][k]).append(" (").append(o.mode().json()).append(')');
    }
    flat("", t.configs().get(row), b);
    return b.toString();
  }

  @SuppressWarnings("unchecked")
  private static void flat(String prefix, Map<String, Object> m, StringBuilder b) {
    if (m == null) return;
    for (var e : new TreeMap<>(m).entrySet()) {
      if (e.getValue() instanceof Map<?, ?> sub) flat(prefix + e.getKey() + ".", (Map<String, Object>) sub, b);
      else b.append('\n').append(prefix).append(e.getKey()).append(" = ").append(e.getValue());
    }
  }
}
