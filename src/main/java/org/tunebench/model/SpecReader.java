package org.tunebench.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes experiment specs (contract section 3). Validation is by hand over the Jackson tree so
 * every error is a {@link SpecException} naming the JSON path and what is allowed; defaults are filled in.
 * {@code search} and {@code scheduler} parameters beyond {@code type} (and {@code seed}) are kept as JSON for
 * the engine's registries, except that random and grid search take only {@code pointsToEvaluate}.
 */
public final class SpecReader {
  public static final List<String> FIELDS = List.of("name", "trainable", "space", "metric", "mode", "numSamples",
      "search", "scheduler", "stop", "timeBudgetS", "resourcesPerTrial", "maxConcurrentTrials", "checkpoint",
      "failure", "jvmArgs", "stepTimeoutS");
  /** The built-in search types; any other well-formed name is left to the engine's searcher registry (plug-ins). */
  public static final List<String> SEARCH_TYPES = List.of("random", "grid", "tpe", "gp", "nsga2");
  /** Search keys every type accepts besides type and seed: Ray Tune's ConcurrencyLimiter as a field. */
  public static final String MAX_CONCURRENT = "maxConcurrent";
  public static final List<String> SCHEDULER_TYPES = List.of("fifo", "asha", "hyperband", "median", "pbt");
  /** The shape of a plug-in's type name (search, scheduler, stopper). */
  private static final java.util.regex.Pattern PLUGIN_TYPE = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
  /** The search types whose only keys are type, seed and pointsToEvaluate. */
  public static final List<String> PARAMETERLESS_SEARCH_TYPES = List.of("random", "grid");
  /** The search key every type accepts besides type and seed (Ray Tune's points_to_evaluate). */
  public static final String POINTS_TO_EVALUATE = "pointsToEvaluate";

  private static final List<String> TRAINABLE_FIELDS = List.of("jar", "class");
  private static final List<String> SEARCH_FIELDS = List.of("type", "seed");
  private static final List<String> RESOURCE_FIELDS = List.of("cpu", "gpu", "memoryMb");
  private static final List<String> CHECKPOINT_FIELDS = List.of("frequency", "atEnd", "numToKeep");
  private static final List<String> FAILURE_FIELDS = List.of("maxRetries");

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private SpecReader() {}

  /** Reads a spec file; the name defaults to the file name without extension, the jar resolves against its folder. */
  public static ExperimentSpec read(Path specFile) {
    String text;
    try {
      text = Files.readString(specFile);
    } catch (NoSuchFileException e) {
      throw new SpecException("$", "spec file not found: " + specFile);
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new SpecException("$", notUtf8(specFile));
    } catch (IOException e) {
      throw new SpecException("$", "cannot read spec file " + specFile + ": " + e.getMessage());
    }
    // UTF-16 of ASCII text is valid UTF-8 with a NUL byte beside every character
    if (text.indexOf('\u0000') >= 0) throw new SpecException("$", notUtf8(specFile));
    Path absolute = specFile.toAbsolutePath().normalize();
    String fileName = absolute.getFileName().toString();
    int dot = fileName.lastIndexOf('.');
    return read(parseJson(text), absolute.getParent(), dot > 0 ? fileName.substring(0, dot) : fileName);
  }

  /** Parses JSON text; a syntax error becomes a one-line {@link SpecException} with line and column. */
  public static JsonNode parseJson(String text) {
    // editors on Windows save UTF-8 with a byte order mark; it is not part of the JSON
    if (text.startsWith("\uFEFF")) text = text.substring(1);
    try {
      JsonNode root = JSON.readTree(text);
      if (root == null || root.isMissingNode()) throw new SpecException("$", "empty spec; expected a JSON object");
      return root;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new SpecException("$", "invalid JSON" + where + ": " + jsonProblem(e));
    }
  }

  private static String notUtf8(Path specFile) {
    return specFile.getFileName() + " is not UTF-8 text; save it as UTF-8 (a leading byte order mark is fine)";
  }

