package org.tunebench.ui.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.tunebench.engine.TrainableCatalog;
import org.tunebench.engine.TrainableInfo;
import org.tunebench.engine.schedule.SchedulerRegistry;
import org.tunebench.model.Domain;
import org.tunebench.model.ExperimentSpec;
import org.tunebench.model.SpecReader;

/**
 * The experiment setup form's state. Every field is text (what the user typed); {@link #toJson()} builds
 * the contract's spec JSON and {@link #buildSpec()} validates it with {@link SpecReader}, so the form and
 * the CLI accept exactly the same specs. Toolkit-free.
 */
public final class SetupViewModel {
  private static final ObjectMapper JSON = new ObjectMapper();
  public final StringProperty name = new SimpleStringProperty("experiment");
  public final ObjectProperty<Path> jar = new SimpleObjectProperty<>();
  public final ObservableList<String> trainables = FXCollections.observableArrayList();
  public final StringProperty trainableClass = new SimpleStringProperty();
  public final StringProperty jarMessage = new SimpleStringProperty("");
  /** True when {@link #jarMessage} says why the chosen file cannot be used (shown as an error, not a note). */
  public final BooleanProperty jarError = new SimpleBooleanProperty(false);
  public final ObservableList<SpaceRow> space = FXCollections.observableArrayList();
  public final StringProperty metric = new SimpleStringProperty("");
  public final StringProperty mode = new SimpleStringProperty("min");
  public final StringProperty numSamples = new SimpleStringProperty("10");
  public final StringProperty searchType = new SimpleStringProperty("random");
  public final StringProperty searchSeed = new SimpleStringProperty("");
  public final StringProperty searchParams = new SimpleStringProperty("");
  public final StringProperty schedulerType = new SimpleStringProperty("fifo");
  /** Scheduler parameters: one entry per name the registry lists for the type; blank = default. */
  public final ObservableList<Param> schedulerParams = FXCollections.observableArrayList();
  public final StringProperty stop = new SimpleStringProperty("");
  public final StringProperty timeBudgetS = new SimpleStringProperty("");
  public final StringProperty cpu = new SimpleStringProperty("1");
  public final StringProperty gpu = new SimpleStringProperty("0");
  public final StringProperty memoryMb = new SimpleStringProperty("512");
  public final StringProperty maxConcurrent = new SimpleStringProperty("0");
  public final StringProperty checkpointFrequency = new SimpleStringProperty("0");
  public final BooleanProperty checkpointAtEnd = new SimpleBooleanProperty(true);
  public final StringProperty numToKeep = new SimpleStringProperty(""); // blank: keep all
  public final StringProperty maxRetries = new SimpleStringProperty("0");
  public final StringProperty jvmArgs = new SimpleStringProperty("");
  /** The one-line problem with the form, or empty. */
  public final StringProperty message = new SimpleStringProperty("");
  /** True when {@link #message} is good news ("spec OK"), shown in the ok colour instead of the error one. */
  public final BooleanProperty messageOk = new SimpleBooleanProperty(false);
  /** The form's start button: once its tab holds an experiment, starting makes a new one from the form. */
  public final StringProperty startLabel = new SimpleStringProperty("Validate and start");
  private Path specFile;
  /** While the form is filled in bulk (load, a JAR's list): one re-check at the end, not one per field. */
  private boolean filling;

  /** A scheduler parameter: name and the text typed for it. */
  public record Param(String name, StringProperty value) {}

  public SetupViewModel() {
    // any new message is an error until ok() says otherwise
    message.addListener((o, a, b) -> messageOk.set(false));
    schedulerType.addListener((o, a, t) -> rebuildSchedulerParams(Map.of()));
    rebuildSchedulerParams(Map.of());
    watchEdits();
    // a name is checked against the other rows too: two rows "x" would save one of them only
    space.addListener((javafx.collections.ListChangeListener<SpaceRow>) c -> {
      while (c.next()) {
        for (SpaceRow r : c.getAddedSubList()) {
          r.nameProperty().addListener(o -> revalidateOthers(r));
          r.setClash(this::nameClash);
        }
      }
      for (SpaceRow r : space) r.validate();
    });
  }

