package org.tunebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code tunebench init} writes a project that Maven builds (its unit test included) and {@code tunebench run}
 * runs unchanged. Needs the api jar in the local Maven repository: the verify lifecycle installs it (invoker's
 * install goal) before integration tests run.
 */
class InitProjectIT {
  @TempDir static Path home;
  @TempDir Path tmp;

  record Cli(int exit, String out, String err) {}

  @BeforeAll static void quietHome() {
    System.setProperty("tunebench.home", home.toString());
  }

  static Cli cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = TunebenchMain.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Cli(code, out.toString(), err.toString());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"--class", "--function"})
  void theNewProjectBuildsWithMavenAndRunsUnchanged(String kind) throws Exception {
    Path project = tmp.resolve("My Model" + kind);
    Cli init = cli("init", project.toString(), kind);
    assertEquals(0, init.exit(), init.err());
    String artifact = "my-model-" + kind.substring(2);
    java.util.regex.Matcher next = java.util.regex.Pattern.compile("&& mvn package && (.+) run " + artifact + "\\.json").matcher(init.out());
    assertTrue(next.find(), init.out());
    // run from a JAR without tunebench on the PATH: the printed command names that JAR, which exists
    if (next.group(1).startsWith("java -jar ")) {
      assertTrue(Files.isRegularFile(Path.of(next.group(1).substring("java -jar ".length()).replace("'", ""))), init.out());
    }

    Process mvn = new ProcessBuilder(List.of("mvn", "-B", "-o", "-q", "package")).directory(project.toFile())
        .redirectErrorStream(true).start();
    String built = new String(mvn.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(mvn.waitFor(5, TimeUnit.MINUTES), "mvn package did not finish");
    assertEquals(0, mvn.exitValue(), "mvn package failed:\n" + built);
    Path jar = project.resolve("target/" + artifact + "-trainable.jar");
    assertTrue(Files.isRegularFile(jar), jar + " missing");
    assertTrue(Files.isRegularFile(project.resolve("target/surefire-reports")
        .resolve(Files.list(project.resolve("target/surefire-reports")).filter(p -> p.toString().endsWith(".txt"))
            .findFirst().orElseThrow())), "the unit test did not run");

    Cli inspect = cli("inspect", jar.toString());
    assertEquals(0, inspect.exit(), inspect.err());
    assertTrue(inspect.out().contains(kind.equals("--class") ? "class API" : "function API"), inspect.out());

    Cli run = cli("run", project.resolve(artifact + ".json").toString(), "--db", tmp.resolve("db").toString());
    assertEquals(0, run.exit(), run.out() + run.err());
    assertTrue(run.out().contains("Experiment " + artifact + " COMPLETED: 4 trials, 0 errored."), run.out());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"keep.txt"})
  void aNonEmptyFolderIsRefusedAndLeftAlone(String existing) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("taken"));
    Files.writeString(dir.resolve(existing), "mine");
    Cli init = cli("init", dir.toString());
    assertEquals(2, init.exit());
    assertEquals("tunebench: init: " + dir + " is not empty; give a new or empty folder (nothing was written)",
        init.err().strip());
    try (var files = Files.list(dir)) {
      assertEquals(List.of(dir.resolve(existing)), files.toList());
    }
    assertEquals("mine", Files.readString(dir.resolve(existing)));
  }
}
