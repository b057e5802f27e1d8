package io.raftmetrics.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Consumers' watermarks: the {@code watermarks} table and its in-memory copy. A watermark never goes down: an older
 * position arriving late (e.g. a retried submission) leaves the higher one in place.
 */
final class WatermarkTable implements AutoCloseable {

  private static final String UPSERT = "INSERT INTO watermarks VALUES (?, ?) ON CONFLICT (consumer) "
    + "DO UPDATE SET idx = greatest(watermarks.idx, excluded.idx)";
  private static final String SELECT = "SELECT consumer, idx FROM watermarks";

  private final Connection conn;
  private final PreparedStatement upsert;
  private volatile Map<String, Long> current = Map.of();

  WatermarkTable(Connection conn) throws SQLException {
    this.conn = conn;
    this.upsert = conn.prepareStatement(UPSERT);
  }

  /** Writes in the running transaction; call {@link #committed} once it commits. */
  void write(String consumer, long index) throws SQLException {
    upsert.setString(1, consumer);
    upsert.setLong(2, index);
    upsert.executeUpdate();
  }

  void committed(String consumer, long index) {
    Map<String, Long> next = new HashMap<>(current);
    next.merge(consumer, index, Math::max);
    current = Map.copyOf(next);
  }

  /** @return an immutable copy, safe to read from any thread */
  Map<String, Long> current() {
    return current;
  }

  void load() throws SQLException {
    Map<String, Long> loaded = new HashMap<>();
    try (PreparedStatement ps = conn.prepareStatement(SELECT); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        loaded.put(rs.getString(1), rs.getLong(2));
      }
    }
    current = Map.copyOf(loaded);
  }

  @Override
  public void close() throws SQLException {
    upsert.close();
  }
}