  private void revalidateOthers(SpaceRow changed) {
    for (SpaceRow r : space) if (r != changed) r.validate();
  }

  /** Null, or why {@code row}'s name cannot sit beside the others' (the same name, or one nested in the other). */
  String nameClash(SpaceRow row) {
    String n = row.nameProperty().get() == null ? "" : row.nameProperty().get().trim();
    int at = space.indexOf(row);
    for (int i = 0; i < space.size(); i++) {
      SpaceRow other = space.get(i);
      if (other == row || other.nameProperty().get() == null) continue;
      String o = other.nameProperty().get().trim();
      if (o.equals(n)) return "name '" + n + "' is used by row " + (i + 1) + " too; each parameter needs its own name";
      if (o.startsWith(n + ".") || n.startsWith(o + ".")) {
        String outer = o.length() < n.length() ? o : n;
        return "'" + outer + "' is a parameter (row " + ((o.length() < n.length() ? i : at) + 1) + ") and a group ('"
            + (o.length() < n.length() ? n : o) + "'); rename one of them";
      }
    }
    return null;
  }

  /**
   * Any edit makes a shown message stale: "spec OK" no longer holds, an error may be fixed or replaced by
   * another. The message is re-checked at once with the form's own checks; only Validate says OK again.
   */
  private void watchEdits() {
    // change listeners: an invalidation listener stays silent until someone reads the value again
    javafx.beans.value.ChangeListener<Object> edited = (o, a, b) -> recheck(null);
    for (javafx.beans.value.ObservableValue<?> p : List.<javafx.beans.value.ObservableValue<?>>of(name, jar, trainableClass, metric, mode, numSamples, searchType, searchSeed,
        searchParams, schedulerType, stop, timeBudgetS, cpu, gpu, memoryMb, maxConcurrent, checkpointFrequency,
        checkpointAtEnd, numToKeep, maxRetries, jvmArgs)) {
      p.addListener(edited);
    }
    space.addListener((javafx.collections.ListChangeListener<SpaceRow>) c -> {
      while (c.next()) {
        for (SpaceRow r : c.getAddedSubList()) {
          r.nameProperty().addListener(edited);
          r.domainProperty().addListener(edited);
          r.argsProperty().addListener(edited);
        }
      }
      recheck(null);
    });
    schedulerParams.addListener((javafx.collections.ListChangeListener<Param>) c -> {
      while (c.next()) for (Param p : c.getAddedSubList()) p.value().addListener(edited);
    });
  }

  /**
   * The shown message again for the form as it is now: its first problem, or nothing once none is left.
   * {@code jarProblem}: why a JAR just chosen cannot be used (the JAR is only inspected when chosen).
   */
  private void recheck(String jarProblem) {
    if (filling || message.get() == null || message.get().isEmpty()) return;
    String problem;
    try {
      buildSpec();
      problem = jarProblem == null ? "" : withHint(oneLine(jarProblem));
    } catch (RuntimeException e) {
      problem = withHint(oneLine(e.getMessage()));
    }
    messageOk.set(false);
    message.set(problem);
  }

  private void rebuildSchedulerParams(Map<String, String> values) {
    schedulerParams.clear();
    // metric and mode stay in the form (blank: the experiment's own): with several objectives a scheduler must be told one
    for (String p : SchedulerRegistry.parameters(schedulerType.get())) {
      schedulerParams.add(new Param(p, new SimpleStringProperty(values.getOrDefault(p, ""))));
    }
  }

  public static List<String> domainChoices() {
    List<String> l = new java.util.ArrayList<>(Domain.NAMES);
    l.add(SpaceRow.CONSTANT);
    return l;
  }

  // ------------------------------------------------------------------ jar

