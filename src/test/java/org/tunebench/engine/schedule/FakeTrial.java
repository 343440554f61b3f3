package org.tunebench.engine.schedule;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tunebench.model.TrialStatus;

/** A trial whose status and config the test sets by hand. */
final class FakeTrial implements TrialView {
  final String id;
  final int seq;
  TrialStatus status = TrialStatus.RUNNING;
  Map<String, Object> config = new LinkedHashMap<>();
  Map<String, Object> last;

  FakeTrial(String id, int seq) {
    this.id = id;
    this.seq = seq;
  }

  FakeTrial with(String key, Object value) {
    config.put(key, value);
    return this;
  }

  @Override public String id() { return id; }
  @Override public TrialStatus status() { return status; }
  @Override public Map<String, Object> config() { return config; }
  @Override public Map<String, Object> lastResult() { return last; }
  @Override public int seq() { return seq; }

  @Override public String toString() { return id; }
}
