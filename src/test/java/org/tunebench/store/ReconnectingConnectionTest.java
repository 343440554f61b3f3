package org.tunebench.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A connection lost around a commit: the writes of that transaction end up in the database exactly once. */
class ReconnectingConnectionTest {
  @TempDir Path tmp;

  private String url() {
    return "jdbc:h2:file:" + tmp.resolve("db") + ";AUTO_SERVER=TRUE";
  }

  /** A real connection whose commit, when armed, reaches the database and then loses the connection. */
  private Connection dying(AtomicBoolean cutAfterCommit, AtomicBoolean cutBeforeCommit) throws SQLException {
    Connection real = DriverManager.getConnection(url(), "sa", "pw");
    real.setAutoCommit(false);
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        (p, m, args) -> {
          if (m.getName().equals("commit") && cutBeforeCommit.getAndSet(false)) {
            real.close();
            throw new SQLException("connection lost before the commit");
          }
          try {
            Object r = m.invoke(real, args);
            if (m.getName().equals("commit") && cutAfterCommit.getAndSet(false)) {
              real.close();
              throw new SQLException("connection lost while the commit's answer was on its way");
            }
            return r;
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private int rows(String what) throws SQLException {
    try (Connection c = DriverManager.getConnection(url(), "sa", "pw"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t WHERE v = '" + what + "'")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test void aCommitThatReachedTheDatabaseIsNotReplayedAndOneThatDidNotIs() throws Exception {
    try (Connection setup = DriverManager.getConnection(url(), "sa", "pw")) {
      Migrations.apply(setup);
      try (Statement s = setup.createStatement()) {
        s.execute("CREATE TABLE t (id BIGINT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(20))");
      }
    }
    AtomicBoolean after = new AtomicBoolean();
    AtomicBoolean before = new AtomicBoolean();
    Connection c = ReconnectingConnection.wrap(() -> dying(after, before));
    try (PreparedStatement ins = c.prepareStatement("INSERT INTO t(v) VALUES (?)")) {
      ins.setString(1, "reached");
      ins.executeUpdate();
      after.set(true);
      c.commit();
      assertEquals(1, rows("reached"), "the commit reached the database: replaying it would store it twice");

      ins.setString(1, "lost");
      ins.executeUpdate();
      before.set(true);
      c.commit();
      assertEquals(1, rows("lost"), "the commit never reached the database: it is replayed once");

      ins.setString(1, "plain");
      ins.executeUpdate();
      c.commit();
      assertEquals(1, rows("plain"));
    } finally {
      c.close();
    }
  }
}