  /** Jackson's message in user words: it names parser features and its own source locations, no use to a user. */
  private static String jsonProblem(JsonProcessingException e) {
    String what = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
    if (e instanceof com.fasterxml.jackson.core.io.JsonEOFException) {
      return "unexpected end of input (an object or array is not closed, or a string not ended)";
    }
    java.util.regex.Matcher token = java.util.regex.Pattern.compile("^Non-standard token '([^']*)'").matcher(what);
    if (token.find()) return token.group(1) + " is not a JSON number; write a number or leave the field out";
    // "... (start marker at [Source: ...; line: 1, column: 2])" and "enable `JsonReadFeature...` to allow"
    what = what.replaceAll("\\s*\\(?(start marker )?at \\[Source:.*$", "")
        .replaceAll(":?\\s*(enable|use) `[A-Za-z.]+Feature\\.[A-Z_]+`.*$", "").strip();
    return what.isEmpty() ? "not valid JSON" : what;
  }

  /**
   * Validates a spec tree. {@code baseDir} resolves a relative {@code trainable.jar} (null: the working
   * folder); {@code defaultName} is used when the spec has no name.
   */
  public static ExperimentSpec read(JsonNode root, Path baseDir, String defaultName) {
    if (root == null || !root.isObject()) {
      throw new SpecException("$", "expected a JSON object, got " + DomainParser.describe(root));
    }
    SpecObject spec = SpecObject.of(root, "$", FIELDS);
    String name = name(spec, defaultName);
    ExperimentSpec.Trainable trainable = trainable(spec, baseDir);
    SearchSpace space = SearchSpace.parse(spec.require("space", "an object of parameter name -> domain"), "$.space");
    List<ExperimentSpec.Objective> objectives = objectives(spec);
    String metric = objectives.get(0).metric();
    ExperimentSpec.Mode mode = objectives.get(0).mode();
    int numSamples = spec.integer("numSamples", 1, 1);
    ExperimentSpec.Search search = search(spec, space);
    ExperimentSpec.Scheduler scheduler = scheduler(spec);
    if (objectives.size() > 1 && !scheduler.type().equals("fifo") && !scheduler.params().has("metric")) {
      throw new SpecException(spec.path("scheduler") + ".metric", "scheduler " + scheduler.type() + " ranks trials by one metric; "
          + "with several objectives name it: one of " + String.join(", ", objectives.stream().map(ExperimentSpec.Objective::metric).toList())
          + ", or use scheduler fifo");
    }
    refuseWarmStartWithObjectives(search, objectives);
    if (SCHEDULER_TYPES.contains(scheduler.type())) objectiveMode(scheduler.params(), objectives, spec.path("scheduler"));
    JsonNode stop = stopperModes(stop(spec), objectives, spec.path("stop"));
    Double timeBudgetS = spec.get("timeBudgetS") == null ? null : spec.number("timeBudgetS", 0, 0, false);
    SpecObject res = SpecObject.of(spec.get("resourcesPerTrial"), spec.path("resourcesPerTrial"), RESOURCE_FIELDS);
    ExperimentSpec.Resources resources = new ExperimentSpec.Resources(
        res.number("cpu", 1, 0, false), res.number("gpu", 0, 0, true), res.integer("memoryMb", 512, 32));
    int maxConcurrent = spec.integer("maxConcurrentTrials", 0, 0);
    if (spec.get("stepTimeoutS") != null) spec.number("stepTimeoutS", 0, 0, false);
    SpecObject cp = SpecObject.of(spec.get("checkpoint"), spec.path("checkpoint"), CHECKPOINT_FIELDS);
    ExperimentSpec.Checkpoint checkpoint = new ExperimentSpec.Checkpoint(
        cp.integer("frequency", 0, 0), cp.bool("atEnd", false), numToKeep(cp));
    SpecObject fail = SpecObject.of(spec.get("failure"), spec.path("failure"), FAILURE_FIELDS);
    ExperimentSpec.Failure failure = new ExperimentSpec.Failure(fail.integer("maxRetries", 0, 0));
    List<String> jvmArgs = jvmArgs(spec);
    return new ExperimentSpec(name, trainable, space, metric, mode, numSamples, search, scheduler, stop,
        timeBudgetS, resources, maxConcurrent, checkpoint, failure, jvmArgs, root.deepCopy(), objectives);
  }

