package org.tunebench.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.tunebench.engine.schedule.TrialScheduler;
import org.tunebench.engine.schedule.TrialView;
import org.tunebench.engine.search.Searcher;
import org.tunebench.model.ExperimentSpec;
import org.tunebench.model.TrialStatus;
import static org.tunebench.engine.CheckpointManager.fromWhere;

/**
 * What a resumed driver does with what its earlier run left: the trials as they were stored, and the decision
 * stored with each trial's newest result (decision 0019). A run that was killed hard goes on as it would have:
 * a decided stop, scheduler's pause or PBT exploit is carried out instead of training that iteration again; a
 * trial's results up to its last decided iteration are answered "go on" without asking the plug-ins again; what
 * ran starts again first; an experiment stop under way is finished.
 */
final class DriverResume {
  /** What an interrupted trial that was told to stop waits for (its own stop, or the experiment's). */
  static final String TRIAL_STOP = "a stop at its next result: ";
  static final String EXPERIMENT_STOP = "the experiment's stop at its next result: ";

  private final ExperimentSpec spec;
  private final TrialRegistry registry;
  private final TrialLifecycle lifecycle;
  private final CheckpointManager checkpoints;
  private final DecisionStep decisions;
  private final Searcher searcher;
  private final TrialScheduler scheduler;
  /** Per trial, the decision stored with its newest result, until {@link #takeBack()}. */
  private final Map<String, JsonNode> storedDecisions = new HashMap<>();
  /**
   * Per trial restarted after a hard kill, the newest iteration already stored and decided: the results it
   * reports again up to there (its checkpoint of them never came) are stored and answered "go on" without asking
   * the plug-ins again, whose stored state has counted them already.
   */
  private final Map<String, Integer> replayThrough = new HashMap<>();
  /** Trials found running or paused by an interrupt: they start before the scheduler's choice. */
  private final ArrayDeque<Trial> restartFirst = new ArrayDeque<>();
  /** The reason of an experiment stop that an interrupt cut short; the resume finishes it. */
  private String experimentStop;

  DriverResume(ExperimentSpec spec, TrialRegistry registry, TrialLifecycle lifecycle, CheckpointManager checkpoints,
      DecisionStep decisions, Searcher searcher, TrialScheduler scheduler) {
    this.spec = spec;
    this.registry = registry;
    this.lifecycle = lifecycle;
    this.checkpoints = checkpoints;
    this.decisions = decisions;
    this.searcher = searcher;
    this.scheduler = scheduler;
  }

  /** See {@link TuneController#restoreTrial(TrialSnapshot, List, SortedMap)}. */
  void restoreTrial(TrialSnapshot s, List<CheckpointRef> refs, SortedMap<Integer, Double> metricByIteration) {
    Trial t = new Trial(s.id(), s.seq(), s.config(), Path.of(s.dir()), s.createdAt(), s.parentId());
    t.status = s.status();
    t.iteration = s.iteration();
    t.lastResult = s.lastResult();
    t.best = s.best();
    t.retries = s.retries();
    t.error = s.error();
    t.errorStack = s.errorStack();
    t.endReason = s.endReason();
    t.attempts.addAll(s.attempts());
    t.timeTotalS = s.timeTotalS();
    if (metricByIteration != null) {
      t.best = null;
      metricByIteration.forEach((it, v) -> t.offerBest(it, v, spec.mode()));
    }
    t.checkpoints.addAll(refs);
    t.restore = checkpoints.restorePoint(t);
    String waits = s.status() == TrialStatus.PAUSED && s.waitingFor() != null ? s.waitingFor() : "";
    if (waits.equals(TrialLifecycle.HELD_BY_SCHEDULER)) {
      t.pausedByScheduler = true;
      t.waitingFor = waits;
    } else if (waits.startsWith(TRIAL_STOP) || waits.startsWith(EXPERIMENT_STOP)) {
      boolean ofExperiment = waits.startsWith(EXPERIMENT_STOP);
      t.stopAtNextResult = waits.substring((ofExperiment ? EXPERIMENT_STOP : TRIAL_STOP).length());
      if (ofExperiment) experimentStop = t.stopAtNextResult;
    }
    registry.add(t);
  }

  /** See {@link TuneController#restoreDecision(String, JsonNode, int)}. */
  void restoreDecision(String trialId, JsonNode decision, Integer exploitsRecorded) {
    Trial t = exploitsRecorded == null ? null : registry.findOrNull(trialId);
    if (t != null) t.exploitsRecorded = exploitsRecorded;
    Trial extended = decision != null && decision.hasNonNull("stopAt") ? registry.findOrNull(trialId) : null;
    if (extended != null) {
      extended.stopAtIteration = decision.get("stopAt").asInt();
      extended.stopAtWhy = decision.path("stopAtWhy").asText("extended by user");
    }
    if (decision != null && !decision.isNull()) storedDecisions.put(trialId, decision);
  }

