package org.tunebench.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunebench.testkit.OpenPorts;

/** The database, its lock and password files are the user's alone; its server listens on loopback only. */
class DatabasePrivacyTest {
  @TempDir Path tmp;

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test void filesArePrivateAndTheServerListensOnLoopbackWithAPassword() throws Exception {
    Path db = tmp.resolve("a/b/tb.mv.db");
    try (ExperimentStore store = ExperimentStore.open(db)) {
      store.create("x", "{}", null, "m", "max", tmp);
      assertTrue(store.hostsDatabase(), "the first to open it hosts it");
      assertEquals("rwx------", mode(tmp.resolve("a")));
      assertEquals("rwx------", mode(tmp.resolve("a/b")));
      assertEquals("rw-------", mode(db));
      assertEquals("rw-------", mode(tmp.resolve("a/b/tb.password")));
      assertEquals("rw-------", mode(tmp.resolve("a/b/tb.trace.db")), "H2 logs failed logins there");
      Path lock = tmp.resolve("a/b/tb.lock.db");
      assertEquals("rw-------", mode(lock));
      Properties p = new Properties();
      try (var in = Files.newInputStream(lock)) {
        p.load(in);
      }
      assertNotNull(p.getProperty("server"), "the auto server is on: " + p);
      String server = p.getProperty("server");
      assertTrue(server.startsWith("127.0.0.1:") || server.startsWith("localhost:"), server);
      if (OpenPorts.available()) {
        List<String> ports = OpenPorts.listening(ProcessHandle.current().pid());
        assertFalse(ports.isEmpty(), "the auto server listens");
        for (String port : ports) assertTrue(OpenPorts.isLoopback(port), "listening on " + port);
      }
      // the old credential no longer opens it
      String url = "jdbc:h2:file:" + tmp.resolve("a/b/tb") + ";AUTO_SERVER=TRUE";
      assertThrows(java.sql.SQLException.class, () -> DriverManager.getConnection(url, "sa", "").close());
    }
  }