  /**
   * Reads a spec stored with an experiment. Versions before numToKeep had to be at least 1 wrote
   * {@code "numToKeep": 0} for "keep all"; that is read as absent, so their experiments still resume.
   */
  public static ExperimentSpec readStored(String specJson, Path baseDir, String name) {
    JsonNode root = parseJson(specJson);
    if (root.get("checkpoint") instanceof ObjectNode cp && cp.path("numToKeep").isNumber()
        && cp.get("numToKeep").doubleValue() == 0) {
      cp.remove("numToKeep");
    }
    // with one objective, a scheduler's or plateau stopper's own metric without a mode took the objective's
    // direction before that was refused: a stored experiment resumes as it ran
    if (root.path("metric").isTextual() && root.path("mode").isTextual()) {
      String mode = root.get("mode").textValue();
      if (root.get("scheduler") instanceof ObjectNode sch && sch.path("metric").isTextual() && !sch.has("mode")) {
        sch.put("mode", mode);
      }
      JsonNode stop = root.path("stop");
      for (JsonNode st : stop.isArray() ? stop : List.of(stop)) {
        if (st instanceof ObjectNode o && RANKING_STOPPERS.contains(o.path("type").asText()) && o.path("metric").isTextual()
            && !o.has("mode")) {
          o.put("mode", mode);
        }
      }
    }
    return read(root, baseDir, name);
  }

  /** 0 is what "keep all" is inside, but written in a spec it reads as "keep none", so only its absence says so. */
  private static int numToKeep(SpecObject cp) {
    JsonNode v = cp.get("numToKeep");
    if (v == null) return 0;
    if (!v.isNumber() || !v.canConvertToExactIntegral() || !v.canConvertToInt() || v.intValue() < 1) {
      throw new SpecException(cp.path("numToKeep"), "expected a whole number of checkpoints to keep per trial, at least 1, "
          + "or leave it out to keep all; got " + DomainParser.describe(v));
    }
    return v.intValue();
  }

  /**
   * {@code search.warmStart} feeds each earlier trial to the searcher as one value of one metric; with several
   * objectives the searcher cannot use such a point, and it used to be skipped silently, so it is refused here.
   */
  private static void refuseWarmStartWithObjectives(ExperimentSpec.Search search, List<ExperimentSpec.Objective> objectives) {
    JsonNode ws = search.params() == null ? null : search.params().get("warmStart");
    if (objectives.size() < 2 || ws == null || ws.isNull() || (ws.isBoolean() && !ws.booleanValue())) return;
    throw new SpecException("$.search.warmStart", "warm start feeds one metric, this experiment has " + objectives.size()
        + " objectives (" + String.join(", ", objectives.stream().map(ExperimentSpec.Objective::metric).toList())
        + "); leave it out or set it to false");
  }

  /** The built-in stoppers that rank by a metric in a direction ({@code metric}, {@code mode}). */
  private static final List<String> RANKING_STOPPERS = List.of("trial_plateau", "experiment_plateau");

  /**
   * With several objectives, a built-in scheduler or stopper told to use one of them ({@code metric}) but not in
   * which direction takes that objective's mode: it used to take the first objective's, so ASHA told to use an
   * accuracy to maximise kept the worst trials. A metric that is no objective needs its {@code mode} given, with
   * one objective too: there it silently took the objective's direction, which may be the wrong one.
   */
  private static void objectiveMode(ObjectNode params, List<ExperimentSpec.Objective> objectives, String path) {
    JsonNode m = params == null ? null : params.get("metric");
    if (params == null || params.has("mode") || m == null || !m.isTextual()) return;
    for (ExperimentSpec.Objective o : objectives) {
      if (o.metric().equals(m.textValue())) {
        // one objective: the engine already falls back to the experiment's mode; the stored spec stays as written
        if (objectives.size() > 1) params.put("mode", o.mode().json());
        return;
      }
    }
    String names = String.join(", ", objectives.stream().map(ExperimentSpec.Objective::metric).toList());
    throw new SpecException(path + ".mode", "metric \"" + m.textValue() + "\" is "
        + (objectives.size() > 1 ? "none of the objectives (" + names + ")" : "not the objective (" + names + ")")
        + ", so its direction is unknown; give mode \"min\" or \"max\"");
  }

  /** {@link #objectiveMode} for each typed built-in stopper that ranks by a metric; the spec's own tree is left as it is. */
  private static JsonNode stopperModes(JsonNode stop, List<ExperimentSpec.Objective> objectives, String path) {
    if (stop == null || !(stop.isArray() || stop.isObject() && stop.has("type"))) return stop;
    JsonNode copy = stop.deepCopy();
    if (copy.isObject()) {
      stopperMode((ObjectNode) copy, objectives, path);
    } else {
      for (int i = 0; i < copy.size(); i++) {
        if (copy.get(i) instanceof ObjectNode o) stopperMode(o, objectives, JsonPaths.index(path, i));
      }
    }
    return copy;
  }

