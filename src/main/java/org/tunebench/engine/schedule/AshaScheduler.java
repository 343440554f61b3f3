package org.tunebench.engine.schedule;

import org.tunebench.model.ExperimentSpec.Mode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tunebench.engine.NumpyStats;
import org.tunebench.engine.ResultValues;

/**
 * Asynchronous Successive Halving, ASHA (Li et al. 2020, "A System for Massively Parallel Hyperparameter
 * Tuning", MLSys), as Ray Tune's {@code AsyncHyperBandScheduler}/{@code ASHAScheduler}.
 *
 * <p>Ray parameters: {@code time_attr} = timeAttr ("training_iteration"), {@code max_t} = maxT (100),
 * {@code grace_period} = gracePeriod (1), {@code reduction_factor} = reductionFactor (4), {@code brackets}
 * (1), {@code stop_last_trials} = stopLastTrials (true), {@code metric}, {@code mode}.
 *
 * <p>A trial reaching a rung milestone is stopped when its value is below the rung's cutoff, the
 * {@code (1 - 1/rf)} nanpercentile of the values already recorded there (values are negated in min mode,
 * as Ray does). With several brackets a new trial picks one at random with softmax weights over the
 * brackets' rung counts, like Ray (here from a seedable {@link Random}).
 *
 * <p>Deviation: a trial the scheduler has not seen added is assigned a bracket on its first result instead
 * of failing.
 */
public final class AshaScheduler implements TrialScheduler {
  private final String timeAttr;
  private final String metric;
  private final double metricOp;
  private final double maxT;
  private final boolean stopLastTrials;
  private final List<Bracket> brackets = new ArrayList<>();
  private final Map<String, Bracket> trialInfo = new HashMap<>();
  private Random random;
  private int numStopped;
  /** What changed since the last {@link #saveChanges()}. */
  private final List<JsonNode> changes = new ArrayList<>();
  private boolean randomUsed;

  public AshaScheduler(String metric, Mode mode, String timeAttr, double maxT, double gracePeriod,
      double reductionFactor, int brackets, boolean stopLastTrials, Random random) {
    if (!(maxT > 0)) throw new IllegalArgumentException("maxT must be positive");
    if (!(gracePeriod > 0)) throw new IllegalArgumentException("gracePeriod must be positive");
    if (gracePeriod > maxT) throw new IllegalArgumentException("gracePeriod must be <= maxT");
    if (!(reductionFactor > 1)) throw new IllegalArgumentException("reductionFactor must be > 1");
    if (brackets < 1) throw new IllegalArgumentException("brackets must be positive");
    this.metric = metric;
    this.metricOp = mode == Mode.MIN ? -1.0 : 1.0;
    this.timeAttr = timeAttr;
    this.maxT = maxT;
    this.stopLastTrials = stopLastTrials;
    this.random = random;
    for (int s = 0; s < brackets; s++) {
      this.brackets.add(new Bracket(gracePeriod, maxT, reductionFactor, s, stopLastTrials));
    }
  }

  /** Ray's defaults: training_iteration, maxT 100, gracePeriod 1, reductionFactor 4, 1 bracket. */
  public AshaScheduler(String metric, Mode mode) {
    this(metric, mode, "training_iteration", 100, 1, 4, 1, true, new Random());
  }

  @Override
  public void onTrialAdd(TrialView trial) {
    // a resumed driver adds its finished trials again: they take no bracket and draw nothing from the RNG
    if (trial.status() != null && trial.status().isFinished()) return;
    bracketOf(trial.id()); // a restored trial keeps its bracket
  }

  private Bracket bracketOf(String id) {
    Bracket b = trialInfo.get(id);
    if (b != null) return b;
    b = pickBracket();
    trialInfo.put(id, b);
    changes.add(JsonNodeFactory.instance.arrayNode().add("t").add(id).add(brackets.indexOf(b)));
    return b;
  }

  private Bracket pickBracket() {
    // softmax over the number of rungs, as Ray's np.random.choice(p=normalized)
    int maxSize = brackets.stream().mapToInt(b -> b.rungs.size()).max().orElse(0);
    double[] w = brackets.stream().mapToDouble(b -> Math.exp(b.rungs.size() - maxSize)).toArray();
    double total = 0;
    for (double x : w) total += x;
    randomUsed = true;
    double u = random.nextDouble() * total;
    for (int i = 0; i < w.length; i++) {
      u -= w[i];
      if (u < 0) return brackets.get(i);
    }
    return brackets.get(brackets.size() - 1);
  }

