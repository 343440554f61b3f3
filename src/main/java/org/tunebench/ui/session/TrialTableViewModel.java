package org.tunebench.ui.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.model.TrialStatus;

/**
 * The trial table's state: one ObservableList of rows that is only ever appended to (new trials); existing
 * rows change in place, so 10,000 rows stay cheap. The filter matches id, status or any config value.
 */
public final class TrialTableViewModel {
  private final ObservableList<TrialRow> rows = FXCollections.observableArrayList();
  private final FilteredList<TrialRow> filtered = new FilteredList<>(rows);
  private final Map<String, TrialRow> byId = new HashMap<>();
  private final ObservableList<String> configKeys = FXCollections.observableArrayList();
  private final StringProperty filter = new SimpleStringProperty("");
  private final String metric;
  // kept up to date in apply(): the status bar and counts read them every frame, 10,000 rows or not
  private final Map<TrialStatus, Integer> counts = new java.util.EnumMap<>(TrialStatus.class);
  private int pendingChanges;
  private long statusVersion;
  private Set<String> constantKeys = Set.of();
  private final Map<String, TrialOutcome.Transition> transitions = new HashMap<>();

  private final List<String> objectives;

  public TrialTableViewModel(String metric) {
    this(List.of(metric));
  }

  /** Several objectives: the first is {@link #metric()}, the table shows each one's last value. */
  public TrialTableViewModel(List<String> objectives) {
    this.metric = objectives.get(0);
    this.objectives = List.copyOf(objectives);
    filter.addListener((o, a, b) -> filtered.setPredicate(predicate(b)));
  }

  /** Applies one frame's snapshots; returns what changed in existing rows (a {@link TrialRow} mask). */
  public int apply(Iterable<TrialSnapshot> snapshots) {
    List<TrialRow> added = new ArrayList<>();
    int changed = 0;
    for (TrialSnapshot s : snapshots) {
      TrialRow row = byId.get(s.id());
      if (row == null) {
        row = new TrialRow(s);
        row.update(s, metric, transitions.get(s.id()));
        byId.put(s.id(), row);
        added.add(row);
        addKeys(s.config());
        counts.merge(row.status(), 1, Integer::sum);
      } else {
        TrialStatus before = row.status();
        int c = row.update(s, metric, transitions.get(s.id()));
        if ((c & TrialRow.CONFIG) != 0) addKeys(s.config());
        if ((c & TrialRow.STATUS) != 0) {
          statusVersion++;
          counts.merge(before, -1, Integer::sum);
          counts.merge(row.status(), 1, Integer::sum);
        }
        changed |= c;
      }
    }
    if (!added.isEmpty()) {
      rows.addAll(added);
      statusVersion++;
    }
    pendingChanges |= changed;
    return changed;
  }

  /**
   * The driver's reason for a trial's status change; call before {@link #apply} with the same frame's snapshots
   * (the pill reads it when the status changes).
   */
  public void noteTransition(String trialId, TrialStatus to, String reason) {
    if (reason != null && to != null) transitions.put(trialId, new TrialOutcome.Transition(to, reason));
  }

  /** A PBT exploit replaced a trial's config (the row shows it at once, with a marker). */
  public void exploited(String trialId, String donorId, Map<String, Object> newConfig) {
    TrialRow row = byId.get(trialId);
    if (row == null) return;
    row.exploited(donorId, newConfig);
    if (newConfig != null) addKeys(newConfig);
    pendingChanges |= TrialRow.CONFIG;
  }

  /** What changed in existing rows since the last call (the table asks once per frame). */
  public int takeChanges() {
    int c = pendingChanges;
    pendingChanges = 0;
    return c;
  }

  private void addKeys(Map<String, Object> config) {
    Set<String> keys = new LinkedHashSet<>();
    flatten("", config, keys);
    for (String k : keys) if (!configKeys.contains(k)) configKeys.add(k);
  }

  private static void flatten(String prefix, Map<String, Object> m, Set<String> out) {
    if (m == null) return;
    for (Map.Entry<String, Object> e : m.entrySet()) {
      String k = prefix + e.getKey();
      if (e.getValue() instanceof Map<?, ?> nested) {
        @SuppressWarnings("unchecked") Map<String, Object> n = (Map<String, Object>) nested;
        flatten(k + ".", n, out);
      } else {
        out.add(k);
      }
    }
  }

  static Predicate<TrialRow> predicate(String text) {
    if (text == null || text.isBlank()) return null;
    String t = text.trim().toLowerCase(Locale.ROOT);
    return r -> r.id().toLowerCase(Locale.ROOT).contains(t)
        || r.status().name().toLowerCase(Locale.ROOT).contains(t)
        || String.valueOf(r.config()).toLowerCase(Locale.ROOT).contains(t)
        || r.reasonProperty().get().toLowerCase(Locale.ROOT).contains(t)
        || r.changeProperty().get().toLowerCase(Locale.ROOT).contains(t);
  }

  public ObservableList<TrialRow> rows() { return rows; }
  public FilteredList<TrialRow> filtered() { return filtered; }
  public ObservableList<String> configKeys() { return configKeys; }
  /** Keys the spec fixes to one value (e.g. iterations): the table hides them, they would crowd out the metrics. */
  public void setConstantKeys(Set<String> keys) { constantKeys = Set.copyOf(keys); }
  public boolean isConstant(String key) { return constantKeys.contains(key); }
  public StringProperty filterProperty() { return filter; }
  public TrialRow row(String id) { return byId.get(id); }
  public String metric() { return metric; }
  /** Every objective's metric, the first being {@link #metric()}; one unless the experiment has several. */
  public List<String> objectives() { return objectives; }

  /**
   * Grows whenever a trial is added or changes status: what can be done to trials (the commands' enabled state)
   * only changes then, so the window re-evaluates its commands when this moves.
   */
  public long statusVersion() {
    return statusVersion;
  }

  public long count(TrialStatus s) {
    return counts.getOrDefault(s, 0);
  }
}
