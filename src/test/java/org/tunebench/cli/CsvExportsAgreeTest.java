package org.tunebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.model.TrialStatus;
import org.tunebench.store.StoredExperiment;
import org.tunebench.ui.history.Exporter;

/** {@code show --format csv} and the workbench's History export write the same bytes for the same trials. */
class CsvExportsAgreeTest {
  @TempDir Path tmp;

  @Test void showAndWorkbenchExportAgreeOnAwkwardValues() throws Exception {
    StoredExperiment e = new StoredExperiment(1, "e", "COMPLETED", "acc", "max", "{}", null, null, Instant.EPOCH,
        Instant.EPOCH, null, null, null);
    List<TrialSnapshot> trials = List.of(
        new TrialSnapshot("00000", 0, TrialStatus.TERMINATED, ordered("depth", 3, "tag", "a,b"), 5,
            Map.of("acc", 0.9), 0.91, 0, null, null, null, null, Instant.EPOCH, 1.5, null, null, null, null),
        new TrialSnapshot("00001", 1, TrialStatus.ERRORED, Map.of("depth", 4), 1, null, null, 2,
            "line one\n\nline \"three\"", null, null, null, Instant.EPOCH, 0.1, null, null, null, null));
    String show = ShowCommand.csv(e, trials);
    Path file = tmp.resolve("e.csv");
    Exporter.write(e, trials, file);
    assertEquals(show, Files.readString(file));
    assertEquals(show, Exporter.csv(e, trials));
    assertEquals("id,status,iterations,last_acc,best,retries,config.depth,config.tag,error\n"
        + "00000,TERMINATED,5,0.9,0.91,0,3,\"a,b\",\n"
        + "00001,ERRORED,1,,,2,4,,\"line one\n\nline \"\"three\"\"\"\n", show);
  }

  private static Map<String, Object> ordered(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }
}
