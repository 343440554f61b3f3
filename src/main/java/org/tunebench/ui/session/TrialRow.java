package org.tunebench.ui.session;

import java.util.Map;
import java.util.Objects;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.model.TrialStatus;

/** One row of the trial table, updated in place from snapshots so the table never rebuilds its rows. */
public final class TrialRow {
  private final String id;
  private final int seq;
  private final ObjectProperty<TrialStatus> status = new SimpleObjectProperty<>();
  private final IntegerProperty iteration = new SimpleIntegerProperty();
  private final ObjectProperty<Double> last = new SimpleObjectProperty<>();
  private final ObjectProperty<Double> best = new SimpleObjectProperty<>();
  private final ObjectProperty<Map<String, Object>> lastResult = new SimpleObjectProperty<>();
  private final DoubleProperty runtime = new SimpleDoubleProperty();
  private final IntegerProperty retries = new SimpleIntegerProperty();
  private final ObjectProperty<Map<String, Object>> config = new SimpleObjectProperty<>();
  private final StringProperty reason = new SimpleStringProperty("");
  private final StringProperty change = new SimpleStringProperty("");
  private volatile TrialSnapshot snapshot;
  private String endReason;

  public TrialRow(TrialSnapshot s) {
    this.id = s.id();
    this.seq = s.seq();
    update(s, null, null);
    if (s.parentId() != null) change.set("forked from " + s.parentId());
  }

  // what an update changed, so the table re-sorts only when the sorted column's value moved
  public static final int STATUS = 1;
  public static final int ITERATION = 2;
  public static final int LAST = 4;
  public static final int BEST = 8;
  public static final int RUNTIME = 16;
  public static final int RETRIES = 32;
  public static final int CONFIG = 64;
  public static final int REASON = 128;

  /** Copies the snapshot in; {@code metric} picks the "last" value out of the last result. */
  public int update(TrialSnapshot s, String metric) {
    return update(s, metric, null);
  }

  /**
   * As above; {@code transition} is the reason the driver gave with the trial's last status change, used for
   * the end reason while the snapshot does not carry one.
   */
  public int update(TrialSnapshot s, String metric, TrialOutcome.Transition transition) {
    snapshot = s;
    int changed = 0;
    endReason = s.endReason() != null ? s.endReason()
        : transition != null && transition.to() == s.status() && s.status() != null
            && (s.status().isFinished() || s.status() == TrialStatus.PAUSED) ? transition.reason() : null;
    // reason before status: the status pill reads the reason when its status changes
    String why = TrialOutcome.reason(s, endReason);
    if (!why.equals(reason.get())) {
      reason.set(why);
      changed |= REASON;
    }
    if (s.config() != null && !s.config().equals(config.get())) {
      if (config.get() != null) change.set("config changed at " + s.iteration());
      config.set(s.config());
      changed |= CONFIG;
    }
    if (status.get() != s.status()) {
      status.set(s.status());
      changed |= STATUS;
    }
    if (iteration.get() != s.iteration()) {
      iteration.set(s.iteration());
      changed |= ITERATION;
    }
    Double lastValue = null;
    if (metric != null && s.lastResult() != null && s.lastResult().get(metric) instanceof Number n) {
      lastValue = n.doubleValue();
    }
    if (!Objects.equals(last.get(), lastValue)) {
      last.set(lastValue);
      changed |= LAST;
    }
    // the other objectives' columns read the last result itself
    if (!Objects.equals(lastResult.get(), s.lastResult())) {
      lastResult.set(s.lastResult());
      changed |= LAST;
    }
    if (!Objects.equals(best.get(), s.best())) {
      best.set(s.best());
      changed |= BEST;
    }
    if (runtime.get() != s.timeTotalS()) {
      runtime.set(s.timeTotalS());
      changed |= RUNTIME;
    }
    if (retries.get() != s.retries()) {
      retries.set(s.retries());
      changed |= RETRIES;
    }
    return changed;
  }

  public String id() { return id; }
  public int seq() { return seq; }
  public TrialSnapshot snapshot() { return snapshot; }
  /** Why the trial ended: the snapshot's end reason, else the reason of its last status change; null while live. */
  public String endReason() { return endReason; }
  public Map<String, Object> config() { return config.get(); }
  public ObjectProperty<Map<String, Object>> configProperty() { return config; }
  /** Why the trial ended or what it waits for ({@link TrialOutcome#reason}). */
  public StringProperty reasonProperty() { return reason; }
  /** The last change of the config, e.g. "exploited 00003 at 10", "forked from 00002"; empty if none. */
  public StringProperty changeProperty() { return change; }

  /**
   * A PBT exploit replaced the config with the donor's (perturbed): shown at once, before the driver's next
   * snapshot of this trial, which then carries the same config.
   */
  public void exploited(String donorId, Map<String, Object> newConfig) {
    change.set("exploited " + donorId + " at " + iteration.get());
    if (newConfig != null) config.set(Map.copyOf(newConfig));
  }
  public ObjectProperty<TrialStatus> statusProperty() { return status; }
  public TrialStatus status() { return status.get(); }
  public IntegerProperty iterationProperty() { return iteration; }
  public ObjectProperty<Double> lastProperty() { return last; }
  public ObjectProperty<Double> bestProperty() { return best; }
  /** The last result as the driver stored it (null before the first). */
  public ObjectProperty<Map<String, Object>> lastResultProperty() { return lastResult; }
  public DoubleProperty runtimeProperty() { return runtime; }
  public IntegerProperty retriesProperty() { return retries; }

  /** A config value by dotted key (nested maps are flattened by the table's columns). */
  public Object configValue(String dotted) {
    Object cur = config.get();
    for (String part : dotted.split("\\.")) {
      if (!(cur instanceof Map<?, ?> m)) return null;
      cur = m.get(part);
    }
    return cur;
  }
}
