package io.raftmetrics.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Ingest batch ids applied within the last {@link Schema#BATCH_ID_WINDOW} log indexes. A batch is a retry if its id
 * was applied at an index above {@code index - window}: the rule looks at log indexes only, so every replica decides
 * alike whatever its clock or restart history. Rows older than the window are purged in bulk, by a rule that also
 * depends only on the table's content and the index, so replicas keep identical tables.
 */
final class BatchIdWindow implements AutoCloseable {

  private static final String INSERT = "INSERT INTO applied_batches VALUES (?, ?, ?)";
  private static final String PURGE = "DELETE FROM applied_batches WHERE idx <= ?";
  private static final String SELECT = "SELECT id_hi, id_lo, idx FROM applied_batches ORDER BY idx, id_hi, id_lo";
  /** Purge once the oldest row is this far past the window, so the DELETE runs rarely. */
  private static final long PURGE_SLACK = 10_000;

  private record Applied(UUID id, long index) {
  }

  private final Connection conn;
  private final PreparedStatement insert;
  private final PreparedStatement purge;
  private final Map<UUID, Long> seen = new HashMap<>();
  private final ArrayDeque<Applied> order = new ArrayDeque<>();
  private Applied pending;
  private long pendingPurge = Long.MIN_VALUE;

  BatchIdWindow(Connection conn) throws SQLException {
    this.conn = conn;
    this.insert = conn.prepareStatement(INSERT);
    this.purge = conn.prepareStatement(PURGE);
  }

  boolean isRetry(UUID id, long index) {
    Long at = seen.get(id);
    return at != null && at > index - Schema.BATCH_ID_WINDOW;
  }

  /** Records the id in the running transaction; {@link #commit()} makes it visible once the transaction commits. */
  void record(UUID id, long index) throws SQLException {
    insert.setLong(1, id.getMostSignificantBits());
    insert.setLong(2, id.getLeastSignificantBits());
    insert.setLong(3, index);
    insert.executeUpdate();
    pending = new Applied(id, index);
    long cutoff = index - Schema.BATCH_ID_WINDOW;
    Applied oldest = order.peekFirst();
    pendingPurge = Long.MIN_VALUE;
    if (oldest != null && oldest.index() <= cutoff - PURGE_SLACK) {
      purge.setLong(1, cutoff);
      purge.executeUpdate();
      pendingPurge = cutoff;
    }
  }

  void commit() {
    if (pending != null) {
      seen.put(pending.id(), pending.index());
      order.addLast(pending);
      pending = null;
    }
    while (!order.isEmpty() && order.peekFirst().index() <= pendingPurge) {
      Applied a = order.removeFirst();
      seen.remove(a.id(), a.index());
    }
    pendingPurge = Long.MIN_VALUE;
  }

  /** Replaces the memory state with the table's content. */
  void load() throws SQLException {
    seen.clear();
    order.clear();
    pending = null;
    pendingPurge = Long.MIN_VALUE;
    try (PreparedStatement ps = conn.prepareStatement(SELECT); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Applied a = new Applied(new UUID(rs.getLong(1), rs.getLong(2)), rs.getLong(3));
        seen.put(a.id(), a.index());
        order.addLast(a);
      }
    }
  }

  @Override
  public void close() throws SQLException {
    insert.close();
    purge.close();
  }
}
