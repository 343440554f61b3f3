package org.tunebench.cli;

import org.tunebench.app.Objectives;
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

  @Parameters(index = "0", paramLabel = "NAME", description = "experiment name (see: tunebench list)") String name;

  @Option(names = "--format", paramLabel = "FORMAT", description = "table (default), json or csv")
  Format format = Format.table;

  @Mixin DbOption db = new DbOption();

  @Spec picocli.CommandLine.Model.CommandSpec cmd;

  @Override public Integer call() throws Exception {
    var out = cmd.commandLine().getOut();
    try (ExperimentStore store = db.openExisting()) {
      StoredExperiment e = store.find(name).orElseThrow(() -> new BadInputException("no experiment '" + name
          + "' in " + store.file() + "; see: tunebench list"));
      String owner = OwnerNote.liveOwner(e);
      List<TrialSnapshot> trials = caughtUp(store, e, owner, store.trials(e.id()));
      switch (format) {
        case json -> out.println(PLAIN.writeValueAsString(json(e, owner, trials)));
        case csv -> out.print(csv(e, trials));
        default -> {
          List<org.tunebench.model.ExperimentSpec.Objective> objectives = Objectives.of(e.spec(), e.metric(), e.mode());
          String note = OwnerNote.describe(e, owner);
          out.println(e.name() + "  " + e.status() + "  " + Objectives.describe(objectives) + "  created "
              + e.createdAt() + (note.isEmpty() ? "" : "  (" + note + ")"));
          out.print(TrialTable.render(trials, objectives.stream().map(o -> o.metric()).toList(),
              Objectives.front(objectives, trials)));
        }
      }
    }
    out.flush();
    return TunebenchMain.OK;
  }

  /**
   * An experiment whose owner died: each unfinished trial's progress (iterations, last result, best) as its kept
   * results say, as a resume will see it; a trial's row is written up to a second after its results.
   */
  private static List<TrialSnapshot> caughtUp(ExperimentStore store, StoredExperiment e, String owner,
      List<TrialSnapshot> trials) {
    if (!e.claimsAnOwner() || owner != null) return trials;
    return trials.stream().map(t -> t.status().isFinished() ? t
        : org.tunebench.app.ExperimentLauncher.withLastKept(t, store.results(e.id(), t.id()), e.metric(),
            org.tunebench.model.ExperimentSpec.Mode.valueOf(e.mode().toUpperCase(java.util.Locale.ROOT)))).toList();
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

  static ObjectNode json(StoredExperiment e, String owner, List<TrialSnapshot> trials) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ObjectNode exp = root.putObject("experiment");
    exp.put("name", e.name()).put("status", e.status()).put("liveOwner", owner).put("metric", e.metric()).put("mode", e.mode())
        .put("created", e.createdAt().toString()).put("updated", e.updatedAt().toString())
        .put("trials", trials.size()).put("dir", e.homeDir());
    // metric and mode name the first objective (as they always did); every objective is listed here
    List<org.tunebench.model.ExperimentSpec.Objective> objectives = Objectives.of(e.spec(), e.metric(), e.mode());
    ArrayNode objs = exp.putArray("objectives");
    for (var o : objectives) objs.addObject().put("metric", o.metric()).put("mode", o.mode().json());
    ArrayNode arr = root.putArray("trials");
    java.util.Set<Integer> front = Objectives.front(objectives, trials);
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

  static String csv(StoredExperiment e, List<TrialSnapshot> trials) {
    return TrialCsv.write(e, trials);
  }
}