  /** Lists the jar's trainables; a bad jar leaves the list empty and says why. */
  public void chooseJar(Path p) {
    boolean outer = filling;
    filling = true;
    jar.set(p);
    trainables.clear();
    try {
      List<TrainableInfo> found = TrainableCatalog.inspect(p);
      for (TrainableInfo t : found) trainables.add(t.className());
      jarMessage.set(jarSummary(found));
      jarError.set(false);
      if (trainableClass.get() == null || !trainables.contains(trainableClass.get())) {
        trainableClass.set(trainables.isEmpty() ? null : trainables.get(0));
      }
    } catch (RuntimeException e) {
      jarMessage.set(e.getMessage());
      jarError.set(true);
    }
    filling = outer;
    recheck(jarError.get() ? jarMessage.get() : null);
  }

  /** "1 trainable found (function API)"; a JAR with none has no API to name. */
  private static String jarSummary(List<TrainableInfo> found) {
    if (found.isEmpty()) return "no trainables found";
    return found.size() + " trainable" + (found.size() == 1 ? "" : "s") + " found ("
        + String.join(", ", found.stream().map(TrainableInfo::api).distinct().toList()) + " API)";
  }

  // ------------------------------------------------------------------ load / save

  public void load(Path file) {
    ExperimentSpec spec = SpecReader.read(file);
    specFile = file.toAbsolutePath();
    load(spec);
  }

  /** Fills the form from a (valid) spec. */
  public void load(ExperimentSpec spec) {
    filling = true;
    try {
      fill(spec);
    } finally {
      filling = false;
    }
    message.set("");
  }

  private void fill(ExperimentSpec spec) {
    ObjectNode j = SpecReader.toJson(spec);
    name.set(spec.name());
    trainableClass.set(spec.trainable().className());
    chooseJar(spec.trainable().jar());
    space.clear();
    flatten("", spec.space().toJson());
    // several objectives as comma-separated lists, so saving the form keeps every one of them
    metric.set(String.join(", ", spec.objectives().stream().map(ExperimentSpec.Objective::metric).toList()));
    mode.set(String.join(", ", spec.objectives().stream().map(o -> o.mode().json()).toList()));
    numSamples.set(String.valueOf(spec.numSamples()));
    ObjectNode search = (ObjectNode) j.get("search").deepCopy();
    searchType.set(search.remove("type").asText());
    JsonNode seed = search.remove("seed");
    searchSeed.set(seed == null ? "" : seed.asText());
    searchParams.set(keyValues(search));
    ObjectNode sched = (ObjectNode) j.get("scheduler").deepCopy();
    String type = sched.remove("type").asText();
    Map<String, String> values = new LinkedHashMap<>();
    sched.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
    schedulerType.set(type);
    rebuildSchedulerParams(values);
    stop.set(spec.stop() == null ? "" : spec.stop().isObject() ? keyValues((ObjectNode) spec.stop()) : spec.stop().toString());
    timeBudgetS.set(spec.timeBudgetS() == null ? "" : fmt(spec.timeBudgetS()));
    cpu.set(fmt(spec.resourcesPerTrial().cpu()));
    gpu.set(fmt(spec.resourcesPerTrial().gpu()));
    memoryMb.set(String.valueOf(spec.resourcesPerTrial().memoryMb()));
    maxConcurrent.set(String.valueOf(spec.maxConcurrentTrials()));
    checkpointFrequency.set(String.valueOf(spec.checkpoint().frequency()));
    checkpointAtEnd.set(spec.checkpoint().atEnd());
    numToKeep.set(spec.checkpoint().numToKeep() > 0 ? String.valueOf(spec.checkpoint().numToKeep()) : "");
    maxRetries.set(String.valueOf(spec.failure().maxRetries()));
    jvmArgs.set(String.join(" ", spec.jvmArgs()));
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }

