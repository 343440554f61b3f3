package org.tunebench.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.tunebench.engine.PluginSave;
import org.tunebench.engine.ResultEffects;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.model.TrialStatus;

/**
 * What each of one experiment's history writes does in SQL, on the journal's connection ({@link H2Journal} decides
 * when they run and commit). Builds a {@link Write} on the caller's thread (the values are copied then) that
 * applies on whichever thread commits; knows each trial's row key, and forgets those of a transaction rolled back.
 */
final class JournalRows {
  /** One history write, applied inside the journal's open transaction. */
  @FunctionalInterface
  interface Write {
    void apply() throws SQLException;
  }

  private final Connection c;
  private final long experimentId;
  private final Map<String, Long> trialPk = new HashMap<>();
  /** Trials inserted in the open transaction: a rollback must forget their keys too. */
  private final List<String> uncommittedTrials = new ArrayList<>();
  /**
   * Plug-ins with no stored entries since this journal last deleted them (none known at open: a resumed
   * experiment may have some); forgotten at every rollback, since the delete may be what was rolled back.
   */
  private final Set<String> noEntries = ConcurrentHashMap.newKeySet();
  private final PreparedStatement insertResult;
  private final PreparedStatement insertEvent;
  private final PreparedStatement insertPluginEntry;
  private final PreparedStatement supersede;
  private final PreparedStatement updateTrial;
  private final PreparedStatement setApplied;

