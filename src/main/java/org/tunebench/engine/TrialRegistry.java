package org.tunebench.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tunebench.engine.schedule.TrialView;
import org.tunebench.model.TrialStatus;

/**
 * Every trial of one experiment, in creation order, with a count per status. Perf: the loop asks "how many
 * run / is any pending" after every event; counting here keeps that O(1) at 10,000 trials (EngineBench d).
 * Only {@link TrialLifecycle} moves counts between statuses.
 */
final class TrialRegistry {
  private final List<Trial> trials = new ArrayList<>();
  private final Map<String, Trial> byId = new HashMap<>();
  private final int[] statusCount = new int[TrialStatus.values().length];
  private final String experimentName;

  TrialRegistry(String experimentName) {
    this.experimentName = experimentName;
  }

  void add(Trial t) {
    trials.add(t);
    byId.put(t.id, t);
    statusCount[t.status.ordinal()]++;
  }

  Trial find(String id) {
    Trial t = byId.get(id);
    if (t == null) throw new IllegalArgumentException("no trial '" + id + "' in experiment " + experimentName);
    return t;
  }

  Trial findOrNull(String id) {
    return byId.get(id);
  }

  List<Trial> all() {
    return Collections.unmodifiableList(trials);
  }

  int size() {
    return trials.size();
  }

  String nextId() {
    return String.format("%05d", trials.size());
  }

  int count(TrialStatus s) {
    return statusCount[s.ordinal()];
  }

  int live() {
    return count(TrialStatus.RUNNING) + count(TrialStatus.PENDING) + count(TrialStatus.PAUSED);
  }

  void moved(TrialStatus from, TrialStatus to) {
    statusCount[from.ordinal()]--;
    statusCount[to.ordinal()]++;
  }

  /** Trials the scheduler may start now: PENDING ones, and those its own decision paused. */
  List<TrialView> startable() {
    List<TrialView> out = new ArrayList<>();
    for (Trial t : trials) {
      if (t.status == TrialStatus.PENDING || (t.status == TrialStatus.PAUSED && t.pausedByScheduler)) out.add(t);
    }
    return out;
  }
}
