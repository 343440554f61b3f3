package org.tunebench.engine.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Ray Tune's {@code ConcurrencyLimiter}: wraps a searcher and gives no new config while {@code maxConcurrent}
 * of its suggestions are still running, so a sequential model (TPE, GP) sees results before proposing more.
 */
public final class ConcurrencyLimiter implements Searcher {
  @Override public boolean learnsFromResults() {
    return searcher.learnsFromResults();
  }

  public static final String TYPE = "concurrency_limiter";

  private final Searcher searcher;
  private final int maxConcurrent;
  private final Set<String> live = new LinkedHashSet<>();

  public ConcurrencyLimiter(Searcher searcher, int maxConcurrent) {
    if (maxConcurrent < 1) throw new IllegalArgumentException("maxConcurrent must be >= 1, got " + maxConcurrent);
    this.searcher = searcher;
    this.maxConcurrent = maxConcurrent;
  }

  public int maxConcurrent() {
    return maxConcurrent;
  }

  /** The trials suggested through this limiter that have not completed. */
  public Set<String> live() {
    return Set.copyOf(live);
  }

  @Override public Optional<Map<String, Object>> suggest(String trialId) {
    if (live.size() >= maxConcurrent) return Optional.empty();
    Optional<Map<String, Object>> config = searcher.suggest(trialId);
    config.ifPresent(c -> live.add(trialId));
    return config;
  }

  @Override public boolean isFinished() {
    return searcher.isFinished();
  }

  @Override public void onTrialResult(String trialId, Map<String, Object> result) {
    searcher.onTrialResult(trialId, result);
  }

  @Override public void addEvaluated(Map<String, Object> config, double value) {
    searcher.addEvaluated(config, value);
  }

  @Override public void onTrialComplete(String trialId, Map<String, Object> lastResult, boolean errored) {
    live.remove(trialId);
    searcher.onTrialComplete(trialId, lastResult, errored);
  }

  @Override public JsonNode save() {
    ObjectNode state = JsonNodeFactory.instance.objectNode();
    state.put("type", TYPE);
    state.putArray("live").addAll(live.stream().map(JsonNodeFactory.instance::textNode).toList());
    state.set("searcher", searcher.save());
    return state;
  }

  @Override public void restore(JsonNode state) {
    restore(state, java.util.List.of());
  }

  /** The wrapped searcher's entries are this one's: the limiter adds only its small part to the state. */
  @Override public SearcherSave saveChanges() {
    SearcherSave inner = searcher.saveChanges();
    ObjectNode state = JsonNodeFactory.instance.objectNode();
    state.put("type", TYPE);
    state.putArray("live").addAll(live.stream().map(JsonNodeFactory.instance::textNode).toList());
    state.set("searcher", inner.state());
    return new SearcherSave(state, inner.appended());
  }

  @Override public void restore(JsonNode state, java.util.List<JsonNode> appended) {
    if (state == null || !TYPE.equals(state.path("type").asText(null)) || !state.path("live").isArray()) {
      throw new IllegalArgumentException("not a saved " + TYPE + " state: " + state);
    }
    searcher.restore(state.get("searcher"), appended);
    live.clear();
    state.get("live").forEach(n -> live.add(n.asText()));
  }
}