  private static void stopperMode(ObjectNode stopper, List<ExperimentSpec.Objective> objectives, String path) {
    JsonNode t = stopper.get("type");
    if (t != null && RANKING_STOPPERS.contains(t.asText())) objectiveMode(stopper, objectives, path);
  }

  private static String name(SpecObject spec, String defaultName) {
    String name = spec.string("name", defaultName);
    if (name == null || name.isBlank()) throw new SpecException(spec.path("name"), "required; expected a non-empty string");
    String problem = nameProblem(name);
    if (problem != null) throw new SpecException(spec.path("name"), problem);
    return name;
  }

  /**
   * What is wrong with an experiment name, or null when nothing is: the spec's {@code name} and {@code run --name}
   * follow the same rules. The name becomes a folder under ~/.tunebench/experiments, and an argument of
   * {@code show NAME}, where a leading '-' reads as an option.
   */
  public static String nameProblem(String name) {
    if (name.isBlank()) return "expected a non-empty name";
    if (name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")
        || name.chars().anyMatch(Character::isISOControl)) {
      return "must not contain '/', '\\' or control characters, nor be '.' or '..'; got \"" + name + "\"";
    }
    if (name.startsWith("-")) {
      return "must not start with '-', which commands such as show NAME take for an option; got \"" + name + "\"";
    }
    return null;
  }

  private static ExperimentSpec.Trainable trainable(SpecObject spec, Path baseDir) {
    spec.require("trainable", "an object {\"jar\": ..., \"class\": ...}");
    SpecObject t = SpecObject.of(spec.get("trainable"), spec.path("trainable"), TRAINABLE_FIELDS);
    String jar = t.requiredString("jar");
    Path jarPath;
    try {
      Path given = Path.of(jar);
      Path base = baseDir == null ? Path.of("") : baseDir;
      jarPath = (given.isAbsolute() ? given : base.resolve(given)).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new SpecException(t.path("jar"), "not a valid file path: " + e.getMessage());
    }
    return new ExperimentSpec.Trainable(jarPath, t.string("class", null));
  }

