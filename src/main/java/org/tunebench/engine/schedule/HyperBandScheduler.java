package org.tunebench.engine.schedule;

import org.tunebench.model.ExperimentSpec.Mode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tunebench.engine.ResultValues;
import org.tunebench.model.TrialStatus;

/**
 * Synchronous HyperBand (Li et al. 2017, "Hyperband: A Novel Bandit-Based Approach to Hyperparameter
 * Optimization", JMLR), as Ray Tune's {@code HyperBandScheduler}.
 *
 * <p>Ray parameters: {@code time_attr} = timeAttr ("training_iteration"), {@code max_t} = maxT (81),
 * {@code reduction_factor} = reductionFactor (3), {@code stop_last_trials} = stopLastTrials (true),
 * {@code metric}, {@code mode}.
 *
 * <p>New trials fill brackets in order (s = 0, 1, ... within a band, as Ray does); a trial reaching its
 * bracket's milestone is PAUSED until every live trial of the bracket has reached it; then the top
 * {@code n/rf} go on (paused ones are offered again by {@link #chooseTrialToRun}) and the rest are stopped
 * ({@link SchedulerContext#stopTrial} for paused ones).
 *
 * <p>Kept from Ray on purpose: the next milestone is {@code min(r*rf, maxT - milestone)}, not cumulative,
 * so with maxT 81 and rf 3 a bracket's last rung can sit below maxT (e.g. 27 then 54). Deviations: the
 * trial being handled is recognised by id, not by RUNNING status; a trial with no metric yet ranks last at
 * a halving instead of failing; when no trial runs, brackets with paused trials are processed so they
 * cannot deadlock (as newer Ray does).
 */
public final class HyperBandScheduler implements TrialScheduler {
  private final String timeAttr;
  private final String metric;
  private final double metricOp;
  private final double eta;
  private final int maxT;
  private final boolean stopLastTrials;
  private final int sMax1;
  private final List<List<Bracket>> hyperbands = new ArrayList<>();
  private final Map<String, Bracket> trialInfo = new HashMap<>();
  private Bracket current;
  private SchedulerContext context;
  private int numStopped;
  /** Brackets changed since the last {@link #saveChanges()}, and the other changes (memberships, skipped slots). */
  private final Set<Bracket> dirty = new java.util.LinkedHashSet<>();
  private final List<JsonNode> changes = new ArrayList<>();

  public HyperBandScheduler(String metric, Mode mode, String timeAttr, int maxT, double reductionFactor,
      boolean stopLastTrials) {
    if (maxT <= 0) throw new IllegalArgumentException("maxT must be positive");
    if (!(reductionFactor > 1)) throw new IllegalArgumentException("reductionFactor must be > 1");
    this.metric = metric;
    this.metricOp = mode == Mode.MIN ? -1.0 : 1.0;
    this.timeAttr = timeAttr;
    this.maxT = maxT;
    this.eta = reductionFactor;
    this.stopLastTrials = stopLastTrials;
    // np.round rounds half to even, as Math.rint
    this.sMax1 = (int) Math.rint(Math.log(maxT) / Math.log(reductionFactor)) + 1;
    hyperbands.add(new ArrayList<>());
  }

  public HyperBandScheduler(String metric, Mode mode) {
    this(metric, mode, "training_iteration", 81, 3, true);
  }

  @Override
  public void setContext(SchedulerContext context) {
    this.context = context;
  }

  private int n0(int s) {
    return (int) Math.ceil(sMax1 / (double) (s + 1) * Math.pow(eta, s));
  }

  private int r0(int s) {
    return (int) (maxT * Math.pow(eta, -s));
  }