  @Test void aDatabaseMadeWithTheOldEmptyPasswordGetsARandomOne() throws Exception {
    Path base = tmp.resolve("old");
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + base, "sa", "")) {
      Migrations.apply(c);
    }
    try (ExperimentStore store = ExperimentStore.open(tmp.resolve("old.mv.db"))) {
      store.create("kept", "{}", null, "m", "max", tmp);
    }
    String pw = Files.readString(tmp.resolve("old.password")).strip();
    assertEquals(48, pw.length());
    try (ExperimentStore store = ExperimentStore.open(tmp.resolve("old.mv.db"))) {
      assertTrue(store.exists("kept"));
    }
    assertThrows(java.sql.SQLException.class,
        () -> DriverManager.getConnection("jdbc:h2:file:" + base, "sa", "").close());
  }

  @Test void aVersion3DatabaseKeepsItsExperimentsAndFoldersAndGainsUidsAndSteering() throws Exception {
    Path base = tmp.resolve("v3");
    Path oldFolder = tmp.resolve("experiments/old");
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + base, "sa", "")) {
      Migrations.apply(c, 3);
      try (var s = c.createStatement()) {
        s.execute("INSERT INTO experiment(name, status, metric, mode, spec, home_dir, created_at, updated_at)"
            + " VALUES ('old', 'INTERRUPTED', 'm', 'max', '{}', '" + oldFolder + "', NOW(), NOW())");
      }
    }
    // what a kill during an earlier upgrade leaves beside the untouched original
    Files.writeString(tmp.resolve("v3.upgrading.mv.db"), "H:2,half upgraded");
    try (ExperimentStore store = ExperimentStore.open(tmp.resolve("v3.mv.db"))) {
      assertFalse(Files.exists(tmp.resolve("v3.upgrading.mv.db")), "upgraded on a copy that replaced it");
      StoredExperiment e = store.find("old").orElseThrow();
      assertEquals(oldFolder.toString(), e.homeDir(), "an old experiment keeps its folder");
      long cmd = store.requestCommand(e.id(), "pause", List.of("00001"), "me");
      assertTrue(store.answerCommand(cmd, StoredCommand.DONE, "ok"));
      assertEquals(StoredCommand.DONE, store.command(cmd).orElseThrow().outcome());
      long id = store.create("new", TunebenchHome.newExperimentUid(), "{}", null, "m", "max", tmp.resolve("x"));
      assertTrue(id > e.id());
    }
  }

  @Test void aNewDatabaseAppearsWholeAndALeftoverOfAKilledCreationIsIgnored() throws Exception {
    // what a kill part-way through an earlier creation leaves: a half-built temporary and an empty file
    Files.writeString(tmp.resolve("fresh.creating.mv.db"), "H:2,half built");
    Files.createFile(tmp.resolve("fresh.mv.db"));
    try (ExperimentStore store = ExperimentStore.open(tmp.resolve("fresh.mv.db"))) {
      store.create("x", "{}", null, "m", "max", tmp);
      assertTrue(store.exists("x"));
    }
    assertFalse(Files.exists(tmp.resolve("fresh.creating.mv.db")), "the temporary is gone");
    assertEquals("rw-------", mode(tmp.resolve("fresh.mv.db")));
    try (ExperimentStore store = ExperimentStore.open(tmp.resolve("fresh.mv.db"))) {
      assertTrue(store.exists("x"), "it opens again with its history");
    }
  }

  @Test void pathsThatCannotHoldADatabaseAreNamed() throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("folder.mv.db"));
    assertTrue(assertThrows(DatabaseUnusableException.class, () -> ExperimentStore.open(folder)).getMessage()
        .contains("is a folder"));
    Path text = Files.writeString(tmp.resolve("notes.mv.db"), "just some notes\n");
    assertTrue(assertThrows(DatabaseUnusableException.class, () -> ExperimentStore.open(text)).getMessage()
        .contains("not a Tunebench database"));
    Path underFile = tmp.resolve("notes.mv.db/inner.mv.db");
    assertTrue(assertThrows(DatabaseUnusableException.class, () -> ExperimentStore.open(underFile)).getMessage()
        .contains("is a file, not a folder"));
    assertEquals("just some notes\n", Files.readString(text), "nothing already there is touched");
  }

  @Test void anUnwritableFolderIsNamed() throws Exception {
    assumeTrue(!"root".equals(System.getProperty("user.name")), "root writes everywhere");
    Path ro = Files.createDirectories(tmp.resolve("ro"));
    Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-x------"));
    try {
      assertTrue(assertThrows(DatabaseUnusableException.class, () -> ExperimentStore.open(ro.resolve("x.mv.db")))
          .getMessage().contains("no write access"));
    } finally {
      Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test void concurrentFirstOpensCreateOneDatabase() throws Exception {
    Path db = tmp.resolve("race/tb.mv.db");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> opens = new java.util.ArrayList<>();
      for (int i = 0; i < 4; i++) {
        int n = i;
        opens.add(pool.submit(() -> {
          try (ExperimentStore s = ExperimentStore.open(db)) {
            s.create("e" + n, "{}", null, "m", "max", tmp);
            return true;
          }
        }));
      }
      for (Future<Boolean> f : opens) assertTrue(f.get());
    } finally {
      pool.shutdownNow();
    }
    try (ExperimentStore s = ExperimentStore.open(db)) {
      assertEquals(4, s.list().size());
    }
  }

  @Test void oneOwnerAtATimeAndTheLockNamesIt() throws Exception {
    Path dir = tmp.resolve("experiments/e-1234abcd");
    OwnerLock.Result first = OwnerLock.acquire(dir);
    assertNotNull(first.lock());
    assertEquals("rwx------", mode(dir));
    assertEquals("rw-------", mode(dir.resolve("owner.lock")));
    OwnerLock.Result second = OwnerLock.acquire(dir);
    assertEquals(null, second.lock());
    assertEquals(OwnerLock.me(), second.owner());
    assertEquals(OwnerLock.me(), OwnerLock.liveOwner(dir).orElseThrow());
    first.lock().close();
    assertTrue(OwnerLock.liveOwner(dir).isEmpty());
    OwnerLock.Result third = OwnerLock.acquire(dir);
    assertNotNull(third.lock());
    third.lock().close();
  }

  /**
   * A probe (list, show, the workbench's history) of an experiment nobody owns writes nothing: the lock file
   * still names its last owner, and the next owner takes the lock.
   */
  @Test void aProbeOfAFreeLockLeavesItAsItWas() throws Exception {
    Path dir = tmp.resolve("experiments/e-probe");
    OwnerLock.acquire(dir).lock().close();
    Path file = dir.resolve("owner.lock");
    Files.writeString(file, "4242@elsewhere"); // as a killed owner left it
    assertTrue(OwnerLock.liveOwner(dir).isEmpty());
    assertEquals("4242@elsewhere", Files.readString(file));
    OwnerLock.Result next = OwnerLock.acquire(dir);
    assertNotNull(next.lock());
    assertEquals(OwnerLock.me(), Files.readString(file));
    next.lock().close();
  }

  @Test void experimentFoldersAreKeyedByTheUid() {
    Path db = tmp.resolve("tb.mv.db");
    Path a = TunebenchHome.experimentDir(db, "same", TunebenchHome.newExperimentUid());
    Path b = TunebenchHome.experimentDir(db, "same", TunebenchHome.newExperimentUid());
    assertFalse(a.equals(b));
    assertTrue(a.getFileName().toString().startsWith("same-"));
    String longName = "é".repeat(200);
    Path c = TunebenchHome.experimentDir(db, longName, TunebenchHome.newExperimentUid());
    assertTrue(c.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 255);
  }
}
