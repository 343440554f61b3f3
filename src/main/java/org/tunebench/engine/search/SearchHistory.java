package org.tunebench.engine.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tunebench.model.JsonValues;

/**
 * The trials a model-based searcher suggested, in suggestion order (Optuna's trial numbers), each running,
 * finished with a loss, or dropped (errored without a metric). Losses are minimised: a {@code max} metric
 * is stored negated.
 */
final class SearchHistory {

  enum State { RUNNING, DONE, DROPPED }

  /** One suggested trial; {@code config} is dotted. */
  static final class Entry {
    final String trialId;
    final Map<String, Object> config;
    State state = State.RUNNING;
    double loss = Double.NaN;
    /** Every objective's loss (minimised), {@code losses[0] == loss}; one element for one objective. */
    double[] losses;
    /** The NSGA-II generation this trial was suggested in; -1 for other searchers. */
    int generation = -1;
    /** Added by {@code addEvaluated} (warm start), not suggested by this searcher. */
    boolean evaluated;

    Entry(String trialId, Map<String, Object> config) {
      this.trialId = trialId;
      this.config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
    }
  }

  private final List<Entry> entries = new ArrayList<>();
  private final Map<String, Entry> byId = new LinkedHashMap<>();

  int size() {
    return entries.size();
  }

  List<Entry> entries() {
    return Collections.unmodifiableList(entries);
  }

  void add(String trialId, Map<String, Object> config) {
    Entry e = new Entry(trialId, config);
    entries.add(e);
    byId.put(trialId, e);
  }

  /** Entries this searcher suggested (warm-start points excluded). */
  int suggestedCount() {
    int n = 0;
    for (Entry e : entries) if (!e.evaluated) n++;
    return n;
  }

  /** A finished observation from outside (warm start); ids are {@code warm-<n>}. */
  void addEvaluated(Map<String, Object> config, double loss) {
    int n = 0;
    for (Entry e : entries) if (e.evaluated) n++;
    String id = "warm-" + n;
    add(id, config);
    Entry e = byId.get(id);
    e.evaluated = true;
    e.state = State.DONE;
    e.loss = loss;
    e.losses = new double[] {loss};
  }

  boolean isRunning(String trialId) {
    Entry e = byId.get(trialId);
    return e != null && e.state == State.RUNNING;
  }

  /** Records the end of a trial; a null loss (no metric) drops it from the model. Unknown ids are ignored. */
  void complete(String trialId, Double loss) {
    complete(trialId, loss == null ? null : new double[] {loss});
  }

  /** As {@link #complete(String, Double)} with one loss per objective; a null or NaN loss drops the trial. */
  void complete(String trialId, double[] losses) {
    Entry e = byId.get(trialId);
    if (e == null || e.state != State.RUNNING) return;
    boolean missing = losses == null || losses.length == 0;
    if (!missing) for (double l : losses) missing |= Double.isNaN(l);
    if (missing) {
      e.state = State.DROPPED;
    } else {
      e.state = State.DONE;
      e.loss = losses[0];
      e.losses = losses.clone();
    }
  }

  Entry get(String trialId) {
    return byId.get(trialId);
  }

  /** Finished trials with a loss, in suggestion order. */
  List<Entry> done() {
    return entries.stream().filter(e -> e.state == State.DONE).toList();
  }

  List<Entry> running() {
    return entries.stream().filter(e -> e.state == State.RUNNING).toList();
  }

  long doneCount() {
    return entries.stream().filter(e -> e.state == State.DONE).count();
  }

  ArrayNode toJson() {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (Entry e : entries) {
      ObjectNode n = out.addObject();
      n.put("trialId", e.trialId);
      n.put("state", e.state.name());
      n.set("config", JsonValues.toJson(e.config));
      // a loss can be +-Infinity (a diverged trial), which JSON numbers cannot hold
      if (e.state == State.DONE) n.put("loss", Double.toString(e.loss));
      if (e.state == State.DONE && e.losses.length > 1) {
        ArrayNode ls = n.putArray("losses");
        for (double l : e.losses) ls.add(Double.toString(l));
      }
      if (e.generation >= 0) n.put("generation", e.generation);
      if (e.evaluated) n.put("evaluated", true);
    }
    return out;
  }

