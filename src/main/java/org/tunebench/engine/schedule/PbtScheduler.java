package org.tunebench.engine.schedule;

import org.tunebench.model.ExperimentSpec.Mode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tunebench.engine.ResultValues;
import org.tunebench.model.TrialStatus;

/**
 * Population Based Training (Jaderberg et al. 2017, "Population Based Training of Neural Networks",
 * arXiv:1711.09846), asynchronous variant, as Ray Tune's {@code PopulationBasedTraining}.
 *
 * <p>Ray parameters: {@code time_attr} = timeAttr ("time_total_s"), {@code perturbation_interval}
 * = perturbationInterval (60.0), {@code burn_in_period} = burnInPeriod (0), {@code hyperparam_mutations}
 * = hyperparamMutations, {@code quantile_fraction} = quantileFraction (0.25), {@code resample_probability}
 * = resampleProbability (0.25), {@code perturbation_factors} = perturbationFactors ([1.2, 0.8]),
 * {@code metric}, {@code mode}; plus seed for the random choices.
 *
 * <p>When a trial reaches a perturbation point its score is recorded; if it is in the top quantile it
 * becomes a donor (its checkpoint at that point is what others clone); if it is in the bottom quantile it
 * clones a random top-quantile donor that has such a checkpoint: {@link SchedulerContext#exploit} with the
 * donor's config explored by {@link PbtExplorer}, and the decision is PAUSE so the driver restarts it.
 * Otherwise the decision is PAUSE when other trials wait (time-multiplexing, as Ray) else CONTINUE.
 *
 * <p><b>Checkpoints.</b> Ray checkpoints every top-quantile trial at each perturbation point; the
 * Tunebench driver clones the donor's <em>latest</em> checkpoint and exploits only when the donor has one.
 * So set {@code checkpoint.frequency} to {@code perturbationInterval} (or a divisor of it) when
 * {@code timeAttr} is {@code training_iteration}: then the donor's latest checkpoint is the one taken at its
 * last perturbation point, as in Ray. With a frequency of 0 (or one that never lands on a perturbation
 * point) exploits are skipped (the driver logs it) or clone an older state than Ray would. The scheduler
 * cannot check this itself: it never sees the spec's {@code checkpoint} object.
 *
 * <p>Deviations from Ray: a result without timeAttr or metric continues instead of raising
 * ({@code require_attrs}); mutation keys missing from a trial's config are not filled in at trial add
 * (the searcher samples the space), they are sampled at the first exploit instead; no synch mode, no
 * custom_explore_fn.
 */
public final class PbtScheduler implements TrialScheduler {
  /** One exploit, for lineage: at {@code time} (timeAttr units) {@code trialId} cloned {@code donorId}. */
  public record Exploit(double time, String trialId, String donorId, Map<String, Object> oldConfig,
      Map<String, Object> newConfig) {}

  private final String metric;
  private final double metricOp;
  private final String timeAttr;
  private final double perturbationInterval;
  private final double burnInPeriod;
  private final double quantileFraction;
  private final PbtExplorer explorer;
  private Random random;
  private final Map<String, State> states = new LinkedHashMap<>();
  private final List<Exploit> exploits = new ArrayList<>();
  private SchedulerContext context;
  /** Trials whose state changed since the last {@link #saveChanges()}, in the order they changed first. */
  private final java.util.Set<String> changed = new java.util.LinkedHashSet<>();
  private boolean randomUsed;

  /** Ray's PBTTrialState. */
  private static final class State {
    TrialView view;
    Double lastScore;
    boolean hasCheckpoint;
    double lastPerturbationTime;
    double lastTrainTime;
    boolean removed;
  }

  public PbtScheduler(String metric, Mode mode, String timeAttr, double perturbationInterval,
      double burnInPeriod, Map<String, PbtMutation> hyperparamMutations, double quantileFraction,
      double resampleProbability, List<Double> perturbationFactors, Random random) {
    if (hyperparamMutations == null || hyperparamMutations.isEmpty()) {
      throw new IllegalArgumentException("hyperparamMutations must not be empty");
    }
    if (!(quantileFraction >= 0 && quantileFraction <= 0.5)) {
      throw new IllegalArgumentException("quantileFraction must be between 0 and 0.5");
    }
    if (!(perturbationInterval > 0)) throw new IllegalArgumentException("perturbationInterval must be > 0");
    this.metric = metric;
    this.metricOp = mode == Mode.MIN ? -1.0 : 1.0;
    this.timeAttr = timeAttr;
    this.perturbationInterval = perturbationInterval;
    this.burnInPeriod = burnInPeriod;
    this.quantileFraction = quantileFraction;
    this.random = random;
    this.explorer = new PbtExplorer(hyperparamMutations, resampleProbability, perturbationFactors, random);
  }

