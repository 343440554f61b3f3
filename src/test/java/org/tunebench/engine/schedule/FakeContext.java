package org.tunebench.engine.schedule;

import org.tunebench.model.ExperimentSpec.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tunebench.model.TrialStatus;

/** Records what a scheduler asks of the driver; stopTrial marks the fake trial TERMINATED. */
final class FakeContext implements SchedulerContext {
  record ExploitCall(String trialId, String donorId, Map<String, Object> newConfig) {}

  final List<FakeTrial> trials = new ArrayList<>();
  final List<String> stopped = new ArrayList<>();
  /** The reason of each stop, in the order of {@link #stopped}: null for an early stop. */
  final List<String> reasons = new ArrayList<>();
  final List<ExploitCall> exploits = new ArrayList<>();
  final String metric;
  final Mode mode;

  FakeContext(String metric, Mode mode) {
    this.metric = metric;
    this.mode = mode;
  }

  FakeTrial add(TrialScheduler s, String id) {
    FakeTrial t = new FakeTrial(id, trials.size());
    trials.add(t);
    s.onTrialAdd(t);
    return t;
  }

  @Override public List<TrialView> trials() { return List.copyOf(trials); }

  @Override public void exploit(String trialId, String donorId, Map<String, Object> newConfig) {
    exploits.add(new ExploitCall(trialId, donorId, newConfig));
  }

  @Override public void stopTrial(String trialId) {
    end(trialId, null);
  }

  @Override public void completeTrial(String trialId, String reason) {
    end(trialId, reason);
  }

  private void end(String trialId, String reason) {
    reasons.add(reason);
    stopped.add(trialId);
    trials.stream().filter(t -> t.id.equals(trialId)).forEach(t -> t.status = TrialStatus.TERMINATED);
  }

  @Override public String metric() { return metric; }
  @Override public Mode mode() { return mode; }

  /** A result with the scheduler's time attribute and metric. */
  static Map<String, Object> result(String timeAttr, Number time, String metric, Number value) {
    return Map.of(timeAttr, time, metric, value);
  }
}
