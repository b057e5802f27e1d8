package io.raftmetrics.query;

import io.raftmetrics.store.Replica;
import io.raftmetrics.store.SeriesCatalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One reader connection on one shard's replica, owned by one query verticle instance and used only from its worker
 * context. Each request runs in its own read transaction ({@link #read}), so all statements of a request see one
 * consistent state of the replica; statements made with {@link #prepare} are cancelled after the configured time.
 */
public final class ShardReader implements AutoCloseable {

  private static final String PING = "SELECT 1";
  private static final String SET_THREADS = "SET GLOBAL threads = %d";
  private static final String SET_MEMORY_LIMIT = "SET GLOBAL memory_limit = '%s'";

  /** Work done with the reader's connection inside one read transaction. */
  @FunctionalInterface
  public interface ReadWork<T> {
    T run(ShardReader reader) throws SQLException;
  }

  private final Replica replica;
  private final Connection conn;
  private final int timeoutSeconds;

  private ShardReader(Replica replica, Connection conn, int timeoutSeconds) {
    this.replica = replica;
    this.conn = conn;
    this.timeoutSeconds = timeoutSeconds;
  }

  /** Opens a reader on a replica; blocks on JDBC, so call it from a worker thread. */
  public static ShardReader open(Replica replica, int timeoutSeconds) throws SQLException {
    Connection conn = replica.openReader();
    try {
      conn.setAutoCommit(false);
      return new ShardReader(replica, conn, timeoutSeconds);
    } catch (SQLException | RuntimeException e) {
      conn.close();
      throw e;
    }
  }

  /** Applies database-wide DuckDB settings; null values keep DuckDB's defaults. */
  void configure(Integer threads, String memoryLimit) throws SQLException {
    try (Statement s = conn.createStatement()) {
      if (threads != null) {
        s.execute(String.format(SET_THREADS, threads));
      }
      if (memoryLimit != null) {
        s.execute(String.format(SET_MEMORY_LIMIT, memoryLimit));
      }
    }
    conn.commit();
  }

  public int shard() {
    return replica.shard();
  }

  /** The replica's series catalog; never behind what this reader can see. */
  public SeriesCatalog catalog() {
    return replica.catalog();
  }

  /** Runs {@code work} in one read transaction, which ends (commit or rollback) before this returns. */
  public <T> T read(ReadWork<T> work) throws SQLException {
    try {
      T result = work.run(this);
      conn.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      try {
        conn.rollback();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** A statement with the query time limit; the caller closes it. */
  public PreparedStatement prepare(String sql) throws SQLException {
    PreparedStatement ps = conn.prepareStatement(sql);
    ps.setQueryTimeout(timeoutSeconds);
    return ps;
  }

  /** The underlying connection, e.g. to build array parameters. */
  public Connection connection() {
    return conn;
  }

  /** @return the configured time limit per statement */
  public int timeoutSeconds() {
    return timeoutSeconds;
  }

  /** Runs a trivial statement; throws if the connection is unusable. */
  void ping() throws SQLException {
    read(r -> {
      try (PreparedStatement ps = prepare(PING)) {
        ps.executeQuery().close();
      }
      return null;
    });
  }

  @Override
  public void close() throws SQLException {
    conn.close();
  }
}
