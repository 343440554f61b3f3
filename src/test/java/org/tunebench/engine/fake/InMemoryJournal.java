package org.tunebench.engine.fake;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.tunebench.engine.ExperimentJournal;
import org.tunebench.engine.PluginSave;
import org.tunebench.engine.ResultEffects;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.model.TrialStatus;

/**
 * A journal in memory for driver-logic tests. Writes are durable at once unless {@link #holdDurability} is
 * set, in which case callbacks wait until {@link #releaseDurable} (a slow disk, or a crash before commit).
 */
public final class InMemoryJournal implements ExperimentJournal {
  public record Result(String trialId, int iteration, Map<String, Object> values, boolean supersedes, JsonNode decision) {
    public Result(String trialId, int iteration, Map<String, Object> values, boolean supersedes) {
      this(trialId, iteration, values, supersedes, null);
    }
  }

  public record Event(String trialId, TrialStatus from, TrialStatus to, String reason) {}

  public record Checkpoint(String trialId, int iteration, double timeTotalS, String path) {}

  public record Exploit(String trialId, String donorId, Map<String, Object> newConfig, String checkpoint) {}

  /** The newest state each plug-in saved, as a store would keep it for {@code resume}. */
  public volatile JsonNode searcherState;
  public volatile JsonNode schedulerState;
  public volatile JsonNode stopperState;
  public final List<Checkpoint> checkpointRows = new CopyOnWriteArrayList<>();

  public final List<Result> results = new CopyOnWriteArrayList<>();
  public final List<Exploit> exploits = new CopyOnWriteArrayList<>();
  public final List<Event> events = new CopyOnWriteArrayList<>();
  public final List<String> experimentStatuses = new CopyOnWriteArrayList<>();
  public final List<String> checkpointsAdded = new CopyOnWriteArrayList<>();
  public final List<String> checkpointsRemoved = new CopyOnWriteArrayList<>();
  /** Each removal as the store marks it: one trial's row of that path (a PBT clone shares its donor's folder). */
  public final List<Checkpoint> checkpointRemovals = new CopyOnWriteArrayList<>();
  public final Map<String, TrialSnapshot> trials = new ConcurrentHashMap<>();
  private final List<Runnable> held = new ArrayList<>();
  public volatile boolean holdDurability;
  private volatile FailureListener failures;

  private synchronized void durable(Runnable r) {
    if (r == null) return;
    if (holdDurability) held.add(r);
    else r.run();
  }

  public void releaseDurable() {
    List<Runnable> now;
    synchronized (this) {
      holdDurability = false;
      now = new ArrayList<>(held);
      held.clear();
    }
    now.forEach(Runnable::run);
  }

  /** Tells the driver the store is gone, as a full disk would. */
  public void loseStore(Throwable cause) {
    failures.storeLost(cause);
  }

  /** The kept timeline of one trial: each iteration once, superseded rows left out. */
  public List<Result> timeline(String trialId) {
    List<Result> kept = new ArrayList<>();
    for (Result r : results) {
      if (!r.trialId().equals(trialId)) continue;
      if (r.supersedes()) kept.removeIf(k -> k.iteration() >= r.iteration());
      kept.add(r);
    }
    return kept;
  }

  @Override public void experimentStatus(String status, Instant at) {
    experimentStatuses.add(status);
  }

  @Override public void searcherState(JsonNode state) {
    searcherState = state == null ? null : state.deepCopy();
  }

  /** The searcher's entries appended so far (see {@code Searcher.saveChanges}), with the state they go with. */
  public final List<JsonNode> searcherEntries = new CopyOnWriteArrayList<>();

  @Override public synchronized void searcherState(JsonNode state, List<JsonNode> appended) {
    for (JsonNode e : appended) searcherEntries.add(e.deepCopy());
    searcherState(state);
  }

  @Override public synchronized void trialSuggested(TrialSnapshot trial, JsonNode state, List<JsonNode> appended) {
    trialSaved(trial);
    searcherState(state, appended);
  }

  /** Entries a scheduler or the stoppers appended after their stored state ({@code PluginSave}), by plug-in. */
  public final Map<String, List<JsonNode>> pluginEntries = new ConcurrentHashMap<>();

  @Override public synchronized void pluginState(String plugin, PluginSave save) {
    if (save.isEmpty()) return;
    List<JsonNode> entries = pluginEntries.computeIfAbsent(plugin, k -> new CopyOnWriteArrayList<>());
    if (save.replaces()) {
      entries.clear();
      if (ResultEffects.SCHEDULER.equals(plugin)) schedulerState(save.state());
      else stopperState(save.state());
    }
    for (JsonNode e : save.appended()) entries.add(e.deepCopy());
  }

