package org.tunebench.ui.session;

import java.util.Map;
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

  /** Copies the snapshot in; {@code metric} picks the "last" value out of the last result. */
  public void update(TrialSnapshot s, String metric) {
    snapshot = s;
    status.set(s.status());
    iteration.set(s.iteration());
    Double lastValue = null;
    if (metric != null && s.lastResult() != null && s.lastResult().get(metric) instanceof Number n) {
      lastValue = n.doubleValue();
    }
    if (!java.util.Objects.equals(last.get(), lastValue)) last.set(lastValue);
    if (!java.util.Objects.equals(best.get(), s.best())) best.set(s.best());
    runtime.set(s.timeTotalS());
    retries.set(s.retries());
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
