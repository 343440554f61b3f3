package org.tunebench.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.h2.tools.SimpleResultSet;

/**
 * A writer's connection that outlives the process serving the database (docs/decisions/0005). When that
 * process dies, the open transaction is lost with its connection; this one opens a new connection (this
 * process may become the server), prepares the statements again and replays the writes of the open
 * transaction in order, then retries the call that failed. The caller sees no error. Rows whose generated
 * key the caller has read keep that key. After {@link #RECOVER_FOR_MS} without a connection, the original
 * error is thrown.
 *
 * <p>A commit cut in flight is ambiguous: the server may have written it before it died. So every commit that
 * writes also sets this writer's row in {@code commit_token} to a new sequence number, in the same transaction;
 * after reconnecting, the number tells whether that commit is in the database (then nothing is replayed) or
 * not (then the writes are replayed and committed again).
 */
final class ReconnectingConnection implements InvocationHandler {
  private static final Logger LOG = Logger.getLogger(ReconnectingConnection.class.getName());
  static final long RECOVER_FOR_MS = Long.getLong("tunebench.db.recoverMs", 30_000);
  private static final Pattern INSERT_INTO = Pattern.compile("(?is)^\\s*INSERT\\s+INTO\\s+([\\w.\"]+)");

  @FunctionalInterface
  interface Opener {
    Connection open() throws SQLException;
  }

  private record Call(Method method, Object[] args) {}

  /** One write of the open transaction, as executed. */
  private static final class Write {
    final Stmt stmt;
    final Map<Integer, Call> params;
    final List<Map<Integer, Call>> batch;
    final String method;
    Long key;

    Write(Stmt stmt, Map<Integer, Call> params, List<Map<Integer, Call>> batch, String method) {
      this.stmt = stmt;
      this.params = params;
      this.batch = batch;
      this.method = method;
    }
  }

  private final Opener opener;
  private Connection real;
  private int generation;
  private boolean closed;
  private final List<Write> open = new ArrayList<>();
  private final String writer = java.util.UUID.randomUUID().toString();
  private long commits;

  private ReconnectingConnection(Opener opener, Connection real) {
    this.opener = opener;
    this.real = real;
  }

