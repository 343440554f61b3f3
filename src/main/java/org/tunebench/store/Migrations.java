package org.tunebench.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Versioned schema migrations ({@code migrations/V<n>__<what>.sql}), applied in order, each once, each in
 * its own transaction. An old database opens and is brought up to date; a newer one is refused.
 */
final class Migrations {
  static final List<String> ALL = List.of("V1__history.sql", "V2__pbt_exploits.sql", "V3__scheduler_state.sql",
      "V4__reasons_attempts_timeline.sql", "V5__experiment_uid.sql", "V6__steering_commands.sql",
      "V7__stopper_state.sql", "V8__commit_tokens.sql",
      "V9__searcher_entries.sql", "V10__plugin_entries.sql", "V11__result_log.sql", "V12__inline_lobs.sql");

  private Migrations() {}

  /** The database's schema version, 0 for a database without one. */
  static int version(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    } catch (SQLException noTable) {
      if (noTable.getErrorCode() == 42104 || noTable.getErrorCode() == 42102) return 0;
      throw noTable;
    }
  }

  static void apply(Connection c) throws SQLException {
    apply(c, ALL.size());
  }

  /** Brings the schema up to version {@code upTo} (tests build databases of older versions with it). */
  static void apply(Connection c, int upTo) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INT PRIMARY KEY, script VARCHAR(200) NOT NULL,"
          + " applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
    }
    int current = 0;
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
      if (rs.next()) current = rs.getInt(1);
    }
    if (current > ALL.size()) {
      throw new SQLException("the database has schema version " + current + ", newer than this Tunebench ("
          + ALL.size() + "); use a newer Tunebench");
    }
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      for (int v = current + 1; v <= upTo; v++) {
        String script = ALL.get(v - 1);
        for (String sql : read(script).split(";\\s*(\\n|$)")) {
          String stmt = stripComments(sql);
          if (stmt.isBlank()) continue;
          try (Statement s = c.createStatement()) {
            s.execute(stmt);
          }
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO schema_version VALUES (?, ?, ?)")) {
          p.setInt(1, v);
          p.setString(2, script);
          p.setObject(3, OffsetDateTime.now());
          p.executeUpdate();
        }
        c.commit();
      }
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
  }

  private static String stripComments(String sql) {
    StringBuilder b = new StringBuilder();
    for (String line : sql.split("\\R")) if (!line.strip().startsWith("--")) b.append(line).append('\n');
    return b.toString().strip();
  }

  private static String read(String script) {
    try (InputStream in = Migrations.class.getResourceAsStream("migrations/" + script)) {
      if (in == null) throw new IllegalStateException("missing migration " + script);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read migration " + script, e);
    }
  }
}