  /** The stored entry of a suggested trial ({@link #apply} takes it back). */
  static ObjectNode added(Entry e) {
    ObjectNode n = JsonNodeFactory.instance.objectNode().put("add", e.trialId);
    n.set("config", JsonValues.toJson(e.config));
    if (e.generation >= 0) n.put("generation", e.generation);
    return n;
  }

  /** The stored entry of a trial's end: its losses, none when it was dropped. */
  static ObjectNode ended(Entry e) {
    ObjectNode n = JsonNodeFactory.instance.objectNode().put("end", e.trialId);
    if (e.state == State.DONE) {
      ArrayNode ls = n.putArray("losses");
      for (double l : e.losses) ls.add(Double.toString(l)); // +-Infinity: not a JSON number
    }
    return n;
  }

  /** The stored entry of a warm-start point. */
  static ObjectNode warm(Entry e) {
    ObjectNode n = JsonNodeFactory.instance.objectNode().put("warm", Double.toString(e.loss));
    n.set("config", JsonValues.toJson(e.config));
    return n;
  }

  /** Every entry as {@link #added}, {@link #ended} and {@link #warm} write them, in an order that rebuilds it. */
  List<JsonNode> asEntries() {
    List<JsonNode> out = new ArrayList<>();
    for (Entry e : entries) {
      if (e.evaluated) {
        out.add(warm(e));
        continue;
      }
      out.add(added(e));
      if (e.state != State.RUNNING) out.add(ended(e));
    }
    return out;
  }

  /** Applies one stored entry, in the order they were written. */
  @SuppressWarnings("unchecked")
  void apply(JsonNode n) {
    if (n.has("add") && JsonValues.toJava(n.get("config")) instanceof Map<?, ?> config) {
      String id = n.get("add").asText();
      if (byId.containsKey(id)) throw new IllegalArgumentException("saved searcher entries suggest trial " + id + " twice");
      add(id, (Map<String, Object>) config);
      byId.get(id).generation = n.path("generation").asInt(-1);
    } else if (n.has("end")) {
      Entry e = byId.get(n.get("end").asText());
      if (e == null || e.state != State.RUNNING) throw new IllegalArgumentException("saved searcher entry ends an unknown or ended trial: " + n);
      double[] ls = null;
      if (n.has("losses")) {
        ls = new double[n.get("losses").size()];
        for (int i = 0; i < ls.length; i++) ls[i] = Double.parseDouble(n.get("losses").get(i).asText());
      }
      complete(e.trialId, ls);
    } else if (n.has("warm") && JsonValues.toJava(n.get("config")) instanceof Map<?, ?> config) {
      addEvaluated((Map<String, Object>) config, Double.parseDouble(n.get("warm").asText()));
    } else {
      throw new IllegalArgumentException("saved searcher entry is malformed: " + n);
    }
  }

  @SuppressWarnings("unchecked")
  static SearchHistory fromJson(JsonNode node) {
    if (node == null || !node.isArray()) throw new IllegalArgumentException("saved searcher state has no trial list");
    SearchHistory h = new SearchHistory();
    for (JsonNode n : node) {
      Object config = JsonValues.toJava(n.get("config"));
      if (!n.path("trialId").isTextual() || !(config instanceof Map)) {
        throw new IllegalArgumentException("saved searcher trial is malformed: " + n);
      }
      if (n.path("evaluated").asBoolean(false)) {
        h.addEvaluated((Map<String, Object>) config, Double.parseDouble(n.path("loss").asText()));
        continue;
      }
      h.add(n.get("trialId").asText(), (Map<String, Object>) config);
      h.get(n.get("trialId").asText()).generation = n.path("generation").asInt(-1);
      State state = State.valueOf(n.path("state").asText("RUNNING"));
      if (state == State.DONE && n.has("losses")) {
        double[] ls = new double[n.get("losses").size()];
        for (int i = 0; i < ls.length; i++) ls[i] = Double.parseDouble(n.get("losses").get(i).asText());
        h.complete(n.get("trialId").asText(), ls);
      } else if (state == State.DONE) h.complete(n.get("trialId").asText(), Double.parseDouble(n.path("loss").asText()));
      else if (state == State.DROPPED) h.complete(n.get("trialId").asText(), (double[]) null);
    }
    return h;
  }
}
