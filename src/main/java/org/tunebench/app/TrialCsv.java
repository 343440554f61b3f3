package org.tunebench.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.store.StoredExperiment;

/**
 * The one CSV form of an experiment's trials, shared by {@code show --format csv} and the workbench export:
 * one row per trial, nested config flattened to {@code config.a.b} columns, quoting left to Jackson's CSV
 * writer so values with commas, quotes or newlines survive a round trip.
 */
public final class TrialCsv {
  private static final CsvMapper CSV = new CsvMapper();

  private TrialCsv() {}

  /** With several objectives, a {@code last_} column for each and a {@code pareto} column (true on the front). */
  public static String write(StoredExperiment e, List<TrialSnapshot> trials) {
    List<String> metrics = Objectives.of(e.spec(), e.metric(), e.mode()).stream()
        .map(org.tunebench.model.ExperimentSpec.Objective::metric).toList();
    Set<Integer> front = Objectives.front(Objectives.of(e.spec(), e.metric(), e.mode()), trials);
    Set<String> params = new LinkedHashSet<>();
    for (TrialSnapshot t : trials) params.addAll(flatten(t.config()).keySet());
    List<String> header = new ArrayList<>(List.of("id", "status", "iterations"));
    for (String m : metrics) header.add("last_" + m);
    header.addAll(List.of("best", "retries"));
    if (front != null) header.add("pareto");
    for (String p : params) header.add("config." + p);
    header.add("error");
    List<List<String>> rows = new ArrayList<>();
    rows.add(header);
    for (int i = 0; i < trials.size(); i++) {
      TrialSnapshot t = trials.get(i);
      List<String> row = new ArrayList<>();
      row.add(t.id());
      row.add(t.status().name());
      row.add(Integer.toString(t.iteration()));
      for (String m : metrics) row.add(t.lastResult() == null ? "" : plain(t.lastResult().get(m)));
      row.add(plain(t.best()));
      row.add(Integer.toString(t.retries()));
      if (front != null) row.add(Boolean.toString(front.contains(i)));
      Map<String, Object> flat = flatten(t.config());
      for (String p : params) row.add(plain(flat.get(p)));
      row.add(plain(t.error()));
      rows.add(row);
    }
    try {
      return CSV.writer(CsvSchema.emptySchema().withLineSeparator("\n")).writeValueAsString(rows);
    } catch (JsonProcessingException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  private static String plain(Object v) {
    return v == null ? "" : String.valueOf(v);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> flatten(Map<String, Object> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (m == null) return out;
    m.forEach((k, v) -> {
      if (v instanceof Map<?, ?> inner) {
        flatten((Map<String, Object>) inner).forEach((k2, v2) -> out.put(k + "." + k2, v2));
      } else {
        out.put(k, v);
      }
    });
    return out;
  }
}