  /**
   * At the start of the resumed run: hands every trial to the scheduler and settles what each was doing when the
   * earlier run ended. Returns the reason of an experiment stop to finish (nothing new is suggested, and the
   * experiment ends STOPPED for it), or null.
   */
  String takeBack() {
    resumeExperimentStop();
    for (Trial t : registry.all()) {
      JsonNode decided = t.status == TrialStatus.RUNNING ? storedDecisions.get(t.id) : null;
      if (decided != null && decided.path("iteration").asInt(-1) == t.iteration && carryOut(t, decided)) {
        // handed back as it now is: a trial the killed driver had stopped must not join a bracket again
        scheduler.onTrialAdd(t);
        continue;
      }
      scheduler.onTrialAdd(t);
      // what ran when the driver stopped runs again first, before the scheduler picks among the rest, so the
      // resumed run goes on from where this one was; what the scheduler paused stays paused until it says so
      String ended = t.status == TrialStatus.RUNNING ? decisions.endedOnResume(t) : null;
      if (ended != null) {
        scheduler.onTrialComplete(t, t.lastResult);
        searcher.onTrialComplete(t.id, t.lastResult, false);
        decisions.forget(t.id);
        lifecycle.setStatus(t, TrialStatus.TERMINATED, ended + " (answered on resume)");
      } else if (t.status == TrialStatus.RUNNING) {
        // a hard kill: the stored results past its checkpoint were decided already
        replayThrough.put(t.id, t.iteration);
        lifecycle.setStatus(t, TrialStatus.PENDING, TrialSnapshot.DRIVER_RESTARTED + fromWhere(t, t.restore));
        restartFirst.add(t);
      } else if (t.status == TrialStatus.PAUSED && !t.pausedByScheduler) {
        lifecycle.setStatus(t, TrialStatus.PENDING, "experiment resumed" + fromWhere(t, t.restore));
        restartFirst.add(t);
      } else if (t.status == TrialStatus.PENDING) {
        lifecycle.saved(t);
      } else if (t.status.isFinished()) {
        // its end may have come after the searcher's last stored state; a searcher ignores an end it knows
        searcher.onTrialComplete(t.id, t.lastResult, t.status == TrialStatus.ERRORED);
      }
    }
    storedDecisions.clear();
    return experimentStop;
  }

  /**
   * Whether the result {@code t} reports now (its iteration counted already) is one decided before a hard kill:
   * it is then stored and answered "go on", the plug-ins not asked.
   */
  boolean replays(Trial t) {
    Integer through = replayThrough.get(t.id);
    if (through == null) return false;
    boolean replay = t.iteration <= through && t.intent == Trial.Intent.NONE && t.exploit == null;
    if (t.iteration >= through) replayThrough.remove(t.id);
    return replay;
  }

  /** The next trial the resume found running, if it still waits to start. */
  TrialView nextToRestart() {
    while (!restartFirst.isEmpty() && restartFirst.peekFirst().status != TrialStatus.PENDING) restartFirst.pollFirst();
    return restartFirst.peekFirst();
  }

  /**
   * A stored stop of the experiment: the trials it left running stop at their next result and nothing new is
   * suggested, as in the run that was killed.
   */
  private void resumeExperimentStop() {
    for (Trial t : registry.all()) {
      JsonNode d = t.status == TrialStatus.RUNNING ? storedDecisions.get(t.id) : null;
      if (d == null || d.path("iteration").asInt(-1) != t.iteration) continue;
      if (d.hasNonNull("experimentStop")) experimentStop = d.get("experimentStop").asText();
      for (JsonNode o : d.path("stopped")) {
        Trial other = registry.findOrNull(o.path("id").asText());
        if (other != null && other.status == TrialStatus.RUNNING && !storedDecisions.containsKey(other.id)) {
          other.stopAtNextResult = o.path("reason").asText("stopped");
        }
      }
    }
    if (experimentStop == null) return;
    for (Trial t : registry.all()) {
      if (t.status == TrialStatus.RUNNING && t.stopAtNextResult == null) t.stopAtNextResult = experimentStop;
    }
  }

  /** Carries out the decision stored with a RUNNING trial's last result; false: it restarts as usual. */
  private boolean carryOut(Trial t, JsonNode d) {
    String reason = d.path("reason").asText("");
    switch (d.path("d").asText()) {
      case "stop" -> {
        searcher.onTrialComplete(t.id, t.lastResult, false);
        decisions.forget(t.id);
        lifecycle.setStatus(t, TrialStatus.TERMINATED, reason);
        return true;
      }
      case "pause" -> {
        if (!d.path("byScheduler").asBoolean()) return false;
        t.pausedByScheduler = true;
        t.stopAtNextResult = null;
        replayThrough.put(t.id, t.iteration);
        lifecycle.setStatus(t, TrialStatus.PAUSED, reason);
        return true;
      }
      case "reset" -> {
        @SuppressWarnings("unchecked")
        Map<String, Object> config = ConfigJson.MAPPER.convertValue(d.get("config"), Map.class);
        CheckpointRef from = new CheckpointRef(d.path("donorIteration").asInt(), d.path("timeTotalS").asDouble(),
            Path.of(d.path("path").asText()));
        Trial.Exploit e = new Trial.Exploit(d.path("donor").asText(), from, config);
        if (d.has("exploits") && t.exploitsRecorded > d.get("exploits").asInt()) {
          // recorded before the kill, with the donor's checkpoint as the trial's (one commit): the history has both
          t.config = e.newConfig();
        } else {
          lifecycle.exploited(t, e);
          checkpoints.adopt(t, from);
        }
        t.restore = from;
        t.pausedByScheduler = false;
        lifecycle.setStatus(t, TrialStatus.PENDING, "PBT exploit of trial " + d.path("donor").asText() + fromWhere(from));
        restartFirst.add(t);
        return true;
      }
      default -> {
        return false;
      }
    }
  }
}
