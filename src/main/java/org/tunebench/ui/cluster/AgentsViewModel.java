package org.tunebench.ui.cluster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.tunebench.cluster.ClusterExecutor;

/**
 * The Agents panel's state: one row per agent of the cluster drivers open in the workbench. {@link #read()} asks the
 * drivers (off the FX thread: it waits for each driver's cluster thread), {@link #show} puts the answer in the rows.
 * Toolkit-free.
 */
public final class AgentsViewModel {
  private static final Logger LOG = Logger.getLogger(AgentsViewModel.class.getName());
  public final ObservableList<AgentRow> rows = FXCollections.observableArrayList();
  /** A line above the table: where agents join, or that trials run locally. */
  public final StringProperty summary = new SimpleStringProperty("");
  private final ClusterSettings settings;

  public AgentsViewModel(ClusterSettings settings) {
    this.settings = settings;
  }

  /** What the drivers know now; a driver that does not answer is left out (it is closing). */
  public Snapshot read() {
    List<ClusterExecutor.AgentStatus> all = new ArrayList<>();
    List<ClusterExecutor> live = settings.live();
    for (ClusterExecutor d : live) {
      try {
        all.addAll(d.agents());
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "a cluster driver did not answer", e);
      }
    }
    List<AgentRow> r = AgentRow.of(all, Instant.now());
    String head = live.isEmpty() ? settings.joinHint()
        : r.size() + " agent" + (r.size() == 1 ? "" : "s") + " · " + settings.joinHint();
    return new Snapshot(r, head);
  }

  /** Rows and summary read by {@link #read()}. */
  public record Snapshot(List<AgentRow> rows, String summary) {}

  /** On the FX thread: rows replaced only when they changed (keeps the selection and the scroll position). */
  public void show(Snapshot s) {
    if (!rows.equals(s.rows())) rows.setAll(s.rows());
    summary.set(s.summary());
  }
}
