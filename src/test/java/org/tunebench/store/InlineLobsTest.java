package org.tunebench.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.model.TrialStatus;

/**
 * Migration V12: text values up to 16 KB stay in their row instead of H2's LOB storage (a result with a dozen
 * metrics is longer than H2's default of 256 bytes); longer ones still go there whole.
 */
class InlineLobsTest {
  @TempDir Path tmp;

  private static int inplaceLimit(Path file) throws Exception {
    String base = file.toString().replace(".mv.db", "");
    String pw = Files.readString(Path.of(base + ".password")).trim();
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + base, "sa", pw);
        ResultSet rs = c.createStatement().executeQuery(
            "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'MAX_LENGTH_INPLACE_LOB'")) {
      rs.next();
      return Integer.parseInt(rs.getString(1));
    }
  }

  @Test void aVersion11DatabaseKeepsLongerTextInItsRowsAndLongValuesWhole() throws Exception {
    Path base = tmp.resolve("v11");
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + base, "sa", "")) {
      Migrations.apply(c, 11);
    }
    Path file = tmp.resolve("v11.mv.db");
    String small = "a".repeat(2_000);
    String large = "b".repeat(40_000);
    try (ExperimentStore store = ExperimentStore.open(file)) {
      long id = store.create("e", "{}", null, "score", "max", tmp.resolve("experiments/e"));
      try (H2Journal j = store.journal(id)) {
        j.trialSaved(new TrialSnapshot("t1", 0, TrialStatus.RUNNING, Map.of("x", 1.0), 0, null, null, 0, null, null,
            "/nowhere/t1", null, Instant.now(), 0, null, null, null, List.of()));
        j.result("t1", 1, Map.of("score", 1.0, "note", small), Instant.now(), false, null);
        j.result("t1", 2, Map.of("score", 2.0, "note", large), Instant.now(), false, null);
        j.flush();
      }
      List<StoredResult> rs = store.results(id, "t1");
      assertEquals(small, rs.get(0).metrics().get("note"));
      assertEquals(large, rs.get(1).metrics().get("note"), "a value past the limit is kept whole");
    }
    assertEquals(16_384, inplaceLimit(file));
  }
}
