package io.raftmetrics.cassandra.write;

import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.Statement;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Function;

/**
 * The rows one write produces, grouped by Cassandra partition: {@code data_points} cells per row key, plus the index
 * rows of row keys and metric names the {@link IndexCache} does not know yet. {@link #units} turns it into the
 * statements to send: one unlogged batch per partition (split at the size limits), a plain statement when a
 * partition has a single row.
 */
final class WritePlan {

  /** One unit of work for the executor: a statement or a single-partition batch, and how many rows it writes. */
  record Unit(WriteMetrics.Table table, Statement<?> statement, int rows) {
  }

  /** A row key the index does not know yet; its {@code row_keys} and {@code row_key_time_index} rows are due. */
  static final class NewRowKey {
    final String metric;
    final long rowTime;
    final String dataType;
    final SortedMap<String, String> tags;
    int ttl;

    NewRowKey(String metric, long rowTime, String dataType, SortedMap<String, String> tags, int ttl) {
      this.metric = metric;
      this.rowTime = rowTime;
      this.dataType = dataType;
      this.tags = tags;
      this.ttl = ttl;
    }

    /** Index rows must outlive every point written under them: no TTL beats any TTL. */
    void extendTtl(int other) {
      ttl = ttl == 0 || other == 0 ? 0 : Math.max(ttl, other);
    }
  }

  /** The cells of one {@code data_points} partition. */
  static final class Partition {
    final ByteBuffer key;
    final NewRowKey index;
    int size;
    int[] columns = new int[8];
    byte[][] values = new byte[8][];
    int[] ttls = new int[8];

    Partition(ByteBuffer key, NewRowKey index) {
      this.key = key;
      this.index = index;
    }

    void add(int column, byte[] value, int ttl) {
      if (size == columns.length) {
        columns = Arrays.copyOf(columns, size * 2);
        values = Arrays.copyOf(values, size * 2);
        ttls = Arrays.copyOf(ttls, size * 2);
      }
      columns[size] = column;
      values[size] = value;
      ttls[size] = ttl;
      size++;
    }

    /**
     * Keeps only the last value written to each column: cells of one batch share a write timestamp, and Cassandra
     * would otherwise settle a tie by comparing values instead of keeping the latest.
     */
    void dedupe() {
      boolean increasing = true;
      for (int i = 1; i < size && increasing; i++) {
        increasing = Integer.compareUnsigned(columns[i - 1], columns[i]) < 0;
      }
      if (increasing) {
        return;
      }
      Map<Integer, Integer> last = new HashMap<>();
      for (int i = 0; i < size; i++) {
        last.put(columns[i], i);
      }
      int n = 0;
      for (int i = 0; i < size; i++) {
        if (last.get(columns[i]) == i) {
          columns[n] = columns[i];
          values[n] = values[i];
          ttls[n] = ttls[i];
          n++;
        }
      }
      size = n;
    }
  }

  final Map<ByteBuffer, Partition> partitions = new LinkedHashMap<>();
  final LinkedHashSet<String> newMetricNames = new LinkedHashSet<>();
  long points;
  long droppedExpired;

  /**
   * @param maxStatements statements per batch
   * @param maxBytes approximate payload bytes per batch (Cassandra fails batches over
   *   {@code batch_size_fail_threshold})
   * @param smallBelow partitions with fewer rows share multi-partition batches, one group per replica
   * @param replicaOf the replica a partition key lives on (any key works; null when unknown)
   */
  List<Unit> units(Statements s, long writeTimestampMs, int maxStatements, int maxBytes, int smallBelow,
                   Function<ByteBuffer, Object> replicaOf) {
    List<Unit> units = new ArrayList<>();
    ByteBuffer timestamp = Statements.bigint(writeTimestampMs);
    Map<Object, Chunker> small = new LinkedHashMap<>();
    Map<String, Chunker> timeIndex = new LinkedHashMap<>();
    for (Partition p : partitions.values()) {
      p.dedupe();
      // Cassandra's cost is mostly per mutation: a partition with a few rows rides along with others of its replica.
      Chunker chunker = p.size < smallBelow
        ? small.computeIfAbsent(replicaKey(replicaOf, p.key), r -> chunker(units, s, WriteMetrics.Table.DATA_POINTS,
          writeTimestampMs, maxStatements, maxBytes))
        : chunker(units, s, WriteMetrics.Table.DATA_POINTS, writeTimestampMs, maxStatements, maxBytes);
      for (int i = 0; i < p.size; i++) {
        chunker.add(s.dataPoint(p.key, p.columns[i], p.values[i], p.ttls[i], timestamp),
          p.key.remaining() + p.values[i].length + 40, p.key);
      }
      if (p.size >= smallBelow) {
        chunker.flush();
      }
      if (p.index != null) {
        NewRowKey k = p.index;
        units.add(new Unit(WriteMetrics.Table.ROW_KEYS, s.rowKey(k.metric, k.rowTime, k.dataType, k.tags, k.ttl,
          writeTimestampMs), 1));
        timeIndex.computeIfAbsent(k.metric, m -> chunker(units, s, WriteMetrics.Table.ROW_KEY_TIME_INDEX,
          writeTimestampMs, maxStatements, maxBytes)).add(s.timeIndex(k.metric, k.rowTime, k.ttl, writeTimestampMs), 64,
          null);
      }
    }
    small.values().forEach(Chunker::flush);
    timeIndex.values().forEach(Chunker::flush);
    Chunker names = chunker(units, s, WriteMetrics.Table.STRING_INDEX, writeTimestampMs, maxStatements, maxBytes);
    newMetricNames.forEach(m -> names.add(s.metricName(m, writeTimestampMs), m.length() + 40, null));
    names.flush();
    return units;
  }

  private static Object replicaKey(Function<ByteBuffer, Object> replicaOf, ByteBuffer key) {
    Object replica = replicaOf.apply(key);
    return replica == null ? WritePlan.class : replica;
  }

  private static Chunker chunker(List<Unit> out, Statements s, WriteMetrics.Table table, long ts, int maxStatements,
                                 int maxBytes) {
    return new Chunker(out, s, table, ts, maxStatements, maxBytes);
  }

  /** Cuts the statements of one partition into batches within the limits. */
  private static final class Chunker {
    private final List<Unit> out;
    private final Statements s;
    private final WriteMetrics.Table table;
    private final long timestamp;
    private final int maxStatements;
    private final int maxBytes;
    private List<BatchableStatement<?>> current = new ArrayList<>();
    private ByteBuffer routingKey;
    private int bytes;

    Chunker(List<Unit> out, Statements s, WriteMetrics.Table table, long timestamp, int maxStatements, int maxBytes) {
      this.out = out;
      this.s = s;
      this.table = table;
      this.timestamp = timestamp;
      this.maxStatements = maxStatements;
      this.maxBytes = maxBytes;
    }

    /** @param key the statement's partition key; the batch is routed by its first statement's */
    void add(BatchableStatement<?> st, int size, ByteBuffer key) {
      if (!current.isEmpty() && (current.size() >= maxStatements || bytes + size > maxBytes)) {
        flush();
      }
      if (current.isEmpty()) {
        routingKey = key;
      }
      current.add(st);
      bytes += size;
    }

    void flush() {
      if (current.isEmpty()) {
        return;
      }
      Statement<?> st = current.size() == 1 ? current.get(0) : s.batch(current, timestamp, routingKey);
      out.add(new Unit(table, st, current.size()));
      current = new ArrayList<>();
      bytes = 0;
    }
  }
}