  @Override
  public void setContext(SchedulerContext context) {
    this.context = context;
  }

  @Override
  public void onTrialAdd(TrialView trial) {
    State s = state(trial);
    // restarted or extended by the user after it ended: it is ranked again
    if (trial.status() != null && !trial.status().isFinished()) s.removed = false;
  }

  private State state(TrialView trial) {
    State s = states.computeIfAbsent(trial.id(), k -> new State());
    s.view = trial;
    changed.add(trial.id());
    return s;
  }

  @Override
  public Decision onTrialResult(TrialView trial, Map<String, Object> result) {
    Double time = ResultValues.number(result, timeAttr);
    Double value = ResultValues.number(result, metric);
    if (time == null || value == null) return Decision.CONTINUE;
    State state = state(trial);
    if (time < burnInPeriod) return Decision.CONTINUE;
    if (time - state.lastPerturbationTime < perturbationInterval) return Decision.CONTINUE;

    state.lastScore = metricOp * value;
    state.lastTrainTime = time;
    state.lastPerturbationTime = time;
    List<List<String>> q = quantiles();
    List<String> lower = q.get(0), upper = q.get(1);
    Decision decision = Decision.CONTINUE;
    if (context != null) {
      for (TrialView t : context.trials()) {
        if (t.status() == TrialStatus.PENDING || t.status() == TrialStatus.PAUSED) {
          decision = Decision.PAUSE;
          break;
        }
      }
    }
    // top trials are donors from now on; the driver clones their latest checkpoint (see the class javadoc)
    state.hasCheckpoint = upper.contains(trial.id());
    if (state.hasCheckpoint && context != null) context.checkpointNow(trial.id());
    if (lower.contains(trial.id()) && !upper.isEmpty()) {
      randomUsed = true;
      String donorId = upper.get(random.nextInt(upper.size()));
      State donor = states.get(donorId);
      if (donor.hasCheckpoint) {
        exploit(trial, state, donorId, donor, time);
        return Decision.PAUSE;
      }
    }
    return decision;
  }

  /**
   * Ray's {@code choose_trial_to_run}: among PENDING trials and those PBT paused, the one that has trained
   * least, so the population advances together and paused trials are not left behind.
   */
  @Override
  public TrialView chooseTrialToRun(List<TrialView> candidates) {
    TrialView best = null;
    double bestTime = Double.POSITIVE_INFINITY;
    for (TrialView t : candidates) {
      if (t.status() != TrialStatus.PENDING && t.status() != TrialStatus.PAUSED) continue;
      State s = states.get(t.id());
      double time = s == null ? 0 : s.lastTrainTime;
      if (time < bestTime) {
        best = t;
        bestTime = time;
      }
    }
    return best;
  }

  private void exploit(TrialView trial, State state, String donorId, State donor, double time) {
    Map<String, Object> donorConfig = donor.view.config();
    Map<String, Object> newConfig = explorer.explore(donorConfig);
    Map<String, Object> oldConfig = PbtExplorer.deepCopy(trial.config());
    if (context != null) context.exploit(trial.id(), donorId, newConfig);
    exploits.add(new Exploit(time, trial.id(), donorId, oldConfig, PbtExplorer.deepCopy(newConfig)));
    // the clone continues on the donor's clock, as Ray transfers these times
    state.lastPerturbationTime = donor.lastPerturbationTime;
    state.lastTrainTime = donor.lastTrainTime;
  }

  /** Ray's {@code _quantiles}: (bottom, top) trial ids among live trials with a score, worst first. */
  List<List<String>> quantiles() {
    List<String> trials = new ArrayList<>();
    for (Map.Entry<String, State> e : states.entrySet()) {
      State s = e.getValue();
      boolean finished = s.removed || (s.view != null && s.view.status() != null && s.view.status().isFinished());
      if (s.lastScore != null && !finished) trials.add(e.getKey());
    }
    trials.sort((a, b) -> Double.compare(states.get(a).lastScore, states.get(b).lastScore));
    if (trials.size() <= 1) return List.of(List.of(), List.of());
    int n = (int) Math.ceil(trials.size() * quantileFraction);
    if (n > trials.size() / 2.0) n = (int) Math.floor(trials.size() / 2.0);
    return List.of(List.copyOf(trials.subList(0, n)), List.copyOf(trials.subList(trials.size() - n, trials.size())));
  }

