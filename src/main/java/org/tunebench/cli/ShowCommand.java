package org.tunebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.concurrent.Callable;
import org.tunebench.app.BadInputException;
import org.tunebench.app.TrialCsv;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.store.ExperimentStore;
import org.tunebench.store.StoredExperiment;
import org.tunebench.wire.Values;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "show", mixinStandardHelpOptions = true, description = "One experiment: its trials, status, config, last and best metric.")
final class ShowCommand implements Callable<Integer> {
  enum Format { table, json, csv }

  private static final JsonMapper PLAIN = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  @Parameters(index = "0", paramLabel = "NAME") String name;

  @Option(names = "--format", paramLabel = "FORMAT", description = "table (default), json or csv")
  Format format = Format.table;

  @Mixin DbOption db = new DbOption();

  @Spec picocli.CommandLine.Model.CommandSpec cmd;

  @Override public Integer call() throws Exception {
    var out = cmd.commandLine().getOut();
    try (ExperimentStore store = db.open()) {
      StoredExperiment e = store.find(name).orElseThrow(() -> new BadInputException("no experiment '" + name
          + "' in " + store.file() + "; see: tunebench list"));
      List<TrialSnapshot> trials = store.trials(e.id());
      switch (format) {
        case json -> out.println(PLAIN.writeValueAsString(json(e, trials)));
        case csv -> out.print(csv(e, trials));
        default -> {
          out.println(e.name() + "  " + e.status() + "  metric " + e.metric() + " (" + e.mode() + ")  created "
              + e.createdAt());
          out.print(TrialTable.render(trials, e.metric()));
        }
      }
    }
    out.flush();
    return TunebenchMain.OK;
  }

  /** JSON has no NaN or Infinity: such metric values are written as null. */
  static JsonNode toJson(Object v) {
    return finite(Values.toJson(v));
  }

  private static JsonNode finite(JsonNode n) {
    if (n.isNumber() && (n.isDouble() || n.isFloat()) && !Double.isFinite(n.doubleValue())) {
      return JsonNodeFactory.instance.nullNode();
    }
    if (n.isObject()) {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      n.fields().forEachRemaining(f -> o.set(f.getKey(), finite(f.getValue())));
      return o;
    }
    if (n.isArray()) {
      ArrayNode a = JsonNodeFactory.instance.arrayNode();
      n.forEach(x -> a.add(finite(x)));
      return a;
    }
    return n;
  }

  static ObjectNode json(StoredExperiment e, List<TrialSnapshot> trials) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ObjectNode exp = root.putObject("experiment");
    exp.put("name", e.name()).put("status", e.status()).put("metric", e.metric()).put("mode", e.mode())
        .put("created", e.createdAt().toString()).put("updated", e.updatedAt().toString())
        .put("trials", trials.size()).put("dir", e.homeDir());
    ArrayNode arr = root.putArray("trials");
    java.util.Set<Integer> front = paretoFront(e, trials);
    for (int i = 0; i < trials.size(); i++) {
      TrialSnapshot t = trials.get(i);
      ObjectNode o = arr.addObject();
      if (front != null) o.put("pareto", front.contains(i));
      o.put("id", t.id()).put("status", t.status().name());
      o.set("config", toJson(t.config()));
      o.put("iterations", t.iteration());
      o.set("last", t.lastResult() == null ? JsonNodeFactory.instance.objectNode() : toJson(t.lastResult()));
      o.set("best", t.best() == null || !Double.isFinite(t.best()) ? JsonNodeFactory.instance.nullNode()
          : JsonNodeFactory.instance.numberNode(t.best()));
      o.put("retries", t.retries());
      if (t.error() == null) o.putNull("error");
      else o.put("error", t.error());
      if (t.endReason() == null) o.putNull("endReason");
      else o.put("endReason", t.endReason());
      if (t.waitingFor() == null) o.putNull("waitingFor");
      else o.put("waitingFor", t.waitingFor());
      var attempts = o.putArray("attempts");
      t.attempts().forEach(attempts::add);
      if (t.parentId() != null) o.put("parent", t.parentId());
    }
    return root;
  }

  /**
   * For a multi-objective experiment ({@code metric}/{@code mode} lists), the indexes of the trials whose last
   * results no other trial's dominates; null for a single objective.
   */
  static java.util.Set<Integer> paretoFront(StoredExperiment e, List<TrialSnapshot> trials) {
    com.fasterxml.jackson.databind.JsonNode spec = org.tunebench.model.SpecReader.parseJson(e.spec());
    com.fasterxml.jackson.databind.JsonNode metrics = spec.path("metric");
    com.fasterxml.jackson.databind.JsonNode modes = spec.path("mode");
    if (!metrics.isArray() || metrics.size() < 2 || modes.size() != metrics.size()) return null;
    List<org.tunebench.model.ExperimentSpec.Mode> m = new java.util.ArrayList<>();
    for (var x : modes) m.add(org.tunebench.model.ExperimentSpec.Mode.valueOf(x.asText().toUpperCase(java.util.Locale.ROOT)));
    double[][] values = new double[trials.size()][metrics.size()];
    for (int i = 0; i < trials.size(); i++) {
      java.util.Map<String, Object> last = trials.get(i).lastResult();
      for (int k = 0; k < metrics.size(); k++) {
        Object v = last == null ? null : last.get(metrics.get(k).asText());
        values[i][k] = v instanceof Number n ? n.doubleValue() : Double.NaN;
      }
    }
    return new java.util.HashSet<>(org.tunebench.engine.search.Pareto.front(values, m));
  }

  static String csv(StoredExperiment e, List<TrialSnapshot> trials) {
    return TrialCsv.write(e, trials);
  }
}
