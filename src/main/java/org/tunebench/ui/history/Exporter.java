package org.tunebench.ui.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.store.ExperimentStore;
import org.tunebench.store.StoredExperiment;

/** Writes one experiment's trials as CSV (one row per trial, config flattened) or JSON (the `show` shape). */
public final class Exporter {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Exporter() {}

  public static String csv(StoredExperiment e, List<TrialSnapshot> trials) {
    Set<String> keys = new LinkedHashSet<>();
    for (TrialSnapshot t : trials) keys.addAll(t.config().keySet());
    StringBuilder b = new StringBuilder("id,status,iterations,best,retries,error");
    for (String k : keys) b.append(',').append(cell("config." + k));
    b.append('\n');
    for (TrialSnapshot t : trials) {
      b.append(cell(t.id())).append(',').append(t.status()).append(',').append(t.iteration()).append(',')
          .append(t.best() == null ? "" : t.best()).append(',').append(t.retries()).append(',').append(cell(t.error()));
      for (String k : keys) b.append(',').append(cell(t.config().get(k)));
      b.append('\n');
    }
    return b.toString();
  }

  static String cell(Object v) {
    if (v == null) return "";
    String s = String.valueOf(v);
    return s.matches(".*[,\"\\n].*") ? '"' + s.replace("\"", "\"\"") + '"' : s;
  }

  public static String json(StoredExperiment e, List<TrialSnapshot> trials) throws IOException {
    Map<String, Object> root = new LinkedHashMap<>();
    Map<String, Object> exp = new LinkedHashMap<>();
    exp.put("name", e.name());
    exp.put("status", e.status());
    exp.put("metric", e.metric());
    exp.put("mode", e.mode());
    root.put("experiment", exp);
    root.put("trials", trials.stream().map(t -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", t.id());
      m.put("status", t.status().name());
      m.put("config", t.config());
      m.put("iterations", t.iteration());
      m.put("last", t.lastResult());
      m.put("best", t.best());
      m.put("retries", t.retries());
      m.put("error", t.error());
      return m;
    }).toList());
    return JSON.writeValueAsString(root);
  }

  public static void write(ExperimentStore store, StoredExperiment e, Path file) throws IOException {
    List<TrialSnapshot> trials = store.trials(e.id());
    String text = file.getFileName().toString().endsWith(".csv") ? csv(e, trials) : json(e, trials);
    Files.writeString(file, text);
  }
}
