package org.tunebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunebench.testkit.EngineHarness;
import org.tunebench.testkit.TestJars;
import org.tunebench.wire.Wire;

/** The command line as a user drives it: exit codes, one-line errors, the show formats. */
class CliTest {
  @TempDir static Path jars;
  static Path fixture;
  static Path empty;

  @TempDir Path tmp;

  record Run(int code, String out, String err) {}

  @BeforeAll static void buildJars() throws Exception {
    fixture = TestJars.build(jars, "fixture", "fixture.jar", List.of("fixture.Scripted", "fixture.ScriptedFunction"));
    empty = TestJars.build(jars, "fixture", "no-trainables.jar", List.of());
  }

  static Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = TunebenchMain.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(code, out.toString(), err.toString());
  }

  private ObjectNode spec(String name) {
    ObjectNode s = EngineHarness.spec(fixture, "fixture.Scripted", name);
    s.putObject("stop").put("training_iteration", 3);
    s.with("space").putObject("slope").putArray("uniform").add(0.5).add(2.0);
    s.put("numSamples", 2);
    return s;
  }

  private Path write(ObjectNode spec) throws Exception {
    Path f = tmp.resolve(spec.path("name").asText() + ".json");
    Files.writeString(f, Wire.JSON.writeValueAsString(spec));
    return f;
  }

  private String db() {
    return tmp.resolve("db/tb").toString();
  }

  private void assertBadInput(Run r, String... parts) {
    assertEquals(2, r.code(), r.err());
    String line = r.err().strip();
    assertFalse(line.contains("\n"), "one line: " + line);
    assertFalse(line.contains("Exception"), "no stack trace or exception class: " + line);
    for (String p : parts) assertTrue(line.contains(p), "'" + line + "' names '" + p + "'");
  }

  private Run runWith(Consumer<ObjectNode> change) throws Exception {
    ObjectNode s = spec("bad");
    change.accept(s);
    return cli("run", write(s).toString(), "--db", db());
  }

  @Test void runShowListAndInspectFollowTheContract() throws Exception {
    Run run = cli("run", write(spec("good")).toString(), "--db", db());
    assertEquals(0, run.code(), run.err() + run.out());
    assertTrue(run.out().contains("Best trial"), run.out());
    Run show = cli("show", "good", "--db", db(), "--format", "json");
    assertEquals(0, show.code(), show.err());
    JsonNode j = Wire.JSON.readTree(show.out());
    JsonNode e = j.path("experiment");
    assertEquals("good", e.path("name").asText());
    assertEquals("score", e.path("metric").asText());
    assertEquals("max", e.path("mode").asText());
    assertEquals("COMPLETED", e.path("status").asText());
    assertEquals(2, j.path("trials").size());
    for (JsonNode t : j.path("trials")) {
      for (String k : List.of("id", "status", "config", "iterations", "last", "best", "retries", "error")) {
        assertTrue(t.has(k), "trial field " + k + " in " + t);
      }
      assertEquals("TERMINATED", t.path("status").asText());
      assertEquals(3, t.path("iterations").asInt());
      assertEquals(3, t.path("last").path("training_iteration").asInt());
      assertTrue(t.path("config").path("slope").isNumber());
      assertEquals(t.path("config").path("slope").asDouble() * 3, t.path("best").asDouble(), 1e-9);
      assertTrue(t.path("error").isNull());
    }
    Run csv = cli("show", "good", "--db", db(), "--format", "csv");
    assertTrue(csv.out().startsWith("id,status,iterations,last_score,best,retries,config.slope,error"), csv.out());
    assertEquals(3, csv.out().strip().split("\n").length);
    Run list = cli("list", "--db", db());
    // err too: under load this printed nothing when H2's compaction at close failed (see ExperimentStore.open)
    assertTrue(list.out().startsWith("good\tCOMPLETED\t2 trials"), "code " + list.code() + " out: " + list.out() + " err: " + list.err());
    Run inspect = cli("inspect", fixture.toString());
    assertEquals(0, inspect.code());
    assertTrue(inspect.out().contains("fixture.Scripted\tclass API"), inspect.out());
    assertTrue(inspect.out().contains("fixture.ScriptedFunction\tfunction API"), inspect.out());
  }

  @Test void aTakenNameIsRefusedWithHowToGoOn() throws Exception {
    Path f = write(spec("twice"));
    assertEquals(0, cli("run", f.toString(), "--db", db()).code());
    assertBadInput(cli("run", f.toString(), "--db", db()), "'twice' already exists", "(COMPLETED)", "--name");
    assertEquals(0, cli("run", f.toString(), "--db", db(), "--name", "twice-again").code());
  }

  /** A finished experiment stays finished: resume refuses it, and its status and trials stay as they were. */
  @Test void aFinishedExperimentIsNotResumed() throws Exception {
    assertEquals(0, cli("run", write(spec("done")).toString(), "--db", db()).code());
    String before = cli("show", "done", "--db", db(), "--format", "json").out();
    assertBadInput(cli("resume", "done", "--db", db()), "done is COMPLETED (finished); nothing to resume");
    assertBadInput(cli("pause", "done", "--db", db()), "not running in any process (status COMPLETED); nothing to pause");
    assertFalse(cli("pause", "done", "--db", db()).err().contains("tunebench resume"), "no advice to resume it");
    assertEquals(before, cli("show", "done", "--db", db(), "--format", "json").out());
  }

  @Test void showMarksTheParetoFrontOfAMultiObjectiveExperiment() throws Exception {
    ObjectNode s = spec("pareto");
    s.putArray("metric").add("score").add("counter");
    s.putArray("mode").add("max").add("min");
    s.with("space").putObject("slope").putArray("grid").add(1).add(2);
    s.put("numSamples", 1);
    s.put("maxConcurrentTrials", 1);
    assertEquals(0, cli("run", write(s).toString(), "--db", db()).code());
    JsonNode j = Wire.JSON.readTree(cli("show", "pareto", "--db", db(), "--format", "json").out());
    // both reach counter 3; slope 2 scores 6 against 3, so it alone is on the front
    assertFalse(j.path("trials").get(0).path("pareto").asBoolean(), j.toString());
    assertTrue(j.path("trials").get(1).path("pareto").asBoolean(), j.toString());
    // every objective in every output, not only the first
    assertEquals("[{\"metric\":\"score\",\"mode\":\"max\"},{\"metric\":\"counter\",\"mode\":\"min\"}]",
        j.path("experiment").path("objectives").toString());
    List<String> csv = cli("show", "pareto", "--db", db(), "--format", "csv").out().lines().toList();
    assertTrue(csv.get(0).startsWith("id,status,iterations,last_score,last_counter,best,retries,pareto,"), csv.get(0));
    assertTrue(csv.get(1).contains(",false,") && csv.get(2).contains(",true,"), csv.toString());
    assertTrue(cli("list", "--db", db()).out().contains("\tscore max, counter min\t"), "list names both objectives");
  }

  @Test void erroredTrialsGiveExitCodeOne() throws Exception {
    Run r = runWith(s -> s.with("space").put("fail_at", 2));
    assertEquals(1, r.code(), r.err());
    assertTrue(r.err().contains("ERRORED: java.lang.IllegalArgumentException: boom at 2 (in step)"), r.err());
  }

  /** A failed attempt that is retried and then succeeds is reported as a failure and its retry, never as ERRORED. */
  @Test void aRetriedFailureIsNotReportedAsErrored() throws Exception {
    Run r = runWith(s -> {
      s.with("space").put("fail_once_at", 2).put("once_key", java.util.UUID.randomUUID().toString());
      s.put("numSamples", 1);
      s.putObject("failure").put("maxRetries", 1);
    });
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("Trial 00000 failed: ") && r.err().contains("; retry 1 of 1"), r.err());
    assertFalse(r.err().contains("ERRORED"), r.err());
  }

  @Test void badJarsAreOneLineErrors() throws Exception {
    Path text = Files.writeString(tmp.resolve("notes.jar"), "not a zip");
    assertBadInput(runWith(s -> s.with("trainable").put("jar", text.toString())), "not a JAR file (it cannot be opened as a zip): notes.jar");
    assertBadInput(runWith(s -> s.with("trainable").put("jar", tmp.resolve("missing.jar").toString())),
        "JAR not found", "missing.jar");
    assertBadInput(runWith(s -> s.with("trainable").put("jar", empty.toString()).remove("class")),
        "no-trainables.jar offers no trainables", "Tunebench-Trainables");
    assertBadInput(runWith(s -> s.with("trainable").put("class", "fixture.Nope")),
        "class fixture.Nope is not in fixture.jar", "fixture.Scripted");
    assertBadInput(runWith(s -> s.with("trainable").put("class", "fixture.NotATrainable")),
        "fixture.NotATrainable", "neither org.tunebench.api.Trainable nor org.tunebench.api.TrainFunction");
    assertBadInput(runWith(s -> s.with("trainable").remove("class")), "offers 2 trainables", "trainable.class");
    assertBadInput(cli("inspect", text.toString()), "not a JAR file");
  }

  @Test void badSpecsNameTheFieldAndWhatIsAllowed() throws Exception {
    assertBadInput(runWith(s -> s.put("numSampels", 3)), "$.numSampels", "numSamples");
    assertBadInput(runWith(s -> s.with("space").putObject("lr").putArray("uniform").add(1.0).add(0.1)),
        "$.space.lr");
    assertBadInput(runWith(s -> s.with("space").putObject("opt").putArray("choice")), "$.space.opt");
    assertBadInput(runWith(s -> s.remove("metric")), "$.metric");
    assertBadInput(runWith(s -> s.put("numSamples", "ten")), "$.numSamples");
    assertBadInput(runWith(s -> s.put("mode", "best")), "$.mode");
    assertBadInput(runWith(s -> s.putObject("scheduler").put("type", "asha").put("gracePeriodd", 2)),
        "$.scheduler.gracePeriodd");
    assertBadInput(runWith(s -> s.with("resourcesPerTrial").put("cpu", 64)), "bad.json: $.resourcesPerTrial", "cpu 64");
    // the engine's checks name the file as the reader's do
    assertBadInput(runWith(s -> s.putObject("scheduler").put("type", "asha").put("gracePeriod", -1)),
        "tunebench: bad.json: $.scheduler.gracePeriod: must be > 0, got -1");
    Path broken = Files.writeString(tmp.resolve("broken.json"), "{\"name\": \"x\",");
    assertBadInput(cli("run", broken.toString(), "--db", db()), "broken.json");
    assertBadInput(cli("run", tmp.resolve("absent.json").toString(), "--db", db()), "absent.json");
    assertBadInput(cli("show", "nobody", "--db", db()), "no experiment 'nobody'");
    assertBadInput(cli("frobnicate"));
  }
}
