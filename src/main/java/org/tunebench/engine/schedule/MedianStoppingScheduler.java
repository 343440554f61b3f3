package org.tunebench.engine.schedule;

import org.tunebench.model.ExperimentSpec.Mode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tunebench.engine.NumpyStats;
import org.tunebench.engine.ResultValues;
import org.tunebench.model.TrialStatus;

/**
 * Median stopping rule (Golovin et al. 2017, "Google Vizier: A Service for Black-Box Optimization", KDD),
 * as Ray Tune's {@code MedianStoppingRule}.
 *
 * <p>Ray parameters: {@code time_attr} = timeAttr ("time_total_s"), {@code grace_period} = gracePeriod
 * (60.0), {@code min_samples_required} = minSamplesRequired (3), {@code min_time_slice} = minTimeSlice (0),
 * {@code hard_stop} = hardStop (true), {@code metric}, {@code mode}.
 *
 * <p>At time t (after the grace period) a trial stops when its best value so far is strictly worse than the
 * median, over the other trials whose last result reached t (completed ones included), of each one's mean
 * value over results with {@code gracePeriod <= time <= t}. With fewer than minSamplesRequired such trials
 * it yields (PAUSE) when others wait and minTimeSlice has passed since its last pause, as Ray does.
 * With hardStop false a losing trial is paused and, once resumed, runs on FIFO.
 */
public final class MedianStoppingScheduler implements TrialScheduler {
  private final String metric;
  private final boolean max;
  private final String timeAttr;
  private final double gracePeriod;
  private final int minSamplesRequired;
  private final double minTimeSlice;
  private final boolean hardStop;
  /** Per trial, in the order first seen (Ray's defaultdict order), the (time, value) of each result. */
  private final Map<String, List<double[]>> results = new LinkedHashMap<>();
  private final Set<String> stoppedTrials = new HashSet<>();
  private final Map<String, Double> lastPause = new HashMap<>();
  private SchedulerContext context;
  /** What changed since the last {@link #saveChanges()}: one small entry per recorded result, stop or pause. */
  private final List<JsonNode> changes = new ArrayList<>();

  public MedianStoppingScheduler(String metric, Mode mode, String timeAttr, double gracePeriod,
      int minSamplesRequired, double minTimeSlice, boolean hardStop) {
    this.metric = metric;
    this.max = mode != Mode.MIN;
    this.timeAttr = timeAttr;
    this.gracePeriod = gracePeriod;
    this.minSamplesRequired = minSamplesRequired;
    this.minTimeSlice = minTimeSlice;
    this.hardStop = hardStop;
  }

  public MedianStoppingScheduler(String metric, Mode mode) {
    this(metric, mode, "time_total_s", 60.0, 3, 0, true);
  }

  @Override
  public void setContext(SchedulerContext context) {
    this.context = context;
  }

  @Override
  public Decision onTrialResult(TrialView trial, Map<String, Object> result) {
    Double time = ResultValues.number(result, timeAttr);
    Double value = ResultValues.number(result, metric);
    if (time == null || value == null) return Decision.CONTINUE;
    if (stoppedTrials.contains(trial.id())) return Decision.CONTINUE; // paused once, now FIFO
    record(trial.id(), time, value);
    if (time < gracePeriod) return Decision.CONTINUE;

    List<String> others = new ArrayList<>();
    for (Map.Entry<String, List<double[]>> e : results.entrySet()) {
      List<double[]> rs = e.getValue();
      if (!e.getKey().equals(trial.id()) && rs.get(rs.size() - 1)[0] >= time) others.add(e.getKey());
    }
    if (others.size() < minSamplesRequired) {
      Decision action = onInsufficientSamples(trial, time);
      if (action == Decision.PAUSE) {
        lastPause.put(trial.id(), time);
        ArrayNode e = JsonNodeFactory.instance.arrayNode().add("p").add(trial.id());
        SchedulerState.addNumber(e, time);
        changes.add(e);
      }
      return action;
    }
    List<Double> means = new ArrayList<>();
    for (String id : others) means.add(runningMean(id, time));
    double median = NumpyStats.median(means);
    double best = bestResult(trial.id());
    // Ray: compare_op(median, best) != best, with Python's max/min keeping the first argument on ties/NaN
    if (compareOp(median, best) != best) {
      stoppedTrials.add(trial.id());
      changes.add(JsonNodeFactory.instance.arrayNode().add("s").add(trial.id()));
      return hardStop ? Decision.STOP : Decision.PAUSE;
    }
    return Decision.CONTINUE;
  }