  @Override
  public void onTrialAdd(TrialView trial) {
    Bracket known = trialInfo.get(trial.id());
    boolean finished = trial.status() != null && trial.status().isFinished();
    if (known != null && (finished || known.live.containsKey(trial.id()))) { // handed back by a resumed driver: it keeps its bracket
      known.views.put(trial.id(), trial);
      return;
    }
    // restarted or extended by the user after it left its bracket: it joins the current one, as Ray's requeue
    if (known != null) {
      trialInfo.remove(trial.id());
      changes.add(JsonNodeFactory.instance.arrayNode().add("x").add(trial.id()));
    }
    if (trial.status() != null && trial.status().isFinished()) return; // finished before a resume without state
    if (current == null || current.filled()) {
      List<Bracket> band = hyperbands.get(hyperbands.size() - 1);
      while (true) {
        if (band.size() == sMax1) {
          band = new ArrayList<>();
          hyperbands.add(band);
        }
        int s = band.size();
        if (r0(s) == 0) {
          band.add(null); // bracket too small to run anything: skipped, as in Ray
          current = null;
          changes.add(JsonNodeFactory.instance.arrayNode().add("b").add(hyperbands.size() - 1).add(band.size() - 1).addNull());
        } else {
          current = new Bracket(n0(s), r0(s), s);
          band.add(current);
          break;
        }
      }
    }
    current.live.put(trial.id(), null);
    current.views.put(trial.id(), trial);
    trialInfo.put(trial.id(), current);
    dirty.add(current);
    changes.add(JsonNodeFactory.instance.arrayNode().add("m").add(trial.id()).add(hyperbands.size() - 1)
        .add(hyperbands.get(hyperbands.size() - 1).size() - 1));
  }

  @Override
  public Decision onTrialResult(TrialView trial, Map<String, Object> result) {
    Bracket bracket = trialInfo.get(trial.id());
    if (bracket == null || !bracket.live.containsKey(trial.id())) return Decision.CONTINUE;
    if (ResultValues.number(result, timeAttr) == null) return Decision.CONTINUE;
    bracket.views.put(trial.id(), trial);
    bracket.updateTrialStats(trial.id(), result);
    dirty.add(bracket);
    if (bracket.continueTrial(trial.id())) return Decision.CONTINUE;
    return processBracket(bracket, trial.id());
  }

  /** Halves the bracket when all its live trials reached the milestone; the handled trial's decision. */
  private Decision processBracket(Bracket bracket, String currentId) {
    Decision action = Decision.PAUSE;
    if (!bracket.curIterDone()) return action;
    dirty.add(bracket);
    if (bracket.finished()) {
      for (String id : List.copyOf(bracket.live.keySet())) {
        if (!id.equals(currentId) && status(bracket, id) == TrialStatus.PAUSED && context != null) {
          context.completeTrial(id, bracketEnd(bracket));
        }
      }
      return Decision.STOP;
    }
    List<String> sorted = bracket.successiveHalving();
    int keep = Math.min(bracket.n, sorted.size());
    List<String> bad = sorted.subList(0, sorted.size() - keep);
    List<String> good = sorted.subList(sorted.size() - keep, sorted.size());
    numStopped += bad.size();
    changes.add(JsonNodeFactory.instance.arrayNode().add("n").add(numStopped));
    for (String id : List.copyOf(bad)) {
      bracket.live.remove(id);
      bracket.toUnpause.remove(id);
      if (id.equals(currentId)) action = Decision.STOP;
      else stop(id);
    }
    for (String id : good) {
      if (!bracket.continueTrial(id)) continue; // too far ahead: waits for the next halving
      if (id.equals(currentId)) action = Decision.CONTINUE;
      else bracket.toUnpause.add(id);
    }
    return action;
  }

  /** A trial that survived every halving of its bracket and reached its last rung did not stop early. */
  @Override
  public String completedBy(TrialView trial, Map<String, Object> result) {
    Bracket b = trialInfo.get(trial.id());
    return b != null && b.live.containsKey(trial.id()) && b.finished() ? bracketEnd(b) : null;
  }

  private String bracketEnd(Bracket b) {
    return "completed: reached the last rung of its hyperband bracket (" + timeAttr + " " + (long) b.cumulR + ")";
  }

  private TrialStatus status(Bracket b, String id) {
    TrialView v = b.views.get(id);
    return v == null ? null : v.status();
  }

