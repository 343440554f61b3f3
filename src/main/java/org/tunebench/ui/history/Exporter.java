package org.tunebench.ui.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tunebench.app.TrialCsv;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.store.ExperimentStore;
import org.tunebench.store.StoredExperiment;

/** Writes one experiment's trials as CSV (one row per trial, config flattened) or JSON (the `show` shape). */
public final class Exporter {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Exporter() {}

  /** The same CSV as {@code show --format csv}. */
  public static String csv(StoredExperiment e, List<TrialSnapshot> trials) {
    return TrialCsv.write(e, trials);
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
    write(e, store.trials(e.id()), file);
  }

  /** CSV when the file name ends in .csv, otherwise JSON. */
  public static void write(StoredExperiment e, List<TrialSnapshot> trials, Path file) throws IOException {
    String text = file.getFileName().toString().endsWith(".csv") ? csv(e, trials) : json(e, trials);
    Files.writeString(file, text);
  }
}