  @Override
  public Decision onTrialResult(TrialView trial, Map<String, Object> result) {
    Double time = ResultValues.number(result, timeAttr);
    Double value = ResultValues.number(result, metric);
    if (time == null || value == null) return Decision.CONTINUE;
    Decision action;
    if (time >= maxT && stopLastTrials) {
      action = Decision.STOP;
    } else {
      action = recordResult(bracketOf(trial.id()), trial.id(), time, metricOp * value);
    }
    if (action == Decision.STOP) {
      numStopped++;
      changes.add(JsonNodeFactory.instance.arrayNode().add("n").add(numStopped));
    }
    return action;
  }

  @Override
  public String completedBy(TrialView trial, Map<String, Object> result) {
    Double time = ResultValues.number(result, timeAttr);
    return time != null && time >= maxT && stopLastTrials
        ? "completed: reached asha maxT " + (maxT == Math.rint(maxT) ? Long.toString((long) maxT) : Double.toString(maxT))
        + " (" + timeAttr + ")" : null;
  }

  @Override
  public void onTrialComplete(TrialView trial, Map<String, Object> result) {
    Bracket bracket = forget(trial.id());
    Double time = ResultValues.number(result, timeAttr);
    Double value = ResultValues.number(result, metric);
    // the final value still informs later cutoffs, as in Ray
    if (bracket != null && time != null && value != null) recordResult(bracket, trial.id(), time, metricOp * value);
  }

  @Override
  public void onTrialRemove(TrialView trial) {
    forget(trial.id());
  }

  private Bracket forget(String id) {
    Bracket b = trialInfo.remove(id);
    if (b != null) changes.add(JsonNodeFactory.instance.arrayNode().add("x").add(id));
    return b;
  }

  private Decision recordResult(Bracket bracket, String id, double time, double value) {
    Decision d = bracket.onResult(id, time, value);
    if (bracket.recordedRung >= 0) {
      ArrayNode e = JsonNodeFactory.instance.arrayNode().add("v").add(brackets.indexOf(bracket))
          .add(bracket.recordedRung).add(id);
      SchedulerState.addNumber(e, value);
      changes.add(e);
    }
    return d;
  }

  /**
   * Entries {@code ["t", id, bracket]} (a trial's bracket), {@code ["x", id]} (it left), {@code ["v", bracket,
   * rung, id, value]} (a value recorded at a rung), {@code ["n", numStopped]} and {@code ["r", random]} (the
   * generator, only after it drew): a save costs what the result changed, not the rungs.
   */
  @Override
  public org.tunebench.engine.PluginSave saveChanges() {
    if (randomUsed) changes.add(JsonNodeFactory.instance.arrayNode().add("r").add(SchedulerState.randomState(random)));
    randomUsed = false;
    return org.tunebench.engine.PluginSave.drain(changes);
  }

  @Override
  public void restore(JsonNode state, List<JsonNode> entries) {
    if (state != null && !state.isNull()) restore(state);
    for (JsonNode e : entries) {
      if (!e.isArray() || e.size() < 2) throw new IllegalArgumentException("not a saved asha scheduler entry: " + e);
      switch (e.get(0).asText()) {
        case "t" -> trialInfo.put(e.get(1).asText(), brackets.get(e.get(2).asInt()));
        case "x" -> trialInfo.remove(e.get(1).asText());
        case "v" -> brackets.get(e.get(1).asInt()).rungs.get(e.get(2).asInt()).recorded
            .put(e.get(3).asText(), SchedulerState.number(e.get(4)));
        case "n" -> numStopped = e.get(1).asInt();
        case "r" -> random = SchedulerState.random(e.get(1).asText());
        default -> throw new IllegalArgumentException("not a saved asha scheduler entry: " + e);
      }
    }
    changes.clear();
    randomUsed = false;
  }

  /**
   * {@code {"type": "asha", "numStopped": n, "brackets": [{"rungs": [{"milestone": m, "recorded": {id: v}}]}],
   * "trials": {id: bracketIndex}}}; values in the scheduler's sign convention (negated in min mode), non-finite
   * ones as strings; {@code "random"}: the bracket-choice generator, so a resumed run picks the brackets an
   * uninterrupted one would.
   */
  @Override
  public JsonNode save() {
    ObjectNode s = JsonNodeFactory.instance.objectNode();
    s.put("type", "asha");
    s.put("numStopped", numStopped);
    s.put("random", SchedulerState.randomState(random));
    ArrayNode bs = s.putArray("brackets");
    for (Bracket b : brackets) {
      ArrayNode rs = bs.addObject().putArray("rungs");
      for (Rung r : b.rungs) {
        ObjectNode rn = rs.addObject();
        rn.put("milestone", r.milestone);
        ObjectNode rec = rn.putObject("recorded");
        r.recorded.forEach((id, v) -> SchedulerState.putNumber(rec, id, v));
      }
    }
    ObjectNode ts = s.putObject("trials");
    trialInfo.forEach((id, b) -> ts.put(id, brackets.indexOf(b)));
    return s;
  }