  /** Trial ids in the bottom quantile now. */
  public List<String> lowerQuantile() {
    return quantiles().get(0);
  }

  /** Trial ids in the top quantile now. */
  public List<String> upperQuantile() {
    return quantiles().get(1);
  }

  @Override
  public void onTrialComplete(TrialView trial, Map<String, Object> result) {
    markRemoved(trial);
  }

  @Override
  public void onTrialError(TrialView trial) {
    markRemoved(trial);
  }

  @Override
  public void onTrialRemove(TrialView trial) {
    markRemoved(trial);
  }

  private void markRemoved(TrialView trial) {
    State s = states.get(trial.id());
    if (s != null) {
      s.removed = true;
      changed.add(trial.id());
    }
  }

  /**
   * Entries {@code ["t", {trial}]} for each trial whose state changed (as in {@link #save()}'s list; a new one
   * goes last, as it came) and {@code ["r", random]} after the generator drew: a save costs the trials a
   * result touched, not the population.
   */
  @Override
  public org.tunebench.engine.PluginSave saveChanges() {
    List<JsonNode> out = new ArrayList<>();
    for (String id : changed) out.add(JsonNodeFactory.instance.arrayNode().add("t").add(trialJson(id, states.get(id))));
    if (randomUsed) out.add(JsonNodeFactory.instance.arrayNode().add("r").add(SchedulerState.randomState(random)));
    changed.clear();
    randomUsed = false;
    return org.tunebench.engine.PluginSave.appended(out);
  }

  @Override
  public void restore(JsonNode state, List<JsonNode> entries) {
    if (state != null && !state.isNull()) restore(state);
    for (JsonNode e : entries) {
      if (!e.isArray() || e.size() != 2) throw new IllegalArgumentException("not a saved pbt scheduler entry: " + e);
      switch (e.get(0).asText()) {
        case "t" -> {
          State st = readState(e.get(1));
          State old = states.get(e.get(1).path("id").asText());
          if (old != null) st.view = old.view;
          states.put(e.get(1).path("id").asText(), st);
        }
        case "r" -> {
          random = SchedulerState.random(e.get(1).asText());
          explorer.useRandom(random);
        }
        default -> throw new IllegalArgumentException("not a saved pbt scheduler entry: " + e);
      }
    }
    changed.clear();
    randomUsed = false;
  }

  private static ObjectNode trialJson(String id, State st) {
    ObjectNode t = JsonNodeFactory.instance.objectNode().put("id", id).put("hasCheckpoint", st.hasCheckpoint)
        .put("removed", st.removed);
    if (st.lastScore != null) SchedulerState.putNumber(t, "lastScore", st.lastScore);
    SchedulerState.putNumber(t, "lastPerturbationTime", st.lastPerturbationTime);
    SchedulerState.putNumber(t, "lastTrainTime", st.lastTrainTime);
    return t;
  }

  private static State readState(JsonNode t) {
    State st = new State();
    st.hasCheckpoint = t.path("hasCheckpoint").asBoolean();
    st.removed = t.path("removed").asBoolean();
    st.lastScore = t.has("lastScore") ? SchedulerState.number(t.get("lastScore")) : null;
    st.lastPerturbationTime = SchedulerState.number(t.get("lastPerturbationTime"));
    st.lastTrainTime = SchedulerState.number(t.get("lastTrainTime"));
    return st;
  }

  /**
   * Each trial's PBT state (last score, donor flag, perturbation and train times, removed) in the order
   * trials came, and the random generator that picks donors and explores, so a resumed run exploits and
   * mutates exactly as this one would. The exploit list itself is lineage, kept by the store, not here.
   */
  @Override
  public JsonNode save() {
    ObjectNode o = JsonNodeFactory.instance.objectNode().put("type", "pbt").put("random", SchedulerState.randomState(random));
    ArrayNode trials = o.putArray("trials");
    states.forEach((id, st) -> trials.add(trialJson(id, st)));
    return o;
  }

  @Override
  public void restore(JsonNode state) {
    SchedulerState.check(state, "pbt");
    Random restored = SchedulerState.random(state.path("random").asText(""));
    states.clear();
    for (JsonNode t : state.path("trials")) states.put(t.path("id").asText(), readState(t));
    changed.clear();
    randomUsed = false;
    random = restored;
    explorer.useRandom(restored);
  }

  /** Every exploit so far, oldest first. */
  public List<Exploit> exploits() {
    return Collections.unmodifiableList(new ArrayList<>(exploits));
  }
}
