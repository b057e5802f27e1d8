package io.raftmetrics.cassandra.write;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers which index rows ({@code row_keys} with its {@code row_key_time_index} row, and {@code string_index}
 * metric names) are already in Cassandra, so a steady stream of points writes only {@code data_points}. Entries are
 * added only after Cassandra acknowledged the rows, so a failed write is repeated in full next time. A row key with a
 * TTL is forgotten half-way to its expiry and rewritten, keeping the index alive as long as data arrives.
 *
 * <p>Least-recently-used eviction; confined to the verticle's event loop (not thread-safe).
 */
final class IndexCache {

  private final LruMap<ByteBuffer, Long> rowKeys;
  private final LruMap<String, Boolean> metricNames;

  IndexCache(int rowKeyCapacity, int metricNameCapacity) {
    this.rowKeys = new LruMap<>(rowKeyCapacity);
    this.metricNames = new LruMap<>(metricNameCapacity);
  }

  /** @param rowKey a serialized {@code data_points} key */
  boolean hasRowKey(ByteBuffer rowKey, long nowMs) {
    Long refreshAt = rowKeys.get(rowKey);
    if (refreshAt == null) {
      return false;
    }
    if (nowMs >= refreshAt) {
      rowKeys.remove(rowKey);
      return false;
    }
    return true;
  }

  /**
   * @param rowKeyTtlSeconds TTL the index rows were written with, 0 for none
   */
  void addRowKey(ByteBuffer rowKey, int rowKeyTtlSeconds, long writtenAtMs) {
    long refreshAt = rowKeyTtlSeconds == 0 ? Long.MAX_VALUE : writtenAtMs + rowKeyTtlSeconds * 500L;
    rowKeys.put(rowKey, refreshAt);
  }

  boolean hasMetricName(String metric) {
    return metricNames.get(metric) != null;
  }

  void addMetricName(String metric) {
    metricNames.put(metric, Boolean.TRUE);
  }

  /** Forgets everything about a metric, after a delete removed some of its index rows. */
  void forgetMetric(byte[] metricUtf8, String metric) {
    metricNames.remove(metric);
    rowKeys.keySet().removeIf(k -> startsWithMetric(k, metricUtf8));
  }

  int rowKeyCount() {
    return rowKeys.size();
  }

  private static boolean startsWithMetric(ByteBuffer key, byte[] metric) {
    if (key.remaining() <= metric.length || key.get(key.position() + metric.length) != 0) {
      return false;
    }
    for (int i = 0; i < metric.length; i++) {
      if (key.get(key.position() + i) != metric[i]) {
        return false;
      }
    }
    return true;
  }

  private static final class LruMap<K, V> extends LinkedHashMap<K, V> {
    private final int capacity;

    LruMap(int capacity) {
      super(16, 0.75f, true);
      this.capacity = capacity;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
      return size() > capacity;
    }
  }
}
