package org.tunebench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.model.TrialStatus;
import org.tunebench.store.StoredExperiment;

class TrialCsvTest {
  static final StoredExperiment EXP = new StoredExperiment(1, "e", "COMPLETED", "loss", "min", "{}", null, null,
      Instant.EPOCH, Instant.EPOCH, null, null, null);

  static TrialSnapshot trial(String id, TrialStatus s, Map<String, Object> cfg, Double loss, String error) {
    return new TrialSnapshot(id, 0, s, cfg, 3, loss == null ? null : Map.of("loss", loss), loss, 1, error, null,
        null, null, Instant.EPOCH, 0, null, null, null, null);
  }

  static List<TrialSnapshot> awkward() {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("lr", 0.1);
    nested.put("opt", Map.of("name", "adam, \"fast\""));
    return List.of(
        trial("00000", TrialStatus.TERMINATED, nested, 0.5, null),
        trial("00001", TrialStatus.ERRORED, Map.of("lr", 0.2), null,
            "java.lang.IllegalStateException: boom\n\n  at a.B.c(B.java:1)\n  \"quoted\", too"));
  }

  @Test void smallCaseIsExactlyThisText() {
    String csv = TrialCsv.write(EXP, List.of(trial("00000", TrialStatus.TERMINATED, Map.of("lr", 0.1), 0.5, null)));
    assertEquals("id,status,iterations,last_loss,best,retries,config.lr,error\n"
        + "00000,TERMINATED,3,0.5,0.5,1,0.1,\n", csv);
  }

  @Test void newlinesQuotesAndCommasSurviveARoundTrip() throws Exception {
    String csv = TrialCsv.write(EXP, awkward());
    CsvMapper reader = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    List<List<String>> rows;
    try (MappingIterator<List<String>> it = reader.readerForListOf(String.class).readValues(csv)) {
      rows = it.readAll();
    }
    assertEquals(3, rows.size(), csv);
    assertEquals(List.of("id", "status", "iterations", "last_loss", "best", "retries", "config.lr",
        "config.opt.name", "error"), rows.get(0));
    assertEquals("adam, \"fast\"", rows.get(1).get(7));
    assertEquals("", rows.get(2).get(7));
    assertEquals("java.lang.IllegalStateException: boom\n\n  at a.B.c(B.java:1)\n  \"quoted\", too",
        rows.get(2).get(8));
  }
}