  @Override
  public void restore(JsonNode state) {
    SchedulerState.check(state, "asha");
    changes.clear();
    randomUsed = false;
    JsonNode bs = state.path("brackets");
    if (!bs.isArray() || bs.size() != brackets.size()) {
      throw new IllegalArgumentException("saved asha state has " + bs.size() + " brackets, this scheduler " + brackets.size());
    }
    for (int i = 0; i < brackets.size(); i++) {
      List<Rung> rungs = brackets.get(i).rungs;
      JsonNode rs = bs.get(i).path("rungs");
      if (rs.size() != rungs.size()) throw new IllegalArgumentException("saved asha state: bracket " + i + " has other rungs");
      for (int k = 0; k < rungs.size(); k++) {
        Rung r = rungs.get(k);
        if (rs.get(k).path("milestone").asDouble() != r.milestone) {
          throw new IllegalArgumentException("saved asha state: milestone " + rs.get(k).path("milestone") + " is not " + r.milestone);
        }
        r.recorded.clear();
        rs.get(k).path("recorded").fields().forEachRemaining(e -> r.recorded.put(e.getKey(), SchedulerState.number(e.getValue())));
      }
    }
    trialInfo.clear();
    state.path("trials").fields().forEachRemaining(e -> trialInfo.put(e.getKey(), brackets.get(e.getValue().asInt())));
    numStopped = state.path("numStopped").asInt();
    // states saved before the generator was kept have none: such a run draws afresh
    if (state.hasNonNull("random")) random = SchedulerState.random(state.get("random").asText());
  }

  public int numStopped() {
    return numStopped;
  }

  /** Milestones of bracket {@code b}, highest first (Ray keeps rungs reversed). */
  public List<Double> milestones(int b) {
    return brackets.get(b).rungs.stream().map(r -> r.milestone).toList();
  }

  /** Cutoff at the rung with {@code milestone} in bracket {@code b} (in metricOp units), NaN when empty. */
  public double cutoff(int b, double milestone) {
    Bracket br = brackets.get(b);
    for (Rung r : br.rungs) if (r.milestone == milestone) return br.cutoff(r.recorded);
    throw new IllegalArgumentException("no rung at " + milestone);
  }

  private record Rung(double milestone, Map<String, Double> recorded) {}

  /** Ray's {@code _Bracket}: rungs from the highest milestone down, each with the values recorded there. */
  private static final class Bracket {
    private final double rf;
    private final boolean stopLastTrials;
    private final List<Rung> rungs = new ArrayList<>();
    /** The rung the last {@link #onResult} recorded a value at, -1 if none. */
    int recordedRung = -1;

    Bracket(double minT, double maxT, double rf, int s, boolean stopLastTrials) {
      this.rf = rf;
      this.stopLastTrials = stopLastTrials;
      int maxRungs = (int) (Math.log(maxT / minT) / Math.log(rf) - s + 1);
      for (int k = maxRungs - 1; k >= 0; k--) {
        rungs.add(new Rung(minT * Math.pow(rf, k + s), new LinkedHashMap<>()));
      }
    }

    double cutoff(Map<String, Double> recorded) {
      if (recorded.isEmpty()) return Double.NaN;
      return NumpyStats.nanPercentile(recorded.values(), (1 - 1 / rf) * 100);
    }

    Decision onResult(String trialId, double curIter, double curRew) {
      Decision action = Decision.CONTINUE;
      recordedRung = -1;
      for (int k = 0; k < rungs.size(); k++) {
        Rung rung = rungs.get(k);
        boolean recordedHere = rung.recorded.containsKey(trialId);
        // without stop_last_trials a trial already judged at this rung keeps going (milestones descend)
        if (curIter >= rung.milestone && recordedHere && !stopLastTrials) break;
        if (curIter < rung.milestone || recordedHere) continue;
        double cutoff = cutoff(rung.recorded);
        // NaN cutoff (no numbers recorded yet) compares false, like Ray's None / nan
        if (curRew < cutoff) action = Decision.STOP;
        rung.recorded.put(trialId, curRew);
        recordedRung = k;
        break;
      }
      return action;
    }
  }
}