  static Connection wrap(Opener opener) throws SQLException {
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        new ReconnectingConnection(opener, opener.open()));
  }

  @Override public synchronized Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
    switch (m.getName()) {
      case "prepareStatement" -> {
        if (args.length == 1 || (args.length == 2 && args[1] instanceof String[])) {
          Stmt s = new Stmt((String) args[0], args.length == 2 ? (String[]) args[1] : null);
          return Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
              new Class<?>[] {PreparedStatement.class}, s);
        }
        return call(real, m, args);
      }
      case "commit" -> {
        long token = open.isEmpty() ? 0 : ++commits;
        while (true) {
          try {
            if (token > 0) mark(real, token);
            real.commit();
            open.clear();
            return null;
          } catch (SQLException e) {
            if (closed || !lost()) throw e;
            if (recover(e, token)) {
              open.clear();
              return null;
            }
          }
        }
      }
      case "rollback" -> {
        open.clear();
        try {
          return call(real, m, args);
        } catch (SQLException e) {
          if (closed || !lost()) throw e;
          recover(e, 0); // a rollback on a lost connection is done: nothing of it survived; nothing to replay
          return null;
        }
      }
      case "close" -> {
        closed = true;
        forgetTokens();
        return call(real, m, args);
      }
      default -> {
        return call(real, m, args);
      }
    }
  }

  private static Object call(Object target, Method m, Object[] args) throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** True when the real connection no longer works (not just one statement failing). */
  private boolean lost() {
    try {
      return !real.isValid(2);
    } catch (SQLException e) {
      return true;
    }
  }

  private void mark(Connection c, long token) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("MERGE INTO commit_token(writer, seq) KEY(writer) VALUES (?, ?)")) {
      p.setString(1, writer);
      p.setLong(2, token);
      p.executeUpdate();
    }
  }

  private boolean committed(Connection c, long token) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT seq FROM commit_token WHERE writer = ?")) {
      p.setString(1, writer);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() && rs.getLong(1) >= token;
      }
    }
  }

  /** This writer's row is only needed while it writes. */
  private void forgetTokens() {
    if (commits == 0) return;
    try (PreparedStatement p = real.prepareStatement("DELETE FROM commit_token WHERE writer = ?")) {
      p.setString(1, writer);
      p.executeUpdate();
      if (!real.getAutoCommit()) real.commit();
    } catch (SQLException e) {
      LOG.fine("commit token of a closing writer kept: " + e.getMessage());
    }
  }

  /**
   * A new connection. Returns true when the commit marked {@code token} (0: none) turns out to have reached the
   * database; otherwise the open transaction's writes are replayed on it. Throws {@code cause} when no
   * connection can be had.
   */
  private boolean recover(SQLException cause, long token) throws SQLException {
    long deadline = System.currentTimeMillis() + RECOVER_FOR_MS;
    SQLException last = cause;
    while (System.currentTimeMillis() < deadline) {
      Connection n = null;
      try {
        n = opener.open();
        boolean done = token > 0 && committed(n, token);
        if (!done) for (Write w : open) replay(n, w);
        Connection old = real;
        real = n;
        generation++;
        try {
          old.close();
        } catch (SQLException ignored) {
          // it is the one that broke
        }
        LOG.info("reconnected to the database after losing its connection; "
            + (done ? "the commit in flight had reached it" : "replayed " + open.size() + " writes"));
        return done;
      } catch (SQLException e) {
        last = e;
        if (n != null) {
          try {
            n.close();
          } catch (SQLException ignored) {
            // trying again with another
          }
        }
        try {
          Thread.sleep(200);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    if (last != cause) cause.addSuppressed(last);
    throw cause;
  }

  private static void replay(Connection n, Write w) throws SQLException {
    try (PreparedStatement p = w.stmt.keys == null ? n.prepareStatement(w.stmt.sql)
        : n.prepareStatement(w.stmt.sql, w.stmt.keys)) {
      if (w.batch != null) {
        for (Map<Integer, Call> row : w.batch) {
          apply(p, row);
          p.addBatch();
        }
        p.executeBatch();
      } else {
        apply(p, w.params);
        p.execute();
      }
      if (w.key != null) keepKey(n, p, w);
    }
  }

  /** The replayed row got a new generated key: give it the one the caller already uses. */
  private static void keepKey(Connection n, PreparedStatement p, Write w) throws SQLException {
    long now;
    try (ResultSet rs = p.getGeneratedKeys()) {
      if (!rs.next()) return;
      now = rs.getLong(1);
    }
    if (now == w.key) return;
    Matcher t = INSERT_INTO.matcher(w.stmt.sql);
    if (!t.find()) throw new SQLException("cannot keep the generated key of: " + w.stmt.sql);
    String col = w.stmt.keys[0];
    try (PreparedStatement fix = n.prepareStatement("UPDATE " + t.group(1) + " SET " + col + " = ? WHERE " + col + " = ?")) {
      fix.setLong(1, w.key);
      fix.setLong(2, now);
      fix.executeUpdate();
    }
  }

  private static void apply(PreparedStatement p, Map<Integer, Call> params) throws SQLException {
    for (Call c : params.values()) {
      try {
        c.method.invoke(p, c.args);
      } catch (InvocationTargetException e) {
        if (e.getCause() instanceof SQLException s) throw s;
        throw new SQLException(e.getCause());
      } catch (IllegalAccessException e) {
        throw new SQLException(e);
      }
    }
  }

  /** A prepared statement that follows its connection to a new one. */
  private final class Stmt implements InvocationHandler {
    final String sql;
    final String[] keys;
    private PreparedStatement stmt;
    private int gen;
    private final Map<Integer, Call> params = new TreeMap<>();
    private List<Map<Integer, Call>> batch;
    private Write lastWrite;

    Stmt(String sql, String[] keys) throws SQLException {
      this.sql = sql;
      this.keys = keys;
      this.stmt = prepare();
      this.gen = generation;
    }

    private PreparedStatement prepare() throws SQLException {
      return keys == null ? real.prepareStatement(sql) : real.prepareStatement(sql, keys);
    }

    /** The statement on the current connection, prepared again (with its parameters) after a reconnect. */
    private PreparedStatement current() throws SQLException {
      if (gen != generation) {
        stmt = prepare();
        gen = generation;
        apply(stmt, params);
      }
      return stmt;
    }

    @Override public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
      synchronized (ReconnectingConnection.this) {
        String name = m.getName();
        if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer i) {
          params.put(i, new Call(m, args.clone()));
          return call(current(), m, args);
        }
        switch (name) {
          case "clearParameters" -> params.clear();
          case "addBatch" -> {
            if (args == null || args.length == 0) {
              if (batch == null) batch = new ArrayList<>();
              batch.add(new TreeMap<>(params));
            }
          }
          case "clearBatch" -> batch = null;
          case "close" -> {
            try {
              return call(stmt, m, args);
            } catch (SQLException ignored) {
              return null; // a statement of a lost connection
            }
          }
          case "getGeneratedKeys" -> {
            return generatedKeys();
          }
          default -> {
            // other calls go to the statement below
          }
        }
        boolean write = (args == null || args.length == 0) && (name.equals("executeUpdate") || name.equals("execute")
            || name.equals("executeLargeUpdate") || name.equals("executeBatch") || name.equals("executeLargeBatch"));
        while (true) {
          try {
            Object r = call(current(), m, args);
            if (write) {
              boolean isBatch = name.endsWith("Batch");
              lastWrite = new Write(this, isBatch ? null : new TreeMap<>(params),
                  isBatch ? (batch == null ? List.of() : List.copyOf(batch)) : null, name);
              if (isBatch) batch = null;
              open.add(lastWrite);
            }
            return r;
          } catch (SQLException e) {
            if (closed || !lost()) throw e;
            recover(e, 0);
          }
        }
      }
    }

    /** Reads the keys once, remembers the first one (kept on replay), and hands the caller a copy. */
    private ResultSet generatedKeys() throws SQLException {
      SimpleResultSet copy = new SimpleResultSet();
      try (ResultSet rs = current().getGeneratedKeys()) {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        for (int i = 1; i <= n; i++) {
          copy.addColumn(md.getColumnLabel(i), md.getColumnType(i), md.getPrecision(i), md.getScale(i));
        }
        boolean first = true;
        while (rs.next()) {
          Object[] row = new Object[n];
          for (int i = 1; i <= n; i++) row[i - 1] = rs.getObject(i);
          copy.addRow(row);
          if (first && lastWrite != null && keys != null && n >= 1 && row[0] instanceof Number k) {
            lastWrite.key = k.longValue();
          }
          first = false;
        }
      }
      return copy;
    }
  }
}