  JournalRows(Connection c, long experimentId) throws SQLException {
    this.c = c;
    this.experimentId = experimentId;
    this.insertResult = c.prepareStatement(
        "INSERT INTO result(trial_pk, iteration, recorded_at, metrics, decision) VALUES (?, ?, ?, ?, ?)");
    this.insertPluginEntry = c.prepareStatement("INSERT INTO plugin_entry(experiment_id, plugin, entry) VALUES (?, ?, ?)");
    this.insertEvent = c.prepareStatement(
        "INSERT INTO lifecycle_event(trial_pk, at, from_status, to_status, reason) VALUES (?, ?, ?, ?, ?)");
    this.supersede = c.prepareStatement(
        "UPDATE result SET superseded=TRUE WHERE trial_pk=? AND iteration>=? AND NOT superseded");
    this.updateTrial = c.prepareStatement("UPDATE trial SET status=?, config=?, retries=?, error=?, error_stack=?,"
        + " iterations=?, time_total_s=?, last_result=?, best=?, updated_at=?, end_reason=?, waiting_for=?, attempts=?"
        + " WHERE id=?");
    this.setApplied = c.prepareStatement("UPDATE experiment SET log_applied=? WHERE id=?");
    try (PreparedStatement p = c.prepareStatement("SELECT trial_id, id FROM trial WHERE experiment_id = ?")) {
      p.setLong(1, experimentId);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) trialPk.put(rs.getString(1), rs.getLong(2));
      }
    }
  }

  // ---------------------------------------------------------------- the transaction

  void commit() throws SQLException {
    c.commit();
    uncommittedTrials.clear();
  }

  /** Rolls back; the connection may be broken, which a later write tells. */
  void rollbackQuietly() {
    noEntries.clear();
    uncommittedTrials.forEach(trialPk::remove);
    uncommittedTrials.clear();
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the connection is broken; the journal's next real write tells
    }
  }

  /** A write that changes nothing, to prove the store can still be written (and to end a commit). */
  void touch() throws SQLException {
    try (PreparedStatement p = c.prepareStatement("UPDATE experiment SET updated_at=updated_at WHERE id=?")) {
      p.setLong(1, experimentId);
      p.executeUpdate();
    }
  }

  /** The experiment's last activity ({@code updated} in `show`) moves on with its trials' progress while it runs. */
  void progressed(Instant at) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("UPDATE experiment SET updated_at=GREATEST(?, updated_at) WHERE id=?")) {
      p.setObject(1, ExperimentStore.ts(at));
      p.setLong(2, experimentId);
      p.executeUpdate();
    }
  }

  /** The sequence number of the newest logged result the database holds (decision 0021). */
  long logApplied() throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT log_applied FROM experiment WHERE id=?")) {
      p.setLong(1, experimentId);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  /** In the open transaction: the database holds the logged results up to {@code upTo}. */
  void setLogApplied(long upTo) throws SQLException {
    setApplied.setLong(1, upTo);
    setApplied.setLong(2, experimentId);
    setApplied.executeUpdate();
  }

  void close() throws SQLException {
    c.close();
  }

  boolean knows(String trialId) {
    return trialPk.containsKey(trialId);
  }

  private long pk(String trialId) {
    Long pk = trialPk.get(trialId);
    if (pk == null) throw new IllegalStateException("trial " + trialId + " was never saved");
    return pk;
  }

  // ---------------------------------------------------------------- the writes

  Write experimentStatus(String status, Instant at) {
    return () -> {
      try (PreparedStatement p = c.prepareStatement("UPDATE experiment SET status=?, updated_at=GREATEST(?, created_at) WHERE id=?")) {
        p.setString(1, status);
        p.setObject(2, ExperimentStore.ts(at));
        p.setLong(3, experimentId);
        p.executeUpdate();
      }
    };
  }

  /** The searcher's, scheduler's or stopper's whole state ({@code column}), as JSON or null. */
  Write pluginColumn(String column, JsonNode state) {
    String json = state == null ? null : state.toString();
    return () -> setColumn(column, json);
  }

  private void setColumn(String column, String json) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("UPDATE experiment SET " + column + "=? WHERE id=?")) {
      p.setString(1, json);
      p.setLong(2, experimentId);
      p.executeUpdate();
    }
  }

  /** The searcher's state and the entries it appended, in one transaction. */
  Write searcherState(JsonNode state, List<JsonNode> appended) {
    String json = state == null ? null : state.toString();
    List<String> entries = texts(appended);
    return () -> {
      setColumn("searcher_state", json);
      appendSearcherEntries(entries);
    };
  }

  static List<String> texts(List<JsonNode> nodes) {
    List<String> out = new ArrayList<>(nodes.size());
    for (JsonNode n : nodes) out.add(n.toString());
    return out;
  }

  private void appendSearcherEntries(List<String> entries) throws SQLException {
    if (entries.isEmpty()) return;
    try (PreparedStatement p = c.prepareStatement("INSERT INTO searcher_entry(experiment_id, entry) VALUES (?, ?)")) {
      for (String e : entries) {
        p.setLong(1, experimentId);
        p.setString(2, e);
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  /** The trial's row, inserted or updated; with the searcher's state and entries in the same transaction. */
  Write saveRow(TrialSnapshot t, String searcherState, List<String> searcherEntries) {
    String config = ExperimentStore.json(t.config());
    String last = t.lastResult() == null ? null : ExperimentStore.json(t.lastResult());
    return () -> {
      if (searcherState != null) setColumn("searcher_state", searcherState);
      appendSearcherEntries(searcherEntries);
      Long pk = trialPk.get(t.id());
      if (pk == null) {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO trial(experiment_id, trial_id, seq, status, config,"
            + " parent_trial_id, dir, log_path, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)", new String[] {"ID"})) {
          p.setLong(1, experimentId);
          p.setString(2, t.id());
          p.setInt(3, t.seq());
          p.setString(4, t.status().name());
          p.setString(5, config);
          p.setString(6, t.parentId());
          p.setString(7, t.dir());
          p.setString(8, t.dir() + "/trial.log");
          p.setObject(9, ExperimentStore.ts(t.createdAt()));
          p.setObject(10, ExperimentStore.ts(t.createdAt()));
          p.executeUpdate();
          try (ResultSet rs = p.getGeneratedKeys()) {
            rs.next();
            trialPk.put(t.id(), rs.getLong(1));
            uncommittedTrials.add(t.id());
          }
        }
        return;
      }
      updateRow(t, pk, config, last);
    };
  }

  /** A trial's progress (iteration, last result, best) into its row, now; false if the trial has no row yet. */
  boolean writeProgress(TrialSnapshot t) throws SQLException {
    Long pk = trialPk.get(t.id());
    if (pk == null) return false;
    updateRow(t, pk, ExperimentStore.json(t.config()), t.lastResult() == null ? null : ExperimentStore.json(t.lastResult()));
    return true;
  }

  private void updateRow(TrialSnapshot t, long pk, String config, String last) throws SQLException {
    PreparedStatement p = updateTrial;
    p.setString(1, t.status().name());
    p.setString(2, config);
    p.setInt(3, t.retries());
    p.setString(4, t.error());
    p.setString(5, t.errorStack());
    p.setInt(6, t.iteration());
    p.setDouble(7, t.timeTotalS());
    p.setString(8, last);
    if (t.best() == null) p.setNull(9, java.sql.Types.DOUBLE);
    else p.setDouble(9, t.best());
    p.setObject(10, ExperimentStore.ts(Instant.now()));
    p.setString(11, t.endReason());
    p.setString(12, t.waitingFor());
    p.setString(13, t.attempts().isEmpty() ? null : ExperimentStore.json(t.attempts()));
    p.setLong(14, pk);
    p.executeUpdate();
  }

  Write statusChanged(String trialId, TrialStatus from, TrialStatus to, String reason, Instant at) {
    return () -> {
      PreparedStatement p = insertEvent;
      p.setLong(1, pk(trialId));
      p.setObject(2, ExperimentStore.ts(at));
      p.setString(3, from == null ? null : from.name());
      p.setString(4, to.name());
      p.setString(5, reason);
      p.executeUpdate();
    };
  }

  /** The result, what it changed in the scheduler and stoppers, and its decision. */
  void applyResult(LoggedResult r) throws SQLException {
    if (r.supersedes()) {
      supersede.setLong(1, pk(r.trialId()));
      supersede.setInt(2, r.iteration());
      supersede.executeUpdate();
    }
    PreparedStatement p = insertResult;
    p.setLong(1, pk(r.trialId()));
    p.setInt(2, r.iteration());
    p.setObject(3, ExperimentStore.ts(r.at()));
    p.setString(4, r.metricsJson());
    p.setString(5, r.decisionJson());
    p.executeUpdate();
    pluginWrite(ResultEffects.SCHEDULER, r.scheduler()).apply();
    pluginWrite(ResultEffects.STOPPER, r.stopper()).apply();
  }

  /** A replacing save: the state column and no entries; otherwise the entries after those stored. */
  Write pluginWrite(String plugin, PluginSave save) {
    if (save.isEmpty()) return () -> { };
    String column = switch (plugin) {
      case ResultEffects.SCHEDULER -> "scheduler_state";
      case ResultEffects.STOPPER -> "stopper_state";
      default -> throw new IllegalArgumentException("no stored state for plug-in " + plugin);
    };
    String state = save.state() == null ? null : save.state().toString();
    List<String> entries = texts(save.appended());
    boolean replaces = save.replaces();
    return () -> {
      if (replaces) {
        setColumn(column, state);
        // a plug-in writing its whole state with every result (a stopper) has no entries to delete each time
        if (!noEntries.contains(plugin)) {
          try (PreparedStatement p = c.prepareStatement("DELETE FROM plugin_entry WHERE experiment_id=? AND plugin=?")) {
            p.setLong(1, experimentId);
            p.setString(2, plugin);
            p.executeUpdate();
          }
        }
        noEntries.add(plugin);
      }
      if (entries.isEmpty()) return;
      noEntries.remove(plugin);
      PreparedStatement p = insertPluginEntry;
      for (String e : entries) {
        p.setLong(1, experimentId);
        p.setString(2, plugin);
        p.setString(3, e);
        p.addBatch();
      }
      p.executeBatch();
    };
  }

  Write checkpointAdded(String trialId, int iteration, double timeTotalS, String path, Instant at) {
    return () -> {
      try (PreparedStatement p = c.prepareStatement(
          "INSERT INTO checkpoint(trial_pk, iteration, time_total_s, path, created_at) VALUES (?,?,?,?,?)")) {
        p.setLong(1, pk(trialId));
        p.setInt(2, iteration);
        p.setDouble(3, timeTotalS);
        p.setString(4, path);
        p.setObject(5, ExperimentStore.ts(at));
        p.executeUpdate();
      }
    };
  }

  Write checkpointRemoved(String trialId, String path, Instant at) {
    return () -> {
      try (PreparedStatement p = c.prepareStatement(
          "UPDATE checkpoint SET removed_at=? WHERE trial_pk=? AND path=? AND removed_at IS NULL")) {
        p.setObject(1, ExperimentStore.ts(at));
        p.setLong(2, pk(trialId));
        p.setString(3, path);
        p.executeUpdate();
      }
    };
  }

  Write exploit(String trialId, String donorId, Map<String, Object> oldConfig, Map<String, Object> newConfig,
      String checkpoint, Instant at) {
    String oldJson = ExperimentStore.json(oldConfig);
    String newJson = ExperimentStore.json(newConfig);
    return () -> {
      try (PreparedStatement p = c.prepareStatement("INSERT INTO exploit(trial_pk, donor_trial_id, old_config,"
          + " new_config, checkpoint, at) VALUES (?,?,?,?,?,?)")) {
        p.setLong(1, pk(trialId));
        p.setString(2, donorId);
        p.setString(3, oldJson);
        p.setString(4, newJson);
        p.setString(5, checkpoint);
        p.setObject(6, ExperimentStore.ts(at));
        p.executeUpdate();
      }
    };
  }
}
