package org.tunebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunebench.store.ExperimentStore;

/** {@code --db} of the commands that only read or steer history: a mistyped path creates no database. */
class DbPathTest {
  @TempDir Path tmp;

  private static final List<List<String>> READERS = List.of(List.of("list"), List.of("show", "x"), List.of("report", "x"),
      List.of("pause", "x"), List.of("stop", "x"), List.of("resume", "x"));

  private static CliTest.Run cli(List<String> command, String... more) {
    return CliTest.cli(Stream.concat(command.stream(), Stream.of(more)).toArray(String[]::new));
  }

  private static void assertBadInput(CliTest.Run r, String... parts) {
    assertEquals(2, r.code(), r.out() + r.err());
    String line = r.err().strip();
    assertEquals(1, line.lines().count(), line);
    assertFalse(line.contains("Exception"), line);
    for (String p : parts) assertTrue(line.contains(p), "'" + line + "' names '" + p + "'");
  }

  private List<Path> files() throws Exception {
    try (Stream<Path> s = Files.walk(tmp)) {
      return s.filter(p -> !p.equals(tmp)).toList();
    }
  }

  @Test void aMissingDatabaseIsRefusedAndNotCreated() throws Exception {
    String db = tmp.resolve("x/sub/x").toString();
    for (List<String> c : READERS) {
      assertBadInput(cli(c, "--db", db), "no database at " + db + " (looked for " + db + ".mv.db)", "check --db");
      assertBadInput(cli(c, "--db", db + ".mv.db"), "no database at " + db + ".mv.db; run an experiment first");
    }
    assertEquals(List.of(), files(), "no folder or database was created");
  }

  @Test void aFolderOrAnotherFileIsNotTakenForADatabaseBesideIt() throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("runs"));
    Path json = Files.writeString(tmp.resolve("life.json"), "{}");
    for (List<String> c : READERS) {
      assertBadInput(cli(c, "--db", folder.toString()), folder + " is a folder; give a database file such as "
          + folder.resolve("tunebench.mv.db"));
      assertBadInput(cli(c, "--db", json.toString()), "no database at " + json + " (looked for " + json + ".mv.db)");
    }
    assertEquals(java.util.Set.of(folder, json), java.util.Set.copyOf(files()), "nothing was created");
  }

  @Test void anEmptyDbIsRefusedNotTakenForTheDefault() {
    for (List<String> c : READERS) assertBadInput(cli(c, "--db", ""), "--db: empty path", "leave --db out for the default");
    assertBadInput(CliTest.cli("run", tmp.resolve("spec.json").toString(), "--db", " "), "--db: empty path");
  }

  @Test void anExistingDatabaseIsNamedWithOrWithoutItsEnding() throws Exception {
    ExperimentStore.open(tmp.resolve("tb.mv.db")).close();
    for (String db : List.of("tb", "tb.mv.db")) {
      CliTest.Run r = CliTest.cli("list", "--db", tmp.resolve(db).toString());
      assertEquals(0, r.code(), r.err());
      assertEquals("", r.out());
    }
    assertBadInput(CliTest.cli("show", "nobody", "--db", tmp.resolve("tb").toString()), "no experiment 'nobody'");
  }

  /** On a new machine, list says there is nothing (exit 0) and creates nothing; show names the missing database. */
  @Test void withoutDbANewHomeListsNothing() throws Exception {
    Assumptions.assumeTrue(System.getenv("TUNEBENCH_HOME") == null, "the home folder comes from TUNEBENCH_HOME");
    String before = System.getProperty("tunebench.home");
    Path home = tmp.resolve("home");
    System.setProperty("tunebench.home", home.toString());
    try {
      CliTest.Run list = CliTest.cli("list");
      assertEquals(0, list.code(), list.err());
      assertEquals("", list.out());
      assertFalse(Files.exists(home.resolve("tunebench.mv.db")));
      assertBadInput(CliTest.cli("show", "x"), "no database at " + home.resolve("tunebench.mv.db"), "or give --db");
      assertFalse(Files.exists(home.resolve("tunebench.mv.db")));
    } finally {
      if (before == null) System.clearProperty("tunebench.home");
      else System.setProperty("tunebench.home", before);
    }
  }
}