  private void flatten(String prefix, JsonNode node) {
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = prefix + e.getKey();
      JsonNode v = e.getValue();
      if (v.isObject() && v.size() == 1 && Domain.isDomainName(v.fieldNames().next())) {
        String d = v.fieldNames().next();
        space.add(new SpaceRow(key, d, listText(v.get(d))));
      } else if (v.isObject()) {
        flatten(key + ".", v);
      } else {
        space.add(new SpaceRow(key, SpaceRow.CONSTANT, v.toString()));
      }
    }
  }

  private static String listText(JsonNode arr) {
    StringBuilder b = new StringBuilder();
    for (JsonNode n : arr) {
      if (b.length() > 0) b.append(", ");
      b.append(n.toString());
    }
    return b.toString();
  }

  private static String keyValues(ObjectNode o) {
    StringBuilder b = new StringBuilder();
    o.fields().forEachRemaining(e -> {
      if (b.length() > 0) b.append(", ");
      b.append(e.getKey()).append('=').append(e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString());
    });
    return b.toString();
  }

  /** Saves the spec (validated first) as pretty JSON, jar relative to the file's folder when inside it. */
  public void save(Path file) throws IOException {
    ExperimentSpec spec = buildSpec();
    Files.writeString(file, SpecReader.toJsonText(spec, file.toAbsolutePath().getParent()));
    specFile = file.toAbsolutePath();
  }

  public Path specFile() {
    return specFile;
  }

  // ------------------------------------------------------------------ build / validate

  /**
   * Metric and mode: one name and min/max, or comma-separated lists for several objectives ("loss, latency_ms"
   * and "min, max"); one mode for several metrics applies to each. Lists are written as the spec's lists.
   */
  private void objectives(ObjectNode root) {
    List<String> metrics = splitList(metric.get());
    List<String> modes = splitList(mode.get() == null ? "" : mode.get());
    if (metrics.size() <= 1 && modes.size() <= 1) {
      root.put("metric", metric.get().trim());
      root.put("mode", mode.get() == null ? "" : mode.get().trim());
      return;
    }
    if (modes.size() == 1) modes = java.util.Collections.nCopies(metrics.size(), modes.get(0));
    var ms = root.putArray("metric");
    metrics.forEach(ms::add);
    var md = root.putArray("mode");
    modes.forEach(md::add);
  }

  private static List<String> splitList(String s) {
    return java.util.Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
  }

  /** The spec JSON from the form; a field that cannot even be read becomes an exception naming it. */
  public ObjectNode toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("name", name.get().trim());
    ObjectNode t = root.putObject("trainable");
    if (jar.get() != null) t.put("jar", jar.get().toAbsolutePath().toString());
    if (trainableClass.get() != null && !trainableClass.get().isBlank()) t.put("class", trainableClass.get());
    ObjectNode sp = root.putObject("space");
    for (SpaceRow r : space) {
      String err = r.validate();
      if (err != null) throw new IllegalArgumentException(err);
      String[] parts = r.name().trim().split("\\.");
      ObjectNode cur = sp;
      for (int i = 0; i < parts.length - 1; i++) {
        cur = cur.has(parts[i]) && cur.get(parts[i]).isObject() ? (ObjectNode) cur.get(parts[i]) : cur.putObject(parts[i]);
      }
      cur.set(parts[parts.length - 1], r.json());
    }
    objectives(root);
    root.set("numSamples", number("numSamples", numSamples.get()));
    ObjectNode search = root.putObject("search");
    search.put("type", searchType.get());
    if (!searchSeed.get().isBlank()) search.set("seed", number("search.seed", searchSeed.get()));
    search.setAll(parseKeyValues("search", searchParams.get()));
    ObjectNode sched = root.putObject("scheduler");
    sched.put("type", schedulerType.get());
    for (Param p : schedulerParams) {
      if (!p.value().get().isBlank()) sched.set(p.name(), value(p.value().get()));
    }
    if (!stop.get().isBlank()) {
      String s = stop.get().trim();
      root.set("stop", s.startsWith("{") || s.startsWith("[") ? SpecReader.parseJson(s) : parseKeyValues("stop", s));
    }
    if (!timeBudgetS.get().isBlank()) root.set("timeBudgetS", number("timeBudgetS", timeBudgetS.get()));
    ObjectNode res = root.putObject("resourcesPerTrial");
    res.set("cpu", number("resourcesPerTrial.cpu", cpu.get()));
    res.set("gpu", number("resourcesPerTrial.gpu", gpu.get()));
    res.set("memoryMb", number("resourcesPerTrial.memoryMb", memoryMb.get()));
    root.set("maxConcurrentTrials", number("maxConcurrentTrials", maxConcurrent.get()));
    ObjectNode cp = root.putObject("checkpoint");
    cp.set("frequency", number("checkpoint.frequency", checkpointFrequency.get()));
    cp.put("atEnd", checkpointAtEnd.get());
    if (!numToKeep.get().isBlank()) cp.set("numToKeep", number("checkpoint.numToKeep", numToKeep.get()));
    root.putObject("failure").set("maxRetries", number("failure.maxRetries", maxRetries.get()));
    ArrayNode jv = root.putArray("jvmArgs");
    for (String a : jvmArgs.get().trim().split("\\s+")) if (!a.isBlank()) jv.add(a);
    return root;
  }

  private static JsonNode number(String field, String text) {
    try {
      JsonNode n = SpecReader.parseJson(text.trim());
      if (!n.isNumber()) throw new IllegalArgumentException();
      return n;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("$." + field + ": '" + text.trim() + "' is not a number");
    }
  }

  /** A typed value: JSON if it parses, else the bare text as a string (so {@code loss} needs no quotes). */
  static JsonNode value(String text) {
    try {
      return SpecReader.parseJson(text.trim());
    } catch (RuntimeException e) {
      return JSON.getNodeFactory().textNode(text.trim());
    }
  }

  /** {@code a=1, b=x} (commas or newlines) into an object. */
  static ObjectNode parseKeyValues(String field, String text) {
    ObjectNode o = JSON.createObjectNode();
    if (text == null || text.isBlank()) return o;
    for (String part : text.split("[,\\n]")) {
      if (part.isBlank()) continue;
      int eq = part.indexOf('=');
      if (eq <= 0) throw new IllegalArgumentException("$." + field + ": '" + part.trim() + "' is not key=value");
      o.set(part.substring(0, eq).trim(), value(part.substring(eq + 1)));
    }
    return o;
  }

  /** The validated spec; throws with a one-line message naming the field. */
  public ExperimentSpec buildSpec() {
    return SpecReader.read(toJson(), specFile == null ? null : specFile.getParent(), name.get());
  }

  /** Validates the whole form; sets {@link #message} and returns the spec, or null. */
  public ExperimentSpec validate(java.util.function.Consumer<ExperimentSpec> deepCheck) {
    try {
      ExperimentSpec s = buildSpec();
      if (deepCheck != null) deepCheck.accept(s);
      messageOk.set(false);
      message.set("");
      return s;
    } catch (RuntimeException e) {
      messageOk.set(false);
      message.set(withHint(oneLine(e.getMessage())));
      return null;
    }
  }

  /** Says how to fix what the user cannot fix in the form: a JAR that was never built. */
  public static String withHint(String m) {
    if (m != null && m.startsWith("JAR not found")) {
      return m + ". Build it first: the samples with ./tunebench (its first run builds them) or mvn -DskipTests install"
          + " in the project folder; your own trainable with mvn package in its project.";
    }
    return m;
  }

  /** Marks the form as checked: {@code summary} in the ok colour. */
  public void ok(String summary) {
    message.set(summary);
    messageOk.set(true);
  }

  static String oneLine(String m) {
    if (m == null) return "invalid";
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  public void addRow() {
    space.add(new SpaceRow("param" + (space.size() + 1), "uniform", "0, 1"));
  }
}
