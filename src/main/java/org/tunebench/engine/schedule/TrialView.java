package org.tunebench.engine.schedule;

import java.util.Map;
import org.tunebench.model.TrialStatus;

/** What schedulers may read of a trial. */
public interface TrialView {
  String id();

  TrialStatus status();

  /** The trial's current config (nested map). */
  Map<String, Object> config();

  /** The last result taken from the worker, driver fields included; null before the first. */
  Map<String, Object> lastResult();

  /** Creation order: 0 for the first trial of the experiment. */
  int seq();
}