  private void stop(String id) {
    if (context != null) context.stopTrial(id);
  }

  @Override
  public void onTrialComplete(TrialView trial, Map<String, Object> result) {
    onTrialRemove(trial);
  }

  @Override
  public void onTrialError(TrialView trial) {
    onTrialRemove(trial);
  }

  @Override
  public void onTrialRemove(TrialView trial) {
    Bracket bracket = trialInfo.get(trial.id());
    // a trial already dropped (e.g. stopped at a halving) changes nothing; re-processing would halve again
    if (bracket == null || !bracket.live.containsKey(trial.id())) return;
    bracket.live.remove(trial.id());
    bracket.toUnpause.remove(trial.id());
    dirty.add(bracket);
    // a finished trial may have been the last one the bracket was waiting for
    if (!bracket.finished()) processBracket(bracket, null);
  }

  @Override
  public TrialView chooseTrialToRun(List<TrialView> candidates) {
    TrialView t = pick(candidates);
    if (t != null || context == null) return t;
    boolean anyRunning = context.trials().stream().anyMatch(v -> v.status() == TrialStatus.RUNNING);
    if (anyRunning) return null;
    for (List<Bracket> band : hyperbands) {
      for (Bracket b : band) {
        if (b != null && b.live.keySet().stream().anyMatch(id -> status(b, id) == TrialStatus.PAUSED)) {
          processBracket(b, null);
        }
      }
    }
    return pick(candidates);
  }

  /** Fair scheduling: least complete bracket first; its PENDING trials or the paused ones it released. */
  private TrialView pick(List<TrialView> candidates) {
    Map<String, TrialView> byId = new LinkedHashMap<>();
    for (TrialView c : candidates) byId.put(c.id(), c);
    for (List<Bracket> band : hyperbands) {
      List<Bracket> ordered = band.stream().filter(b -> b != null)
          .sorted(Comparator.comparingDouble(Bracket::completionPercentage)).toList();
      for (Bracket b : ordered) {
        for (String id : b.live.keySet()) {
          TrialView c = byId.get(id);
          if (c == null) continue;
          if (c.status() == TrialStatus.PENDING || (c.status() == TrialStatus.PAUSED && b.toUnpause.contains(id))) {
            return c;
          }
        }
      }
    }
    return null;
  }

  public int numStopped() {
    return numStopped;
  }

  /** Brackets created so far as {@code [s, maxTrials, milestone]} rows, band by band (skipped ones left out). */
  public List<int[]> bracketShapes() {
    List<int[]> out = new ArrayList<>();
    for (List<Bracket> band : hyperbands) {
      for (Bracket b : band) if (b != null) out.add(new int[] {b.s0, b.n0, (int) b.cumulR});
    }
    return out;
  }

  /**
   * Every band's brackets with their live trials' last time and metric, sizes, milestones and progress, and
   * which bracket each trial belongs to, so a resumed run halves exactly where this one would have.
   */
  @Override
  public JsonNode save() {
    ObjectNode o = JsonNodeFactory.instance.objectNode().put("type", "hyperband").put("maxT", maxT)
        .put("reductionFactor", eta).put("numStopped", numStopped);
    Map<Bracket, ArrayNode> members = new HashMap<>();
    ArrayNode bands = o.putArray("bands");
    for (List<Bracket> band : hyperbands) {
      ArrayNode b = bands.addArray();
      for (Bracket br : band) {
        if (br == null) {
          b.addNull();
          continue;
        }
        ObjectNode j = bracketJson(br);
        b.add(j);
        members.put(br, j.putArray("trials"));
      }
    }
    trialInfo.forEach((id, br) -> members.get(br).add(id));
    return o;
  }

