package io.raftmetrics.store;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DuckDB behaviour the apply path relies on: Appender rows belong to the connection's running transaction, so
 * they commit and roll back with it, and stay invisible to other connections until the commit.
 */
class AppenderTransactionTest {

  @TempDir
  Path dir;

  @Test
  void appenderRowsJoinTheRunningTransaction() throws Exception {
    try (DuckDBConnection conn = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("a.db"))) {
      try (Statement s = conn.createStatement()) {
        s.execute(Schema.CREATE_POINTS_LONG);
        s.execute(Schema.CREATE_STATE);
        s.execute("INSERT INTO replica_state VALUES (0, 0, 0)");
      }
      conn.setAutoCommit(false);
      try (DuckDBAppender appender = conn.createAppender("points_long");
           DuckDBConnection other = conn.duplicate()) {
        other.setAutoCommit(true);
        try (Statement s = conn.createStatement()) {
          s.execute("UPDATE replica_state SET idx = 1");
        }
        appender.beginRow().append(1).append(10L).append(100L).endRow();
        appender.flush();
        assertThat(count(conn)).isEqualTo(1);
        assertThat(count(other)).isZero();

        conn.rollback();
        assertThat(count(conn)).isZero();

        appender.beginRow().append(1).append(10L).append(100L).endRow();
        appender.flush();
        conn.commit();
        assertThat(count(other)).isEqualTo(1);
      }
    }
  }

  private static long count(Connection c) throws Exception {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM points_long")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