  private Decision onInsufficientSamples(TrialView trial, double time) {
    boolean pause = time - lastPause.getOrDefault(trial.id(), Double.NEGATIVE_INFINITY) > minTimeSlice;
    if (!pause || context == null) return Decision.CONTINUE;
    boolean othersWaiting = context.trials().stream()
        .anyMatch(t -> t.status() == TrialStatus.PENDING || t.status() == TrialStatus.PAUSED);
    return othersWaiting ? Decision.PAUSE : Decision.CONTINUE;
  }

  private double compareOp(double a, double b) {
    if (max) return b > a ? b : a;
    return b < a ? b : a;
  }

  private double runningMean(String id, double time) {
    List<Double> scoped = new ArrayList<>();
    for (double[] r : results.get(id)) if (gracePeriod <= r[0] && r[0] <= time) scoped.add(r[1]);
    return NumpyStats.mean(scoped);
  }

  private double bestResult(String id) {
    List<double[]> rs = results.get(id);
    double best = rs.get(0)[1];
    for (int i = 1; i < rs.size(); i++) best = compareOp(best, rs.get(i)[1]);
    return best;
  }

  @Override
  public void onTrialComplete(TrialView trial, Map<String, Object> result) {
    Double time = ResultValues.number(result, timeAttr);
    Double value = ResultValues.number(result, metric);
    if (time != null && value != null) record(trial.id(), time, value);
  }

  private void record(String id, double time, double value) {
    results.computeIfAbsent(id, k -> new ArrayList<>()).add(new double[] {time, value});
    ArrayNode e = JsonNodeFactory.instance.arrayNode().add("r").add(id);
    SchedulerState.addNumber(e, time);
    SchedulerState.addNumber(e, value);
    changes.add(e);
  }

  /**
   * Entries {@code ["r", id, time, value]} (a result recorded), {@code ["s", id]} (stopped or paused for good)
   * and {@code ["p", id, time]} (paused for lack of samples): a save costs the result, not every history.
   */
  @Override
  public org.tunebench.engine.PluginSave saveChanges() {
    return org.tunebench.engine.PluginSave.drain(changes);
  }

  @Override
  public void restore(JsonNode state, List<JsonNode> entries) {
    if (state != null && !state.isNull()) restore(state);
    for (JsonNode e : entries) {
      String id = e.path(1).asText(null);
      if (!e.isArray() || id == null) throw new IllegalArgumentException("not a saved median scheduler entry: " + e);
      switch (e.get(0).asText()) {
        case "r" -> results.computeIfAbsent(id, k -> new ArrayList<>())
            .add(new double[] {SchedulerState.number(e.get(2)), SchedulerState.number(e.get(3))});
        case "s" -> stoppedTrials.add(id);
        case "p" -> lastPause.put(id, SchedulerState.number(e.get(2)));
        default -> throw new IllegalArgumentException("not a saved median scheduler entry: " + e);
      }
    }
    changes.clear();
  }

  /**
   * {@code {"type": "median", "results": {id: [[time, value], ...]}, "stopped": [id...], "lastPause": {id: t}}},
   * trials in the order first seen (the order the median is taken over); non-finite numbers as strings.
   */
  @Override
  public JsonNode save() {
    ObjectNode s = JsonNodeFactory.instance.objectNode();
    s.put("type", "median");
    ObjectNode rs = s.putObject("results");
    results.forEach((id, list) -> {
      ArrayNode a = rs.putArray(id);
      for (double[] r : list) {
        ArrayNode p = a.addArray();
        SchedulerState.addNumber(p, r[0]);
        SchedulerState.addNumber(p, r[1]);
      }
    });
    ArrayNode st = s.putArray("stopped");
    stoppedTrials.stream().sorted().forEach(st::add);
    ObjectNode lp = s.putObject("lastPause");
    lastPause.forEach((id, t) -> SchedulerState.putNumber(lp, id, t));
    return s;
  }

  @Override
  public void restore(JsonNode state) {
    SchedulerState.check(state, "median");
    changes.clear();
    results.clear();
    state.path("results").fields().forEachRemaining(e -> {
      List<double[]> list = new ArrayList<>();
      for (JsonNode p : e.getValue()) list.add(new double[] {SchedulerState.number(p.get(0)), SchedulerState.number(p.get(1))});
      results.put(e.getKey(), list);
    });
    stoppedTrials.clear();
    state.path("stopped").forEach(n -> stoppedTrials.add(n.asText()));
    lastPause.clear();
    state.path("lastPause").fields().forEachRemaining(e -> lastPause.put(e.getKey(), SchedulerState.number(e.getValue())));
  }

  public int numStopped() {
    return stoppedTrials.size();
  }
}
