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

  public TrialTableViewModel(String metric) {
    this.metric = metric;
    filter.addListener((o, a, b) -> filtered.setPredicate(predicate(b)));
  }

  public void apply(Iterable<TrialSnapshot> snapshots) {
    List<TrialRow> added = new ArrayList<>();
    for (TrialSnapshot s : snapshots) {
      TrialRow row = byId.get(s.id());
      if (row == null) {
        row = new TrialRow(s);
        row.update(s, metric);
        byId.put(s.id(), row);
        added.add(row);
        addKeys(s.config());
      } else {
        row.update(s, metric);
      }
    }
    if (!added.isEmpty()) rows.addAll(added);
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
        || String.valueOf(r.config()).toLowerCase(Locale.ROOT).contains(t);
  }

  public ObservableList<TrialRow> rows() { return rows; }
  public FilteredList<TrialRow> filtered() { return filtered; }
  public ObservableList<String> configKeys() { return configKeys; }
  public StringProperty filterProperty() { return filter; }
  public TrialRow row(String id) { return byId.get(id); }
  public String metric() { return metric; }

  public long count(TrialStatus s) {
    return rows.stream().filter(r -> r.status() == s).count();
  }
}
