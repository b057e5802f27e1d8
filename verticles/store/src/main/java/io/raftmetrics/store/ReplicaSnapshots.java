package io.raftmetrics.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Consumer;

/**
 * Snapshot files of a replica, made and installed with SQL so that neither needs the live file closed.
 *
 * <p>A snapshot copies every state table into a new DuckDB file inside <em>one read transaction</em>: DuckDB's MVCC
 * gives the copy a single consistent view, and the applied position is read in that same view, so the copy and the
 * position agree even if applies continue meanwhile. The file is checkpointed and detached, hence self-contained (no
 * WAL), and is itself a valid replica file.
 *
 * <p>A restore replaces the content of every state table from the attached snapshot in one write transaction, so
 * readers see either the old or the new state, never a mix, and their connections stay valid.
 */
final class ReplicaSnapshots {

  private static final String CURRENT_DATABASE = "SELECT current_database()";
  private static final String ATTACH = "ATTACH '%s' AS %s";
  private static final String ATTACH_READ_ONLY = "ATTACH '%s' AS %s (READ_ONLY)";
  private static final String DETACH = "DETACH %s";
  private static final String USE = "USE %s";
  private static final String CHECKPOINT = "CHECKPOINT %s";
  private static final String INSERT_INFO = "INSERT INTO replica_info VALUES (?, ?)";
  private static final String COPY_TABLE = "INSERT INTO %s.%s SELECT * FROM %s.%s";
  private static final String CLEAR_TABLE = "DELETE FROM %s";
  private static final String COPY_INTO_LIVE = "INSERT INTO %s SELECT * FROM %s.%s";
  private static final String SNAPSHOT_ALIAS = "rm_snapshot_out";
  private static final String RESTORE_ALIAS = "rm_snapshot_in";

  private ReplicaSnapshots() {
  }

  /** @return the name DuckDB gives the connection's main database */
  static String mainDatabase(Connection conn) throws SQLException {
    try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(CURRENT_DATABASE)) {
      rs.next();
      return rs.getString(1);
    }
  }

  /**
   * Writes the snapshot through {@code conn}, a connection of the replica's database in auto-commit mode that nobody
   * else uses meanwhile.
   */
  static TermIndex write(Connection conn, int shard, Path target) throws SQLException, IOException {
    Files.deleteIfExists(target);
    Files.deleteIfExists(walOf(target));
    String main = StateReader.quote(mainDatabase(conn));
    try (Statement s = conn.createStatement()) {
      s.execute(String.format(ATTACH, literal(target), SNAPSHOT_ALIAS));
      try {
        s.execute(String.format(USE, SNAPSHOT_ALIAS));
        for (String ddl : Schema.CREATE_ALL) {
          s.execute(ddl);
        }
        try (PreparedStatement ps = conn.prepareStatement(INSERT_INFO)) {
          ps.setInt(1, Schema.VERSION);
          ps.setInt(2, shard);
          ps.executeUpdate();
        }
        s.execute(String.format(USE, main));
        TermIndex position = copyInOneTransaction(conn, main);
        s.execute(String.format(CHECKPOINT, SNAPSHOT_ALIAS));
        return position;
      } finally {
        s.execute(String.format(USE, main));
        s.execute(String.format(DETACH, SNAPSHOT_ALIAS));
      }
    } finally {
      forceToDisk(target);
    }
  }

  private static TermIndex copyInOneTransaction(Connection conn, String main) throws SQLException {
    conn.setAutoCommit(false);
    try (Statement s = conn.createStatement()) {
      for (String table : Schema.STATE_TABLES) {
        s.execute(String.format(COPY_TABLE, SNAPSHOT_ALIAS, table, main, table));
      }
      TermIndex position = StateReader.position(conn, SNAPSHOT_ALIAS).applied();
      conn.commit();
      return position;
    } catch (SQLException | RuntimeException e) {
      conn.rollback();
      throw e;
    } finally {
      conn.setAutoCommit(true);
    }
  }

  /**
   * Replaces the replica's state with the snapshot's, in the running transaction of {@code writer}; the caller
   * commits. {@code admin} (auto-commit, otherwise unused) attaches the file; {@code beforeCommit} receives the
   * snapshot's series so the catalog can list them before they become visible.
   */
  static void restore(Connection admin, Connection writer, int shard, Path snapshot,
                      Consumer<List<SeriesSlot>> beforeCommit) throws SQLException {
    if (!Files.isRegularFile(snapshot)) {
      throw new StoreException("snapshot " + snapshot + " does not exist", null);
    }
    try (Statement s = admin.createStatement()) {
      s.execute(String.format(ATTACH_READ_ONLY, literal(snapshot), RESTORE_ALIAS));
      try {
        StateReader.checkInfo(admin, RESTORE_ALIAS, shard, "snapshot " + snapshot);
        try (Statement w = writer.createStatement()) {
          for (String table : Schema.STATE_TABLES) {
            w.execute(String.format(CLEAR_TABLE, table));
            w.execute(String.format(COPY_INTO_LIVE, table, RESTORE_ALIAS, table));
          }
        }
        beforeCommit.accept(StateReader.series(writer, RESTORE_ALIAS));
        writer.commit();
      } catch (SQLException | RuntimeException e) {
        // The transaction reads the attached file: end it first, or the DETACH below is refused.
        rollbackQuietly(writer, e);
        throw e;
      } finally {
        s.execute(String.format(DETACH, RESTORE_ALIAS));
      }
    }
  }

  private static void rollbackQuietly(Connection conn, Exception cause) {
    try {
      conn.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  static Path walOf(Path db) {
    return db.resolveSibling(db.getFileName() + ".wal");
  }

  private static String literal(Path p) {
    return p.toAbsolutePath().toString().replace("'", "''");
  }

  private static void forceToDisk(Path file) throws IOException {
    if (Files.exists(file)) {
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
    }
  }
}
