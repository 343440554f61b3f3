package org.tunebench.ui.session;

import java.util.Map;
import java.util.Objects;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
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
  private final DoubleProperty runtime = new SimpleDoubleProperty();
  private final IntegerProperty retries = new SimpleIntegerProperty();
  private volatile TrialSnapshot snapshot;

  public TrialRow(TrialSnapshot s) {
    this.id = s.id();
    this.seq = s.seq();
    update(s, null);
  }

  // what an update changed, so the table re-sorts only when the sorted column's value moved
  public static final int STATUS = 1;
  public static final int ITERATION = 2;
  public static final int LAST = 4;
  public static final int BEST = 8;
  public static final int RUNTIME = 16;
  public static final int RETRIES = 32;

  /** Copies the snapshot in; {@code metric} picks the "last" value out of the last result. */
  public int update(TrialSnapshot s, String metric) {
    snapshot = s;
    int changed = 0;
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
  public Map<String, Object> config() { return snapshot.config(); }
  public ObjectProperty<TrialStatus> statusProperty() { return status; }
  public TrialStatus status() { return status.get(); }
  public IntegerProperty iterationProperty() { return iteration; }
  public ObjectProperty<Double> lastProperty() { return last; }
  public ObjectProperty<Double> bestProperty() { return best; }
  public DoubleProperty runtimeProperty() { return runtime; }
  public IntegerProperty retriesProperty() { return retries; }

  /** A config value by dotted key (nested maps are flattened by the table's columns). */
  public Object configValue(String dotted) {
    Object cur = snapshot.config();
    for (String part : dotted.split("\\.")) {
      if (!(cur instanceof Map<?, ?> m)) return null;
      cur = m.get(part);
    }
    return cur;
  }
}
