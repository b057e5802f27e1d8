package io.raftmetrics.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates a replica's schema in a new file, or checks that an existing file is a replica of this layout and shard.
 * The layout check comes before any other DDL, so a file of another version is refused untouched.
 */
final class SchemaSetup {

  private static final String COUNT_INFO = "SELECT count(*) FROM replica_info";
  private static final String COUNT_STATE = "SELECT count(*) FROM replica_state";
  private static final String INSERT_INFO = "INSERT INTO replica_info VALUES (?, ?)";
  private static final String INSERT_STATE = "INSERT INTO replica_state VALUES (0, 0, 0)";

  private SchemaSetup() {
  }

  /** @param conn a connection in auto-commit mode */
  static void ensure(Connection conn, int shard, Path file) throws SQLException {
    try (Statement s = conn.createStatement()) {
      s.execute(Schema.CREATE_INFO);
      if (count(conn, COUNT_INFO) > 0) {
        StateReader.checkInfo(conn, ReplicaSnapshots.mainDatabase(conn), shard, "file " + file);
      } else {
        try (PreparedStatement ps = conn.prepareStatement(INSERT_INFO)) {
          ps.setInt(1, Schema.VERSION);
          ps.setInt(2, shard);
          ps.executeUpdate();
        }
      }
      for (String ddl : Schema.CREATE_ALL) {
        s.execute(ddl);
      }
      if (count(conn, COUNT_STATE) == 0) {
        s.execute(INSERT_STATE);
      }
    }
  }

  private static long count(Connection conn, String sql) throws SQLException {
    try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