  /**
   * {@code metric} and {@code mode}: a string and "min"/"max", or two lists of equal length (several
   * objectives, distinct metric names).
   */
  private static List<ExperimentSpec.Objective> objectives(SpecObject spec) {
    JsonNode m = spec.get("metric");
    JsonNode md = spec.get("mode");
    if (m == null || !m.isArray()) {
      if (md != null && md.isArray()) {
        throw new SpecException(spec.path("mode"), "a list of modes needs a list of metrics of the same length; got metric "
            + DomainParser.describe(m));
      }
      return List.of(new ExperimentSpec.Objective(spec.requiredString("metric"), mode(spec)));
    }
    if (m.isEmpty()) throw new SpecException(spec.path("metric"), "expected a non-empty string or a non-empty list of them, got []");
    if (md == null || !md.isArray() || md.size() != m.size()) {
      throw new SpecException(spec.path("mode"), "expected a list of " + m.size() + " modes (\"min\" or \"max\"), one per metric; got "
          + DomainParser.describe(md));
    }
    List<ExperimentSpec.Objective> out = new java.util.ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < m.size(); i++) {
      JsonNode name = m.get(i);
      if (!name.isTextual() || name.textValue().isEmpty()) {
        throw new SpecException(JsonPaths.index(spec.path("metric"), i), "expected a non-empty string, got " + DomainParser.describe(name));
      }
      if (!seen.add(name.textValue())) {
        throw new SpecException(JsonPaths.index(spec.path("metric"), i), "metric \"" + name.textValue() + "\" is listed twice");
      }
      JsonNode mode = md.get(i);
      if (!mode.isTextual() || !(mode.textValue().equals("min") || mode.textValue().equals("max"))) {
        throw new SpecException(JsonPaths.index(spec.path("mode"), i), "expected \"min\" or \"max\", got " + DomainParser.describe(mode));
      }
      out.add(new ExperimentSpec.Objective(name.textValue(), ExperimentSpec.Mode.valueOf(mode.textValue().toUpperCase())));
    }
    return out;
  }

  private static ExperimentSpec.Mode mode(SpecObject spec) {
    JsonNode v = spec.require("mode", "\"min\" or \"max\"");
    if (v.isTextual() && (v.textValue().equals("min") || v.textValue().equals("max"))) {
      return ExperimentSpec.Mode.valueOf(v.textValue().toUpperCase());
    }
    throw new SpecException(spec.path("mode"), "expected \"min\" or \"max\", got " + DomainParser.describe(v));
  }

  private static ExperimentSpec.Search search(SpecObject spec, SearchSpace space) {
    SpecObject s = SpecObject.open(spec.get("search"), spec.path("search"));
    String type = searchType(s);
    Long seed = s.optionalLong("seed");
    ObjectNode params = s.rest(SEARCH_FIELDS);
    JsonNode limit = params.get(MAX_CONCURRENT);
    if (limit != null && (!limit.isIntegralNumber() || !limit.canConvertToInt() || limit.intValue() < 1)) {
      throw new SpecException(s.path(MAX_CONCURRENT), "expected a whole number >= 1 (trials of this searcher running at once), got "
          + DomainParser.describe(limit));
    }
    if (PARAMETERLESS_SEARCH_TYPES.contains(type)) {
      params.fieldNames().forEachRemaining(key -> {
        if (!key.equals(POINTS_TO_EVALUATE) && !key.equals(MAX_CONCURRENT)) {
          throw new SpecException(s.path(key), "unknown field for search type " + type + "; allowed: "
              + String.join(", ", SEARCH_FIELDS) + ", " + POINTS_TO_EVALUATE + ", " + MAX_CONCURRENT);
        }
      });
    }
    if (type.equals("grid")) {
      space.domains().forEach((dotted, domain) -> {
        if (!domain.isGrid() && !domain.isConstant()) {
          throw new SpecException(SearchSpace.jsonPath(dotted), "search type grid allows only grid domains and constants, got " + domain.kind());
        }
      });
    }
    return new ExperimentSpec.Search(type, seed, params);
  }

  private static String searchType(SpecObject s) {
    return pluginType(s, "search", SEARCH_TYPES, "random");
  }

  /**
   * A built-in type, or any other name shaped like a type name: a plug-in's, which the engine's registry of
   * that family checks when the experiment is validated (it knows what is installed; the model does not).
   */
  private static String pluginType(SpecObject s, String family, List<String> builtIn, String fallback) {
    JsonNode v = s.get("type");
    if (v == null) return fallback;
    if (v.isTextual() && builtIn.contains(v.textValue())) return v.textValue();
    if (v.isTextual() && PLUGIN_TYPE.matcher(v.textValue()).matches()) {
      // a typo of a built-in ("tpee", "gird") is refused; short names are too close to everything to judge
      String near = v.textValue().length() > 3 ? JsonPaths.closest(v.textValue(), builtIn) : null;
      if (near == null) return v.textValue();
      throw new SpecException(s.path("type"), "unknown " + family + " type " + DomainParser.describe(v) + " (did you mean "
          + near + "?); built in: " + String.join(", ", builtIn) + ", or a plug-in's type name");
    }
    throw new SpecException(s.path("type"), "unknown " + family + " type " + DomainParser.describe(v) + "; allowed: "
        + String.join(", ", builtIn) + ", or a plug-in's type name (letters, digits, _ . -)");
  }

  private static ExperimentSpec.Scheduler scheduler(SpecObject spec) {
    SpecObject s = SpecObject.open(spec.get("scheduler"), spec.path("scheduler"));
    String type = pluginType(s, "scheduler", SCHEDULER_TYPES, "fifo");
    return new ExperimentSpec.Scheduler(type, s.rest(List.of("type")));
  }

  /** Stop keys that count up from the first result, so a threshold at or below 0 is a mistake. */
  private static final List<String> COUNTER_STOPS = List.of("training_iteration", "time_total_s", "timesteps_total");

  private static JsonNode stop(SpecObject spec) {
    JsonNode stop = spec.get("stop");
    // typed stoppers (a list, or one object with a "type") are checked by the engine's stopper registry
    if (stop == null || stop.isArray() || (stop.isObject() && stop.has("type"))) return stop;
    if (!stop.isObject()) {
      throw new SpecException(spec.path("stop"), "expected an object of result field -> number, an array, or null; got " + DomainParser.describe(stop));
    }
    for (Map.Entry<String, JsonNode> e : stop.properties()) {
      if (!e.getValue().isNumber()) {
        throw new SpecException(JsonPaths.child(spec.path("stop"), e.getKey()), "expected a number, got " + DomainParser.describe(e.getValue()));
      }
      // a trial stops once result[key] >= value; a counter's first result already passes 0, so the trial ran once
      if (COUNTER_STOPS.contains(e.getKey()) && !(e.getValue().doubleValue() > 0)) {
        throw new SpecException(JsonPaths.child(spec.path("stop"), e.getKey()), "expected a number > 0 (a trial stops once its "
            + e.getKey() + " reaches it), got " + DomainParser.describe(e.getValue()));
      }
    }
    return stop.deepCopy();
  }

  private static List<String> jvmArgs(SpecObject spec) {
    JsonNode v = spec.get("jvmArgs");
    if (v == null) return List.of();
    if (!v.isArray()) throw new SpecException(spec.path("jvmArgs"), "expected an array of strings, got " + DomainParser.describe(v));
    List<String> args = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      if (!v.get(i).isTextual()) {
        throw new SpecException(JsonPaths.index(spec.path("jvmArgs"), i), "expected a string, got " + DomainParser.describe(v.get(i)));
      }
      args.add(v.get(i).textValue());
    }
    return List.copyOf(args);
  }

  /** The spec as JSON with every field written out; the jar path is absolute. */
  public static ObjectNode toJson(ExperimentSpec spec) {
    return toJson(spec, null);
  }

  /**
   * The spec as JSON with every field written out. With {@code baseDir} (the folder the spec is saved in),
   * a jar inside that folder is written relative to it, so a project folder can be moved as a whole.
   */
  public static ObjectNode toJson(ExperimentSpec spec, Path baseDir) {
    ObjectNode root = JSON.createObjectNode();
    root.put("name", spec.name());
    ObjectNode trainable = root.putObject("trainable");
    trainable.put("jar", jarText(spec.trainable().jar(), baseDir));
    if (spec.trainable().className() != null) trainable.put("class", spec.trainable().className());
    root.set("space", spec.space().toJson());
    if (spec.multiObjective()) {
      spec.objectives().forEach(o -> {
        root.withArray("metric").add(o.metric());
        root.withArray("mode").add(o.mode().json());
      });
    } else {
      root.put("metric", spec.metric());
      root.put("mode", spec.mode().json());
    }
    root.put("numSamples", spec.numSamples());
    ObjectNode search = root.putObject("search");
    search.put("type", spec.search().type());
    if (spec.search().seed() != null) search.put("seed", spec.search().seed());
    if (spec.search().params() != null) search.setAll(spec.search().params().deepCopy());
    ObjectNode scheduler = root.putObject("scheduler");
    scheduler.put("type", spec.scheduler().type());
    if (spec.scheduler().params() != null) scheduler.setAll(spec.scheduler().params().deepCopy());
    if (spec.stop() != null) root.set("stop", spec.stop().deepCopy());
    if (spec.timeBudgetS() != null) root.set("timeBudgetS", JsonValues.number(spec.timeBudgetS()));
    ObjectNode res = root.putObject("resourcesPerTrial");
    res.set("cpu", JsonValues.number(spec.resourcesPerTrial().cpu()));
    res.set("gpu", JsonValues.number(spec.resourcesPerTrial().gpu()));
    res.put("memoryMb", spec.resourcesPerTrial().memoryMb());
    root.put("maxConcurrentTrials", spec.maxConcurrentTrials());
    ObjectNode cp = root.putObject("checkpoint");
    cp.put("frequency", spec.checkpoint().frequency());
    cp.put("atEnd", spec.checkpoint().atEnd());
    if (spec.checkpoint().numToKeep() > 0) cp.put("numToKeep", spec.checkpoint().numToKeep()); // absent: keep all
    root.putObject("failure").put("maxRetries", spec.failure().maxRetries());
    ArrayNode jvmArgs = root.putArray("jvmArgs");
    spec.jvmArgs().forEach(jvmArgs::add);
    return root;
  }

  private static String jarText(Path jar, Path baseDir) {
    if (baseDir != null) {
      Path base = baseDir.toAbsolutePath().normalize();
      if (jar.startsWith(base)) return base.relativize(jar).toString().replace('\\', '/');
    }
    return jar.toString();
  }

  /** Pretty-printed JSON text of a spec, for saving. */
  public static String toJsonText(ExperimentSpec spec, Path baseDir) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(toJson(spec, baseDir)) + System.lineSeparator();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }
}