  public List<JsonNode> entries(String plugin) {
    return pluginEntries.getOrDefault(plugin, List.of());
  }

  /**
   * Called with the number of results stored so far right after a result and what it changed are stored and
   * before its reply goes out: a test copies the journal there to play a driver killed at that commit.
   */
  public volatile java.util.function.IntConsumer afterResultStored = n -> { };

  /** As {@link #afterResultStored}, with the number of PBT exploits stored so far, right after one is. */
  public volatile java.util.function.IntConsumer afterExploitStored = n -> { };

  /** A copy of everything stored so far, as a store would hold it after a hard kill now. */
  public synchronized InMemoryJournal copy() {
    InMemoryJournal c = new InMemoryJournal();
    c.searcherState = searcherState == null ? null : searcherState.deepCopy();
    c.schedulerState = schedulerState == null ? null : schedulerState.deepCopy();
    c.stopperState = stopperState == null ? null : stopperState.deepCopy();
    for (JsonNode e : searcherEntries) c.searcherEntries.add(e.deepCopy());
    pluginEntries.forEach((k, v) -> {
      List<JsonNode> copy = new CopyOnWriteArrayList<>();
      for (JsonNode e : v) copy.add(e.deepCopy());
      c.pluginEntries.put(k, copy);
    });
    c.checkpointRows.addAll(checkpointRows);
    c.results.addAll(results);
    c.exploits.addAll(exploits);
    c.events.addAll(events);
    c.experimentStatuses.addAll(experimentStatuses);
    c.checkpointsAdded.addAll(checkpointsAdded);
    c.checkpointsRemoved.addAll(checkpointsRemoved);
    c.checkpointRemovals.addAll(checkpointRemovals);
    c.trials.putAll(trials);
    return c;
  }

  /** Per trial, the decision stored with its newest kept result that has one (as the store's lastDecisions). */
  public Map<String, JsonNode> lastDecisions() {
    Map<String, JsonNode> out = new java.util.HashMap<>();
    for (String id : trials.keySet()) {
      for (Result r : timeline(id)) if (r.decision() != null) out.put(id, r.decision());
    }
    return out;
  }

  @Override public void schedulerState(JsonNode state) {
    schedulerState = state == null ? null : state.deepCopy();
  }

  @Override public void stopperState(JsonNode state) {
    stopperState = state == null ? null : state.deepCopy();
  }

  @Override public void trialSaved(TrialSnapshot trial) {
    trials.put(trial.id(), trial);
  }

  @Override public void statusChanged(String trialId, TrialStatus from, TrialStatus to, String reason, Instant at) {
    events.add(new Event(trialId, from, to, reason));
  }

  @Override public void result(String trialId, int iteration, Map<String, Object> result, Instant at,
      boolean supersedes, Runnable onDurable) {
    result(trialId, iteration, result, at, supersedes, ResultEffects.none(), onDurable);
  }

  @Override public void result(String trialId, int iteration, Map<String, Object> result, Instant at,
      boolean supersedes, ResultEffects effects, Runnable onDurable) {
    int n;
    synchronized (this) {
      results.add(new Result(trialId, iteration, result, supersedes,
          effects.decision() == null ? null : effects.decision().deepCopy()));
      pluginState(ResultEffects.SCHEDULER, effects.scheduler());
      pluginState(ResultEffects.STOPPER, effects.stopper());
      n = results.size();
    }
    afterResultStored.accept(n);
    durable(onDurable);
  }

  @Override public void exploit(String trialId, String donorId, Map<String, Object> oldConfig,
      Map<String, Object> newConfig, String checkpoint, Instant at) {
    int n;
    synchronized (this) {
      exploits.add(new Exploit(trialId, donorId, Map.copyOf(newConfig), checkpoint));
      n = exploits.size();
    }
    afterExploitStored.accept(n);
  }

  /** Per trial, how many PBT exploits are stored (as resume counts them from the store). */
  public Map<String, Integer> exploitCounts() {
    Map<String, Integer> out = new java.util.HashMap<>();
    for (Exploit x : exploits) out.merge(x.trialId(), 1, Integer::sum);
    return out;
  }

  @Override public void checkpointAdded(String trialId, int iteration, double timeTotalS, String path, Instant at,
      Runnable onDurable) {
    checkpointsAdded.add(path);
    checkpointRows.add(new Checkpoint(trialId, iteration, timeTotalS, path));
    durable(onDurable);
  }

  @Override public void checkpointRemoved(String trialId, String path, Instant at) {
    checkpointsRemoved.add(path);
    checkpointRemovals.add(new Checkpoint(trialId, -1, 0, path));
  }

  @Override public void flush() {
  }

  @Override public void onFailure(FailureListener listener) {
    failures = listener;
  }
}