  @Override
  public void restore(JsonNode state) {
    SchedulerState.check(state, "hyperband");
    if (state.path("maxT").asInt() != maxT || SchedulerState.number(state.get("reductionFactor")) != eta) {
      throw new IllegalArgumentException("saved hyperband state has other maxT / reductionFactor: " + state);
    }
    hyperbands.clear();
    trialInfo.clear();
    current = null;
    numStopped = state.path("numStopped").asInt();
    for (JsonNode b : state.path("bands")) {
      List<Bracket> band = new ArrayList<>();
      hyperbands.add(band);
      for (JsonNode j : b) {
        if (j.isNull()) {
          band.add(null);
          continue;
        }
        Bracket br = readBracket(j);
        j.path("trials").forEach(id -> trialInfo.put(id.asText(), br));
        band.add(br);
        current = br;
      }
    }
    if (hyperbands.isEmpty()) hyperbands.add(new ArrayList<>());
    dirty.clear();
    changes.clear();
  }

  private ObjectNode bracketJson(Bracket br) {
    ObjectNode j = JsonNodeFactory.instance.objectNode().put("s", br.s0).put("n0", br.n0).put("n", br.n).put("r", br.r)
        .put("cumulR", br.cumulR).put("halves", br.halves).put("completedProgress", br.completedProgress);
    ArrayNode live = j.putArray("live");
    br.live.forEach((id, res) -> {
      ArrayNode row = live.addArray().add(id);
      if (res == null) {
        row.addNull().addNull();
        return;
      }
      Double t = ResultValues.number(res, timeAttr);
      Double v = ResultValues.number(res, metric);
      if (t == null) row.addNull(); else SchedulerState.addNumber(row, t);
      if (v == null) row.addNull(); else SchedulerState.addNumber(row, v);
    });
    ArrayNode unpause = j.putArray("toUnpause");
    br.live.keySet().stream().filter(br.toUnpause::contains).forEach(unpause::add);
    return j;
  }

  private Bracket readBracket(JsonNode j) {
    int s = j.path("s").asInt();
    Bracket br = new Bracket(j.path("n0").asInt(), r0(s), s);
    br.n = j.path("n").asInt();
    br.r = SchedulerState.number(j.get("r"));
    br.cumulR = SchedulerState.number(j.get("cumulR"));
    br.halves = j.path("halves").asInt();
    br.completedProgress = SchedulerState.number(j.get("completedProgress"));
    for (JsonNode row : j.path("live")) {
      Map<String, Object> res = null;
      if (!row.get(1).isNull() || !row.get(2).isNull()) {
        res = new LinkedHashMap<>();
        if (!row.get(1).isNull()) res.put(timeAttr, SchedulerState.number(row.get(1)));
        if (!row.get(2).isNull()) res.put(metric, SchedulerState.number(row.get(2)));
      }
      br.live.put(row.get(0).asText(), res);
    }
    j.path("toUnpause").forEach(id -> br.toUnpause.add(id.asText()));
    return br;
  }

  /**
   * Entries {@code ["b", band, index, bracket]} for each bracket a call changed (its live trials, sizes and
   * progress, as in {@link #save()}; null for a skipped slot), {@code ["m", id, band, index]} (the trial joined
   * that bracket), {@code ["x", id]} (it left its bracket) and {@code ["n", numStopped]}: a save costs the
   * brackets a result touched, not every band.
   */
  @Override
  public org.tunebench.engine.PluginSave saveChanges() {
    // brackets first: the memberships and skipped slots after them refer to positions they fill
    List<JsonNode> out = new ArrayList<>();
    for (Bracket br : dirty) {
      int[] at = position(br);
      out.add(JsonNodeFactory.instance.arrayNode().add("b").add(at[0]).add(at[1]).add(bracketJson(br)));
    }
    out.addAll(changes);
    changes.clear();
    dirty.clear();
    return org.tunebench.engine.PluginSave.appended(out);
  }

  private int[] position(Bracket br) {
    for (int b = hyperbands.size() - 1; b >= 0; b--) {
      List<Bracket> band = hyperbands.get(b);
      for (int i = band.size() - 1; i >= 0; i--) if (band.get(i) == br) return new int[] {b, i};
    }
    throw new IllegalStateException("bracket not in any band");
  }

