package org.tunebench.report;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.jfree.chart.JFreeChart;
import org.tunebench.app.analysis.AnalysisTable;
import org.tunebench.charts.AnalysisCharts;
import org.tunebench.charts.ChartFiles;
import org.tunebench.charts.ChartStyle;
import org.tunebench.charts.RunCharts;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.model.NumberText;
import org.tunebench.model.TrialStatus;
import org.tunebench.store.StoredExploit;

/**
 * One experiment as a single self-contained HTML file (charts as PNG data URIs, no scripts, no external files),
 * for people who do not run the workbench.
 */
public final class HtmlReport {
  static final int W = 760;
  static final int H = 420;

  private HtmlReport() {
  }

  public static String render(ReportData d) {
    ChartStyle s = ChartStyle.light();
    var e = d.experiment();
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Tunebench report: ")
        .append(esc(e.name())).append("</title>\n<style>").append(CSS).append("</style></head><body>\n");
    b.append("<h1>").append(esc(e.name())).append("</h1>\n");
    summary(d, b);
    best(d, b);
    b.append("<h2>Charts</h2>\n");
    for (JFreeChart c : charts(d, s)) {
      b.append("<figure><img alt=\"").append(esc(c.getTitle() == null ? "chart" : c.getTitle().getText()))
          .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(ChartFiles.png(c, W, H)))
          .append("\"></figure>\n");
    }
    exploits(d, b);
    trials(d, b);
    b.append("<footer>Written by tunebench report.</footer>\n</body></html>\n");
    return b.toString();
  }

  /** The charts a report shows, in order; the slices follow importance, most important first. */
  static List<JFreeChart> charts(ReportData d, ChartStyle s) {
    List<JFreeChart> out = new ArrayList<>();
    AnalysisTable t = d.table();
    org.tunebench.app.analysis.ParetoTable p = d.pareto();
    if (p != null && p.size() > 0) {
      int n = Math.min(p.objectives().size(), 3);
      for (int a = 0; a < n; a++) {
        for (int c = a + 1; c < n; c++) out.add(org.tunebench.charts.ParetoChart.of(p, a, c, p.objectives().size() == 2, null, s));
      }
    }
    double[] values = d.trials().stream().mapToDouble(x -> x.best() == null ? Double.NaN : x.best()).toArray();
    out.add(RunCharts.bestSoFar(List.of(new RunCharts.Run(d.experiment().name(), values)), t.metric(), d.mode(), s));
    List<RunCharts.Curve> curves = new ArrayList<>(d.curves());
    Map<String, Double> best = new TreeMap<>();
    for (TrialSnapshot x : d.trials()) if (x.best() != null) best.put(x.id(), x.best());
    curves.sort(Comparator.comparingDouble(c -> {
      Double v = best.get(c.id());
      return v == null || v.isNaN() ? Double.POSITIVE_INFINITY : d.mode().better(1, 0) ? -v : v;
    }));
    out.add(RunCharts.intermediate(curves, t.metric(), d.rungs(), Math.min(5, curves.size()), s));
    if (t.size() >= 2 && !t.axes().isEmpty()) {
      double[] imp = t.importance(1);
      out.add(AnalysisCharts.importance(t, imp, "all trials", s));
      Integer[] order = IntStream.range(0, imp.length).boxed().sorted(Comparator.comparingDouble(i -> -imp[i])).toArray(Integer[]::new);
      for (int k = 0; k < Math.min(6, order.length); k++) out.add(AnalysisCharts.slice(t, order[k], s));
      if (order.length >= 2) out.add(AnalysisCharts.contour(t, order[0], order[1], s));
      out.add(AnalysisCharts.parallel(t, 1000, s));
    }
    if (t.size() >= 1) out.add(AnalysisCharts.edf(t, s));
    if (!d.lineage().links().isEmpty()) out.add(org.tunebench.charts.LineageChart.of(d.lineage(), s));
    return out;
  }

  private static void summary(ReportData d, StringBuilder b) {
    var e = d.experiment();
    Map<TrialStatus, Integer> counts = new EnumMap<>(TrialStatus.class);
    for (TrialSnapshot t : d.trials()) counts.merge(t.status(), 1, Integer::sum);
    b.append("<table class=\"kv\">");
    row(b, "status", e.status());
    if (d.objectives().size() > 1) row(b, "objectives", org.tunebench.app.analysis.ParetoTable.label(d.objectives()));
    else row(b, "metric", e.metric() + " (" + d.mode().name().toLowerCase() + ")");
    row(b, "trials", d.trials().size() + (counts.isEmpty() ? "" : "  (" + String.join(", ",
        counts.entrySet().stream().map(x -> x.getValue() + " " + x.getKey().name().toLowerCase()).toList()) + ")"));
    row(b, "created", String.valueOf(e.createdAt()));
    row(b, "updated", String.valueOf(e.updatedAt()));
    b.append("</table>\n");
  }

  private static void best(ReportData d, StringBuilder b) {
    if (d.pareto() != null) {
      front(d, b);
      return;
    }
    TrialSnapshot t = d.best();
    b.append("<h2>Best trial</h2>\n");
    if (t == null) {
      b.append("<p>No trial has reported ").append(esc(d.experiment().metric())).append(" yet.</p>\n");
      return;
    }
    b.append("<table class=\"kv\">");
    row(b, "trial", t.id());
    row(b, d.experiment().metric(), num(t.best()));
    row(b, "iterations", Integer.toString(t.iteration()));
    for (var c : flat(t.config()).entrySet()) row(b, c.getKey(), num(c.getValue()));
    b.append("</table>\n");
  }

  /** Several objectives have no one best trial: the Pareto-optimal ones, each with its objectives and config. */
  private static void front(ReportData d, StringBuilder b) {
    var p = d.pareto();
    b.append("<h2>Pareto front</h2>\n");
    if (p.size() == 0) {
      b.append("<p>No trial has reported every objective (").append(esc(org.tunebench.app.analysis.ParetoTable.label(p.objectives())))
          .append(") yet.</p>\n");
      return;
    }
    b.append("<p>").append(p.frontSize()).append(" of ").append(p.size())
        .append(" trials are Pareto-optimal (no other trial's last result is as good in every objective and better in one).</p>\n");
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < p.size(); i++) if (p.onFront()[i]) for (String k : flat(p.configs().get(i)).keySet()) if (!keys.contains(k)) keys.add(k);
    b.append("<table class=\"front\"><tr><th>trial</th>");
    for (var o : p.objectives()) b.append("<th>").append(esc(o.metric() + " (" + o.mode().json() + ")")).append("</th>");
    for (String k : keys) b.append("<th>").append(esc(k)).append("</th>");
    b.append("</tr>\n");
    for (int i = 0; i < p.size(); i++) {
      if (!p.onFront()[i]) continue;
      Map<String, Object> c = flat(p.configs().get(i));
      b.append("<tr><td>").append(esc(p.ids().get(i))).append("</td>");
      for (double v : p.values()[i]) b.append("<td class=\"n\">").append(num(v)).append("</td>");
      for (String k : keys) b.append("<td>").append(esc(c.containsKey(k) ? num(c.get(k)) : "")).append("</td>");
      b.append("</tr>\n");
    }
    b.append("</table>\n");
  }

  private static void exploits(ReportData d, StringBuilder b) {
    if (d.exploits().isEmpty()) return;
    b.append("<h2>PBT exploits</h2>\n<table><tr><th>at</th><th>trial</th><th>copied from</th><th>new config</th></tr>\n");
    for (StoredExploit x : d.exploits()) {
      b.append("<tr><td>").append(esc(String.valueOf(x.at()))).append("</td><td>").append(esc(x.trialId()))
          .append("</td><td>").append(esc(x.donorId())).append("</td><td>").append(esc(configText(flat(x.newConfig()))))
          .append("</td></tr>\n");
    }
    b.append("</table>\n");
  }

  private static void trials(ReportData d, StringBuilder b) {
    List<String> keys = new ArrayList<>();
    for (TrialSnapshot t : d.trials()) for (String k : flat(t.config()).keySet()) if (!keys.contains(k)) keys.add(k);
    var objectives = d.objectives();
    var p = d.pareto();
    java.util.Set<String> front = p == null ? java.util.Set.of() : new java.util.HashSet<>(p.frontIds());
    b.append("<h2>Trials</h2>\n<table><tr><th>trial</th><th>status</th><th>iterations</th><th>best ")
        .append(esc(d.experiment().metric())).append("</th>");
    // several objectives: each one's last value (what the front is decided by) and the mark
    if (p != null) {
      for (var o : objectives) b.append("<th>last ").append(esc(o.metric())).append("</th>");
      b.append("<th>Pareto-optimal</th>");
    }
    for (String k : keys) b.append("<th>").append(esc(k)).append("</th>");
    b.append("</tr>\n");
    for (TrialSnapshot t : d.trials()) {
      Map<String, Object> c = flat(t.config());
      b.append("<tr><td>").append(esc(t.id())).append("</td><td>").append(t.status().name().toLowerCase())
          .append("</td><td class=\"n\">").append(t.iteration()).append("</td><td class=\"n\">")
          .append(t.best() == null ? "" : num(t.best())).append("</td>");
      if (p != null) {
        for (var o : objectives) {
          Object v = t.lastResult() == null ? null : t.lastResult().get(o.metric());
          b.append("<td class=\"n\">").append(v instanceof Number ? esc(num(v)) : "").append("</td>");
        }
        b.append("<td>").append(front.contains(t.id()) ? "yes" : "").append("</td>");
      }
      for (String k : keys) b.append("<td>").append(esc(c.containsKey(k) ? num(c.get(k)) : "")).append("</td>");
      b.append("</tr>\n");
    }
    b.append("</table>\n");
  }

  /**
   * A value as the workbench's trial table shows it: four significant digits, an integer-valued number without
   * ".0", so every table of the report reads the same number the same way.
   */
  static String num(Object v) {
    return v instanceof Number n && !(v instanceof Integer) && !(v instanceof Long) ? NumberText.format(n.doubleValue())
        : NumberText.any(v);
  }

  private static String configText(Map<String, Object> config) {
    return String.join(", ", config.entrySet().stream().map(e -> e.getKey() + "=" + num(e.getValue())).toList());
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> flat(Map<String, Object> m) {
    Map<String, Object> out = new TreeMap<>();
    if (m == null) return out;
    for (var e : m.entrySet()) {
      if (e.getValue() instanceof Map<?, ?> sub) {
        for (var f : flat((Map<String, Object>) sub).entrySet()) out.put(e.getKey() + "." + f.getKey(), f.getValue());
      } else {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  private static void row(StringBuilder b, String k, String v) {
    b.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>");
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static final String CSS = """
      body{font-family:system-ui,sans-serif;color:#1f2328;max-width:1000px;margin:24px auto;padding:0 16px}
      h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #e6eaef}
      table{border-collapse:collapse;font-size:13px}td,th{padding:3px 8px;border-bottom:1px solid #e6eaef;text-align:left}
      td.n{text-align:right;font-variant-numeric:tabular-nums}table.kv th{color:#59636e;font-weight:normal}
      figure{margin:12px 0}img{max-width:100%;border:1px solid #e6eaef}footer{margin-top:32px;color:#59636e;font-size:12px}
      """;
}
