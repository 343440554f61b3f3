package org.tunebench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpecReaderTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The example of contract section 3, verbatim. */
  static final String CONTRACT_EXAMPLE = """
      {
        "name": "xgb-asha",
        "trainable": { "jar": "sample-projects/xgboost/target/xgboost-trainable.jar",
                       "class": "org.tunebench.samples.xgboost.XgbTrainable" },
        "space": {
          "eta":       { "loguniform": [1e-4, 0.3] },
          "max_depth": { "randint": [2, 10] },
          "subsample": { "uniform": [0.5, 1.0] },
          "lambda":    { "quniform": [0, 10, 0.5] },
          "booster":   { "choice": ["gbtree", "dart"] },
          "rounds":    { "grid": [50, 100] },
          "seed":      7
        },
        "metric": "eval_logloss", "mode": "min",
        "numSamples": 20,
        "search":    { "type": "random", "seed": 42 },
        "scheduler": { "type": "asha", "timeAttr": "training_iteration", "maxT": 100,
                       "gracePeriod": 1, "reductionFactor": 3 },
        "stop": { "training_iteration": 100, "time_total_s": 600 },
        "timeBudgetS": 3600,
        "resourcesPerTrial": { "cpu": 1, "gpu": 0, "memoryMb": 512 },
        "maxConcurrentTrials": 2,
        "checkpoint": { "frequency": 5, "atEnd": true, "numToKeep": 2 },
        "failure": { "maxRetries": 2 },
        "jvmArgs": ["-Xmx512m"]
      }
      """;

  static final String MINIMAL = """
      {"trainable": {"jar": "t.jar"}, "space": {"x": {"uniform": [0, 1]}}, "metric": "loss", "mode": "max"}
      """;

  private static ExperimentSpec read(String json) {
    return SpecReader.read(SpecReader.parseJson(json), Path.of("/base"), "default-name");
  }

  /** Sets {@code value} (JSON text) at a dotted field path of the minimal spec, or removes it when null. */
  private static String minimalWith(String field, String value) throws Exception {
    ObjectNode root = (ObjectNode) JSON.readTree(MINIMAL);
    String[] parts = field.split("\\.");
    ObjectNode parent = root;
    for (int i = 0; i < parts.length - 1; i++) {
      parent = parent.has(parts[i]) ? (ObjectNode) parent.get(parts[i]) : parent.putObject(parts[i]);
    }
    if (value == null) parent.remove(parts[parts.length - 1]);
    else parent.set(parts[parts.length - 1], JSON.readTree(value));
    return root.toString();
  }

  @Test void theContractExampleParses(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("experiments/xgb.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, CONTRACT_EXAMPLE);
    ExperimentSpec spec = SpecReader.read(file);
    assertEquals("xgb-asha", spec.name());
    assertEquals(dir.resolve("experiments/sample-projects/xgboost/target/xgboost-trainable.jar").toAbsolutePath().normalize(),
        spec.trainable().jar());
    assertEquals("org.tunebench.samples.xgboost.XgbTrainable", spec.trainable().className());
    assertEquals(7, spec.space().domains().size());
    assertEquals(FloatRange.loguniform(1e-4, 0.3), spec.space().domains().get("eta"));
    assertEquals(IntRange.randint(2, 10), spec.space().domains().get("max_depth"));
    assertEquals(new FloatRange(0, 10, false, 0.5), spec.space().domains().get("lambda"));
    assertEquals("eval_logloss", spec.metric());
    assertEquals(ExperimentSpec.Mode.MIN, spec.mode());
    assertEquals(20, spec.numSamples());
    assertEquals(new ExperimentSpec.Search("random", 42L, JSON.createObjectNode()), spec.search());
    assertEquals("asha", spec.scheduler().type());
    assertEquals(JSON.readTree("{\"timeAttr\": \"training_iteration\", \"maxT\": 100, \"gracePeriod\": 1, \"reductionFactor\": 3}"),
        spec.scheduler().params());
    assertEquals(600, spec.stop().get("time_total_s").asInt());
    assertEquals(3600.0, spec.timeBudgetS());
    assertEquals(new ExperimentSpec.Resources(1, 0, 512), spec.resourcesPerTrial());
    assertEquals(2, spec.maxConcurrentTrials());
    assertEquals(new ExperimentSpec.Checkpoint(5, true, 2), spec.checkpoint());
    assertEquals(new ExperimentSpec.Failure(2), spec.failure());
    assertEquals(List.of("-Xmx512m"), spec.jvmArgs());
    assertEquals(JSON.readTree(CONTRACT_EXAMPLE), spec.source());
  }

  @Test void defaultsAreFilledIn() {
    ExperimentSpec spec = read(MINIMAL);
    assertEquals("default-name", spec.name());
    assertEquals(Path.of("/base/t.jar").toAbsolutePath(), spec.trainable().jar());
    assertNull(spec.trainable().className());
    assertEquals(1, spec.numSamples());
    assertEquals("random", spec.search().type());
    assertNull(spec.search().seed());
    assertEquals("fifo", spec.scheduler().type());
    assertNull(spec.stop());
    assertNull(spec.timeBudgetS());
    assertEquals(new ExperimentSpec.Resources(1, 0, 512), spec.resourcesPerTrial());
    assertEquals(0, spec.maxConcurrentTrials());
    assertEquals(new ExperimentSpec.Checkpoint(0, false, 0), spec.checkpoint());
    assertEquals(new ExperimentSpec.Failure(0), spec.failure());
    assertEquals(List.of(), spec.jvmArgs());
  }

  @Test void aSpecFileWithAUtf8ByteOrderMarkIsRead(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bom.json");
    Files.writeString(file, "\uFEFF" + MINIMAL); // UTF-8: EF BB BF, then the JSON
    assertEquals((byte) 0xEF, Files.readAllBytes(file)[0]);
    assertEquals("bom", SpecReader.read(file).name());
  }

  @Test void nameDefaultsToTheFileName(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("quad-1.json");
    Files.writeString(file, MINIMAL);
    ExperimentSpec spec = SpecReader.read(file);
    assertEquals("quad-1", spec.name());
    assertEquals(dir.resolve("t.jar").toAbsolutePath().normalize(), spec.trainable().jar());
  }

  @Test void fractionalResourcesAndOtherSearchersParamsAreKept() throws Exception {
    ExperimentSpec spec = read(minimalWith("resourcesPerTrial", "{\"cpu\": 0.25, \"gpu\": 0.5}"));
    assertEquals(new ExperimentSpec.Resources(0.25, 0.5, 512), spec.resourcesPerTrial());
    ExperimentSpec tpe = read(minimalWith("search", "{\"type\": \"tpe\", \"seed\": 1, \"nStartupTrials\": 5}"));
    assertEquals(5, tpe.search().params().get("nStartupTrials").asInt());
    ExperimentSpec stops = read(minimalWith("stop", "[{\"type\": \"plateau\"}]"));
    assertTrue(stops.stop().isArray());
  }

  @Test void toJsonReadsBackToAnEqualSpec(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("xgb.json");
    Files.writeString(file, CONTRACT_EXAMPLE);
    ExperimentSpec spec = SpecReader.read(file);
    ObjectNode saved = SpecReader.toJson(spec, dir);
    assertEquals("sample-projects/xgboost/target/xgboost-trainable.jar", saved.get("trainable").get("jar").asText());
    ExperimentSpec again = SpecReader.read(saved, dir, "other");
    assertEquals(withoutSource(spec), withoutSource(again));
    ExperimentSpec absolute = SpecReader.read(SpecReader.toJson(read(MINIMAL)), Path.of("/elsewhere"), "x");
    assertEquals(Path.of("/base/t.jar").toAbsolutePath(), absolute.trainable().jar());
    Files.writeString(file, SpecReader.toJsonText(spec, dir));
    assertEquals(withoutSource(spec), withoutSource(SpecReader.read(file)));
  }

  private static ExperimentSpec withoutSource(ExperimentSpec s) {
    return new ExperimentSpec(s.name(), s.trainable(), s.space(), s.metric(), s.mode(), s.numSamples(), s.search(),
        s.scheduler(), s.stop(), s.timeBudgetS(), s.resourcesPerTrial(), s.maxConcurrentTrials(), s.checkpoint(),
        s.failure(), s.jvmArgs(), null);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(delimiter = '|', nullValues = "REMOVE", value = {
      "numSampels                 | 10                        | $.numSampels                 | unknown field (did you mean numSamples?); allowed: name, trainable, space",
      "trainable.path             | \"x\"                     | $.trainable.path             | unknown field; allowed: jar, class",
      "resourcesPerTrial.cpus     | 2                         | $.resourcesPerTrial.cpus     | unknown field (did you mean cpu?)",
      "checkpoint.every           | 2                         | $.checkpoint.every           | allowed: frequency, atEnd, numToKeep",
      "failure.retries            | 2                         | $.failure.retries            | allowed: maxRetries",
      "space.eta                  | {\"loguniform\":[0.5,0.1]} | $.space.eta.loguniform      | needs 0 < lo < hi, got [0.5, 0.1]",
      "space.x                    | {\"uniform\":[2,1]}       | $.space.x.uniform            | needs lo < hi, got [2, 1]",
      "space.booster              | {\"choice\":[]}           | $.space.booster.choice       | needs at least one value",
      "metric                     | REMOVE                    | $.metric                     | required; expected a non-empty string",
      "metric                     | \"\"                      | $.metric                     | expected a non-empty string",
      "mode                       | \"minimize\"              | $.mode                       | expected \"min\" or \"max\", got \"minimize\"",
      "mode                       | REMOVE                    | $.mode                       | required",
      "trainable                  | REMOVE                    | $.trainable                  | required",
      "trainable.jar              | REMOVE                    | $.trainable.jar              | required",
      "space                      | REMOVE                    | $.space                      | required",
      "space                      | [1]                       | $.space                      | expected an object",
      "numSamples                 | \"ten\"                   | $.numSamples                 | expected a whole number >= 1, got \"ten\"",
      "numSamples                 | 0                         | $.numSamples                 | expected a whole number >= 1, got 0",
      "numSamples                 | 2.5                       | $.numSamples                 | expected a whole number >= 1",
      "search.type                | \"tpee\"                  | $.search.type                | unknown search type \"tpee\" (did you mean tpe?); built in: random, grid, tpe, gp, nsga2, or a plug-in's type name",
      "search.type                | \"two words\"             | $.search.type                | unknown search type \"two words\"; allowed: random, grid, tpe, gp, nsga2, or a plug-in's type name",
      "search.type                | 3                         | $.search.type                | unknown search type 3; allowed: random, grid, tpe, gp, nsga2, or a plug-in's type name",
      "search.maxConcurrent       | 0                         | $.search.maxConcurrent       | expected a whole number >= 1 (trials of this searcher running at once), got 0",
      "search.seed                | \"x\"                     | $.search.seed                | expected a whole number or null",
      "search.nStartupTrials      | 3                         | $.search.nStartupTrials      | unknown field for search type random; allowed: type, seed",
      "scheduler.type             | \"ashaa\"                 | $.scheduler.type             | (did you mean asha?); built in: fifo, asha, hyperband, median, pbt",
      "scheduler.type             | 3                       | $.scheduler.type             | allowed: fifo, asha, hyperband, median, pbt, or a plug-in's type name",
      "scheduler                  | \"asha\"                  | $.scheduler                  | expected an object",
      "stop.training_iteration    | \"10\"                    | $.stop.training_iteration    | expected a number",
      "stop                       | 5                         | $.stop                       | expected an object",
      "stop.training_iteration    | -5                        | $.stop.training_iteration    | expected a number > 0 (a trial stops once its training_iteration reaches it), got -5",
      "stop.training_iteration    | 0                         | $.stop.training_iteration    | expected a number > 0",
      "stop.time_total_s          | 0                         | $.stop.time_total_s          | expected a number > 0",
      "stop.timesteps_total       | -1                        | $.stop.timesteps_total       | expected a number > 0",
      "timeBudgetS                | 0                         | $.timeBudgetS                | expected a number > 0",
      "resourcesPerTrial.cpu      | 0                         | $.resourcesPerTrial.cpu      | expected a number > 0",
      "resourcesPerTrial.gpu      | -1                        | $.resourcesPerTrial.gpu      | expected a number >= 0",
      "resourcesPerTrial.memoryMb | 16                        | $.resourcesPerTrial.memoryMb | expected a whole number >= 32",
      "resourcesPerTrial.memoryMb | 512.5                     | $.resourcesPerTrial.memoryMb | expected a whole number >= 32",
      "maxConcurrentTrials        | -1                        | $.maxConcurrentTrials        | expected a whole number >= 0",
      "checkpoint.atEnd           | \"yes\"                   | $.checkpoint.atEnd           | expected true or false",
      "checkpoint.numToKeep       | -2                        | $.checkpoint.numToKeep       | expected a whole number of checkpoints to keep per trial, at least 1, or leave it out to keep all; got -2",
      "checkpoint.numToKeep       | 0                         | $.checkpoint.numToKeep       | at least 1, or leave it out to keep all; got 0",
      "failure.maxRetries         | -1                        | $.failure.maxRetries         | expected a whole number >= 0",
      "jvmArgs                    | [\"-Xss1m\", 5]           | $.jvmArgs[1]                 | expected a string, got 5",
      "jvmArgs                    | \"-Xmx1g\"                | $.jvmArgs                    | expected an array of strings",
      "name                       | \"a/b\"                   | $.name                       | must not contain '/'",
      "name                       | \"..\"                    | $.name                       | nor be '.' or '..'",
      "name                       | \"-x\"                    | $.name                       | must not start with '-', which commands such as show NAME take for an option; got \"-x\""})
  void errorsNameThePathAndWhatIsAllowed(String field, String value, String path, String message) throws Exception {
    String json = minimalWith(field, value);
    SpecException e = assertThrows(SpecException.class, () -> read(json));
    assertEquals(path, e.path(), e.getMessage());
    assertTrue(e.getMessage().startsWith(path + ": ") && e.getMessage().contains(message), e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
  }

  /** Absent keeps every checkpoint; 0 was accepted and kept all too, though it reads as "keep none". */
  @Test void keepingAllCheckpointsIsWrittenByLeavingNumToKeepOutAndStoredZerosStillRead(@TempDir Path dir) throws Exception {
    ExperimentSpec all = read(MINIMAL);
    assertEquals(0, all.checkpoint().numToKeep());
    assertTrue(SpecReader.toJson(all, dir).get("checkpoint").path("numToKeep").isMissingNode());
    assertEquals(2, SpecReader.toJson(read(minimalWith("checkpoint.numToKeep", "2")), dir).get("checkpoint").get("numToKeep").intValue());
    // what earlier versions stored with an experiment (resume, the workbench's history) still reads as "keep all"
    String stored = minimalWith("checkpoint", "{\"frequency\": 2, \"atEnd\": false, \"numToKeep\": 0}");
    ExperimentSpec old = SpecReader.readStored(stored, dir, "old");
    assertEquals(0, old.checkpoint().numToKeep());
    assertEquals(2, old.checkpoint().frequency());
    assertEquals("$.checkpoint.numToKeep", assertThrows(SpecException.class, () -> read(stored)).path());
  }

  /** A stored one-objective spec whose scheduler ranks by another metric without a mode resumes as it ran. */
  @Test void aStoredSchedulerMetricWithoutAModeTakesTheObjectivesAsItDid(@TempDir Path dir) throws Exception {
    String stored = minimalWith("scheduler", "{\"type\": \"asha\", \"metric\": \"acc\"}");
    assertThrows(SpecException.class, () -> read(stored), "refused in a new spec");
    ExperimentSpec old = SpecReader.readStored(stored, dir, "old");
    assertEquals(old.mode().json(), old.scheduler().params().get("mode").asText());
  }

  @Test void aStopThresholdOnAMetricMayBeZeroOrNegative() throws Exception {
    JsonNode stop = read(minimalWith("stop", "{\"neg_loss\": -0.1, \"acc\": 0, \"training_iteration\": 3}")).stop();
    assertEquals(-0.1, stop.get("neg_loss").doubleValue());
    assertEquals(3, stop.get("training_iteration").intValue());
  }

  @Test void metricAndModeListsGiveSeveralObjectivesTheFirstBeingTheMetric(@TempDir Path dir) throws Exception {
    ObjectNode root = (ObjectNode) JSON.readTree(MINIMAL);
    root.putArray("metric").add("loss").add("latency_ms");
    root.putArray("mode").add("min").add("max");
    ExperimentSpec spec = read(root.toString());
    assertTrue(spec.multiObjective());
    assertEquals(List.of(new ExperimentSpec.Objective("loss", ExperimentSpec.Mode.MIN),
        new ExperimentSpec.Objective("latency_ms", ExperimentSpec.Mode.MAX)), spec.objectives());
    assertEquals("loss", spec.metric());
    ObjectNode written = SpecReader.toJson(spec, dir);
    assertEquals("[\"loss\",\"latency_ms\"]", written.get("metric").toString());
    assertEquals(spec.objectives(), SpecReader.read(written, dir, "x").objectives());
    assertEquals(spec.objectives(), org.tunebench.app.ExperimentLauncher.renamed(spec, "other").objectives());
    ExperimentSpec single = read(MINIMAL);
    assertEquals(List.of(new ExperimentSpec.Objective(single.metric(), single.mode())), single.objectives());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "[\"a\", \"b\"] | [\"min\"]           | {}                                    | $.mode        | expected a list of 2 modes",
      "[\"a\", \"a\"] | [\"min\", \"max\"] | {}                                    | $.metric[1]   | metric \"a\" is listed twice",
      "[\"a\", 3]     | [\"min\", \"max\"] | {}                                    | $.metric[1]   | expected a non-empty string, got 3",
      "[\"a\", \"b\"] | [\"min\", \"low\"] | {}                                    | $.mode[1]     | expected \"min\" or \"max\", got \"low\"",
      "[]             | []                 | {}                                    | $.metric      | expected a non-empty string or a non-empty list",
      "\"a\"          | [\"min\", \"max\"] | {}                                    | $.mode        | a list of modes needs a list of metrics",
      "[\"a\", \"b\"] | [\"min\", \"max\"] | {\"type\": \"asha\"}                  | $.scheduler.metric | scheduler asha ranks trials by one metric; with several objectives name it: one of a, b"})
  void badObjectiveListsNameThePath(String metric, String mode, String scheduler, String path, String message) throws Exception {
    ObjectNode root = (ObjectNode) JSON.readTree(MINIMAL);
    root.set("metric", JSON.readTree(metric));
    root.set("mode", JSON.readTree(mode));
    root.set("scheduler", JSON.readTree(scheduler));
    SpecException e = assertThrows(SpecException.class, () -> read(root.toString()));
    assertEquals(path, e.path(), e.getMessage());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test void warmStartWithSeveralObjectivesIsRefusedNamingTheField() throws Exception {
    ObjectNode root = (ObjectNode) JSON.readTree(MINIMAL);
    root.putArray("metric").add("loss").add("latency_ms");
    root.putArray("mode").add("min").add("min");
    root.putObject("search").put("type", "tpe").put("warmStart", true);
    SpecException e = assertThrows(SpecException.class, () -> read(root.toString()));
    assertEquals("$.search.warmStart", e.path());
    assertTrue(e.getMessage().contains("warm start feeds one metric, this experiment has 2 objectives (loss, latency_ms)"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
    ((ObjectNode) root.get("search")).put("warmStart", "earlier-run");
    assertEquals("$.search.warmStart", assertThrows(SpecException.class, () -> read(root.toString())).path());
    // false (and one objective) stay allowed
    ((ObjectNode) root.get("search")).put("warmStart", false);
    assertTrue(read(root.toString()).multiObjective());
    root.put("metric", "loss").put("mode", "min");
    ((ObjectNode) root.get("search")).put("warmStart", true);
    assertTrue(read(root.toString()).search().params().get("warmStart").booleanValue());
  }

  @Test void aSchedulerOrStopperToldToUseAnObjectiveTakesThatObjectivesMode() throws Exception {
    ObjectNode root = (ObjectNode) JSON.readTree(MINIMAL);
    root.putArray("metric").add("loss").add("acc");
    root.putArray("mode").add("min").add("max");
    root.putObject("scheduler").put("type", "asha").put("metric", "acc");
    root.putArray("stop").addObject().put("type", "experiment_plateau").put("metric", "acc");
    ((com.fasterxml.jackson.databind.node.ArrayNode) root.get("stop")).addObject().put("type", "trial_plateau")
        .put("metric", "loss").put("metricThreshold", 0.5);
    String before = root.toString();
    ExperimentSpec spec = read(before);
    // it used to rank by the first objective's direction, keeping the worst accuracies
    assertEquals("max", spec.scheduler().params().get("mode").textValue());
    assertEquals("max", spec.stop().get(0).get("mode").textValue());
    assertEquals("min", spec.stop().get(1).get("mode").textValue());
    assertEquals(before, root.toString(), "the caller's tree is left as it was");
    // a mode given stays
    ((ObjectNode) root.get("scheduler")).put("mode", "min");
    assertEquals("min", read(root.toString()).scheduler().params().get("mode").textValue());
    // a metric that is no objective needs its direction
    ((ObjectNode) root.get("scheduler")).remove("mode");
    ((ObjectNode) root.get("scheduler")).put("metric", "val_acc");
    SpecException e = assertThrows(SpecException.class, () -> read(root.toString()));
    assertEquals("$.scheduler.mode", e.path());
    assertTrue(e.getMessage().contains("metric \"val_acc\" is none of the objectives (loss, acc)"), e.getMessage());
    ((ObjectNode) root.get("scheduler")).put("metric", "acc");
    ((ObjectNode) root.get("stop").get(0)).put("metric", "val_acc");
    assertEquals("$.stop[0].mode", assertThrows(SpecException.class, () -> read(root.toString())).path());
    // one objective: the experiment's mode applies to the objective itself, and is not written into the spec
    ObjectNode single = (ObjectNode) JSON.readTree(MINIMAL);
    single.putObject("scheduler").put("type", "asha").put("metric", "loss");
    assertEquals(null, read(single.toString()).scheduler().params().get("mode"));
    ((ObjectNode) single.get("scheduler")).put("mode", "min").put("metric", "other");
    assertEquals("min", read(single.toString()).scheduler().params().get("mode").textValue());
  }

  /** A metric that is not the one objective used to take the objective's direction silently: "nope" exited 0. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "scheduler | {\"type\": \"asha\", \"maxT\": 5, \"gracePeriod\": 1, \"metric\": \"nope\"} | $.scheduler.mode",
      "scheduler | {\"type\": \"hyperband\", \"metric\": \"nope\"}                          | $.scheduler.mode",
      "scheduler | {\"type\": \"median\", \"metric\": \"nope\"}                             | $.scheduler.mode",
      "scheduler | {\"type\": \"pbt\", \"metric\": \"nope\"}                                | $.scheduler.mode",
      "stop      | {\"type\": \"trial_plateau\", \"metric\": \"nope\"}                      | $.stop.mode",
      "stop      | [{\"type\": \"maximum_iteration\", \"maxIter\": 3}, {\"type\": \"experiment_plateau\", \"metric\": \"nope\"}] | $.stop[1].mode"})
  void withOneObjectiveAMetricThatIsNotItNeedsAMode(String field, String value, String path) throws Exception {
    SpecException e = assertThrows(SpecException.class, () -> read(minimalWith(field, value)));
    assertEquals(path, e.path(), e.getMessage());
    assertTrue(e.getMessage().contains("metric \"nope\" is not the objective (loss), so its direction is unknown; give mode \"min\" or \"max\""),
        e.getMessage());
  }

  @Test void aSchedulerToldWhichMetricToUseTakesSeveralObjectives() throws Exception {
    ObjectNode root = (ObjectNode) JSON.readTree(MINIMAL);
    root.putArray("metric").add("a").add("b");
    root.putArray("mode").add("min").add("min");
    root.putObject("scheduler").put("type", "asha").put("metric", "b");
    assertEquals("b", read(root.toString()).scheduler().params().get("metric").textValue());
  }

  @Test void aSearchTypeThatIsNotBuiltInIsLeftToTheRegistryAndMaxConcurrentIsKept() throws Exception {
    String json = minimalWith("search", "{\"type\": \"my-bayes\", \"maxConcurrent\": 2, \"depth\": 3}");
    ExperimentSpec spec = read(json);
    assertEquals("my-bayes", spec.search().type());
    assertEquals(2, spec.search().params().get("maxConcurrent").intValue());
    assertEquals(3, spec.search().params().get("depth").intValue());
    assertEquals(2, read(minimalWith("search", "{\"type\": \"random\", \"maxConcurrent\": 2}")).search().params().get("maxConcurrent").intValue());
  }

  @Test void gridSearchNamesTheFirstNonGridDomain() throws Exception {
    String json = minimalWith("space", "{\"a\": {\"grid\": [1, 2]}, \"k\": 3, \"n\": {\"lr\": {\"uniform\": [0, 1]}}}")
        .replace("\"mode\"", "\"search\": {\"type\": \"grid\"}, \"mode\"");
    SpecException e = assertThrows(SpecException.class, () -> read(json));
    assertEquals("$.space.n.lr", e.path());
    assertTrue(e.getMessage().contains("grid allows only grid domains and constants, got uniform"), e.getMessage());
    assertEquals("grid", read(minimalWith("space", "{\"a\": {\"grid\": [1, 2]}, \"k\": 3}")
        .replace("\"mode\"", "\"search\": {\"type\": \"grid\"}, \"mode\"")).search().type());
  }

  @Test void badJsonGivesLineAndColumnOnOneLine() {
    SpecException e = assertThrows(SpecException.class, () -> SpecReader.parseJson("{\n  \"name\": \"x\",\n  \"metric\" \"loss\"\n}"));
    assertEquals("$", e.path());
    assertTrue(e.getMessage().startsWith("$: invalid JSON at line 3, column"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
  }

  /** Jackson's own words ("[Source: REDACTED ...", "enable `JsonReadFeature...`") used to reach the user. */
  @org.junit.jupiter.params.ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"a\": {\"b\": [1, 2]                 | $: invalid JSON at line 1, column 19: unexpected end of input (an object or array is not closed, or a string not ended)",
      "{\"a\": NaN}                         | $: invalid JSON at line 1, column 10: NaN is not a JSON number; write a number or leave the field out",
      "{\"a\": -Infinity}                   | -Infinity is not a JSON number; write a number or leave the field out",
      "{\"a\": 1, \"a\": 2}                  | $: invalid JSON at line 1, column 13: Duplicate field 'a'",
      "{\"a\" 1}                            | $: invalid JSON at line 1, column 6: Unexpected character ('1' (code 49)): was expecting a colon"})
  void badJsonIsSaidInUserWords(String json, String message) {
    SpecException e = assertThrows(SpecException.class, () -> SpecReader.parseJson(json));
    assertTrue(e.getMessage().contains(message), e.getMessage());
    assertTrue(!e.getMessage().contains("Source") && !e.getMessage().contains("Feature") && !e.getMessage().contains("`"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
  }

  @Test void aSpecThatIsNotUtf8SaysSo(@TempDir Path dir) throws Exception {
    String json = "{\"name\": \"caf\u00e9\", \"metric\": \"loss\"}";
    for (java.nio.charset.Charset cs : List.of(java.nio.charset.StandardCharsets.UTF_16, java.nio.charset.StandardCharsets.UTF_16LE,
        java.nio.charset.StandardCharsets.ISO_8859_1)) {
      Path f = Files.write(dir.resolve("spec.json"), json.getBytes(cs));
      SpecException e = assertThrows(SpecException.class, () -> SpecReader.read(f), cs.name());
      assertEquals("$: spec.json is not UTF-8 text; save it as UTF-8 (a leading byte order mark is fine)", e.getMessage(), cs.name());
    }
  }

  @Test void duplicateKeysAndTrailingTextAreInvalidJson() {
    assertThrows(SpecException.class, () -> SpecReader.parseJson("{\"a\": 1, \"a\": 2}"));
    assertThrows(SpecException.class, () -> SpecReader.parseJson("{\"a\": 1} x"));
    assertThrows(SpecException.class, () -> SpecReader.parseJson("  "));
  }

  @Test void aMissingFileIsASpecError(@TempDir Path dir) {
    SpecException e = assertThrows(SpecException.class, () -> SpecReader.read(dir.resolve("nope.json")));
    assertTrue(e.getMessage().contains("not found"), e.getMessage());
  }

  @Test void aRootThatIsNotAnObjectIsRejected() {
    JsonNode array = JSON.createArrayNode();
    assertEquals("$", assertThrows(SpecException.class, () -> SpecReader.read(array, null, "x")).path());
  }
}