  @Override
  public void restore(JsonNode state, List<JsonNode> entries) {
    if (state != null && !state.isNull()) restore(state);
    for (JsonNode e : entries) {
      if (!e.isArray() || e.size() < 2) throw new IllegalArgumentException("not a saved hyperband scheduler entry: " + e);
      switch (e.get(0).asText()) {
        case "b" -> {
          int b = e.get(1).asInt();
          int i = e.get(2).asInt();
          while (hyperbands.size() <= b) hyperbands.add(new ArrayList<>());
          List<Bracket> band = hyperbands.get(b);
          while (band.size() <= i) band.add(null);
          Bracket old = band.get(i);
          Bracket br = e.get(3).isNull() ? null : readBracket(e.get(3));
          band.set(i, br);
          if (old != null) trialInfo.replaceAll((id, x) -> x == old ? br : x);
        }
        case "m" -> {
          Bracket br = hyperbands.get(e.get(2).asInt()).get(e.get(3).asInt());
          if (br == null) throw new IllegalArgumentException("saved hyperband entry joins a skipped bracket: " + e);
          trialInfo.put(e.get(1).asText(), br);
        }
        case "x" -> trialInfo.remove(e.get(1).asText());
        case "n" -> numStopped = e.get(1).asInt();
        default -> throw new IllegalArgumentException("not a saved hyperband scheduler entry: " + e);
      }
    }
    current = null;
    for (List<Bracket> band : hyperbands) for (Bracket br : band) if (br != null) current = br;
    dirty.clear();
    changes.clear();
  }

  /** Ray's hyperband {@code _Bracket}: live trials with their last result, current size and milestone. */
  private final class Bracket {
    final Map<String, Map<String, Object>> live = new LinkedHashMap<>();
    final Map<String, TrialView> views = new HashMap<>();
    final Set<String> toUnpause = new HashSet<>();
    final int s0;
    final int n0;
    int n;
    double r;
    double cumulR;
    int halves;
    final double totalWork;
    double completedProgress;

    Bracket(int maxTrials, int initR, int s) {
      this.s0 = s;
      this.n0 = this.n = maxTrials;
      this.r = this.cumulR = initR;
      this.halves = s;
      this.totalWork = totalWork(maxTrials, initR, s);
    }

    boolean filled() {
      return live.size() == n;
    }

    double time(Map<String, Object> result) {
      Double t = ResultValues.number(result, timeAttr);
      return t == null ? 0 : t;
    }

    boolean curIterDone() {
      return live.values().stream().allMatch(res -> time(res) >= cumulR);
    }

    boolean finished() {
      return stopLastTrials && halves == 0 && curIterDone();
    }

    boolean continueTrial(String id) {
      if (!stopLastTrials && halves == 0) return true;
      return time(live.get(id)) < cumulR;
    }

    void updateTrialStats(String id, Map<String, Object> result) {
      completedProgress += time(result) - time(live.get(id));
      live.put(id, result);
      toUnpause.remove(id);
    }

    /** Advances to the next rung; returns the live trials from worst to best (Ray's sort is stable too). */
    List<String> successiveHalving() {
      List<String> ids = new ArrayList<>(live.keySet());
      if (halves == 0 && !stopLastTrials) {
        n = ids.size();
        return ids;
      }
      halves--;
      n = (int) Math.ceil(n / eta);
      r = (int) Math.min(r * eta, maxT - cumulR);
      cumulR = r;
      ids.sort(Comparator.comparingDouble(this::score));
      return ids;
    }

    private double score(String id) {
      Double v = ResultValues.number(live.get(id), metric);
      return v == null || v.isNaN() ? Double.NEGATIVE_INFINITY : metricOp * v;
    }

    double completionPercentage() {
      if (finished()) return 1.0;
      return Math.min(completedProgress / totalWork, 1.0);
    }

    private double totalWork(double n, double r, int s) {
      double work = 0;
      double cumulative = r;
      for (int i = 0; i <= s; i++) {
        work += (int) n * (int) r;
        n = Math.ceil(n / eta);
        r = (int) Math.min(r * eta, maxT - cumulative);
      }
      return work;
    }
  }
}
