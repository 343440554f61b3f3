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
    trialInfo.computeIfAbsent(trial.id(), k -> pickBracket()); // a restored trial keeps its bracket
  }

  private Bracket pickBracket() {
    // softmax over the number of rungs, as Ray's np.random.choice(p=normalized)
    int maxSize = brackets.stream().mapToInt(b -> b.rungs.size()).max().orElse(0);
    double[] w = brackets.stream().mapToDouble(b -> Math.exp(b.rungs.size() - maxSize)).toArray();
    double total = 0;
    for (double x : w) total += x;
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
      action = trialInfo.computeIfAbsent(trial.id(), id -> pickBracket())
          .onResult(trial.id(), time, metricOp * value);
    }
    if (action == Decision.STOP) numStopped++;
    return action;
  }

  @Override
  public void onTrialComplete(TrialView trial, Map<String, Object> result) {
    Bracket bracket = trialInfo.remove(trial.id());
    Double time = ResultValues.number(result, timeAttr);
    Double value = ResultValues.number(result, metric);
    // the final value still informs later cutoffs, as in Ray
    if (bracket != null && time != null && value != null) bracket.onResult(trial.id(), time, metricOp * value);
  }

  @Override
  public void onTrialRemove(TrialView trial) {
    trialInfo.remove(trial.id());
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
      for (Rung rung : rungs) {
        boolean recordedHere = rung.recorded.containsKey(trialId);
        // without stop_last_trials a trial already judged at this rung keeps going (milestones descend)
        if (curIter >= rung.milestone && recordedHere && !stopLastTrials) break;
        if (curIter < rung.milestone || recordedHere) continue;
        double cutoff = cutoff(rung.recorded);
        // NaN cutoff (no numbers recorded yet) compares false, like Ray's None / nan
        if (curRew < cutoff) action = Decision.STOP;
        rung.recorded.put(trialId, curRew);
        break;
      }
      return action;
    }
  }
}
