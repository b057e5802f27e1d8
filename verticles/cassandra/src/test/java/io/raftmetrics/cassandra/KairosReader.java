package io.raftmetrics.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.raftmetrics.cassandra.kairos.KairosValues;
import io.raftmetrics.cassandra.kairos.RowKey;
import io.raftmetrics.cassandra.kairos.RowSpec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads points back the way KairosDB 1.3 does (spec/kairosdb.md §5.5): time index, row keys (skipping static-only
 * rows), the legacy {@code row_key_index}, then the data of every row key in the range, decoded by its datastore
 * type. Only what a KairosDB would find through its indexes is returned.
 */
final class KairosReader {

  /** A point as KairosDB would return it. */
  record Point(String metric, SortedMap<String, String> tags, String type, long timestamp, Object value) {
  }

  private final CqlSession session;
  private final String ks;
  private final RowSpec spec;

  KairosReader(CqlSession session, String keyspace, RowSpec spec) {
    this.session = session;
    this.ks = keyspace;
    this.spec = spec;
  }

  List<Point> read(String metric, long start, long end) {
    Set<RowKey> keys = new LinkedHashSet<>();
    for (Row t : session.execute(SimpleStatement.newInstance("SELECT row_time FROM " + ks + ".row_key_time_index"
      + " WHERE metric = ? AND table_name = 'data_points' AND row_time >= ? AND row_time <= ?", metric,
      Instant.ofEpochMilli(spec.rowTime(start)), Instant.ofEpochMilli(end)))) {
      long rowTime = t.getInstant(0).toEpochMilli();
      for (Row r : session.execute(SimpleStatement.newInstance("SELECT row_time, data_type, tags, TTL(value) FROM "
        + ks + ".row_keys WHERE metric = ? AND table_name = 'data_points' AND row_time = ?", metric,
        Instant.ofEpochMilli(rowTime)))) {
        if (r.getString("data_type") != null) {
          keys.add(new RowKey(metric, rowTime, r.getString("data_type"),
            new TreeMap<>(r.getMap("tags", String.class, String.class))));
        }
      }
    }
    keys.addAll(legacyKeys(metric, spec.rowTime(start), spec.rowTime(end)));
    List<Point> points = new ArrayList<>();
    for (RowKey k : keys) {
      int from = start < k.rowTime() ? 0 : spec.columnName(k.rowTime(), start);
      long last = Math.min(end, k.rowTime() + spec.width());
      ByteBuffer to = int32(spec.columnName(k.rowTime(), last) + 1);
      for (Row r : session.execute(SimpleStatement.newInstance("SELECT column1, value FROM " + ks + ".data_points"
        + " WHERE key = ? AND column1 >= ? AND column1 < ? ORDER BY column1 ASC", ByteBuffer.wrap(k.toBytes()),
        int32(from), to))) {
        long ts = spec.timestamp(k.rowTime(), r.getByteBuffer(0).getInt(0));
        points.add(new Point(metric, k.tags(), k.dataType(), ts, decode(k.dataType(), bytes(r.getByteBuffer(1)))));
      }
    }
    return points;
  }

  List<String> metricNames() {
    List<String> names = new ArrayList<>();
    session.execute(SimpleStatement.newInstance("SELECT column1 FROM " + ks + ".string_index WHERE key = ?",
      ByteBuffer.wrap("metric_names".getBytes(StandardCharsets.UTF_8)))).forEach(r -> names.add(r.getString(0)));
    return names;
  }

  /** The legacy index holds keys KairosDB 1.x wrote; the range is split where it crosses 0, as KairosDB does. */
  private List<RowKey> legacyKeys(String metric, long startRow, long endRow) {
    List<RowKey> keys = new ArrayList<>();
    byte[] name = metric.getBytes(StandardCharsets.UTF_8);
    for (long[] range : startRow < 0 && endRow >= 0 ? new long[][] {{startRow, -1}, {0, endRow}}
      : new long[][] {{startRow, endRow}}) {
      for (Row r : session.execute(SimpleStatement.newInstance("SELECT column1 FROM " + ks + ".row_key_index"
        + " WHERE key = ? AND column1 >= ? AND column1 < ?", ByteBuffer.wrap(name), searchKey(name, range[0], 0),
        searchKey(name, range[1], 0xFF)))) {
        keys.add(RowKey.parse(r.getByteBuffer(0)));
      }
    }
    return keys;
  }

  private static ByteBuffer searchKey(byte[] metric, long rowTime, int marker) {
    ByteBuffer b = ByteBuffer.allocate(metric.length + 11);
    b.put(metric).put((byte) marker).putLong(rowTime).put((byte) 0).put((byte) 0);
    return b.flip();
  }

  static Object decode(String type, byte[] value) {
    switch (type) {
      case "kairos_long":
        return KairosValues.decodeLong(value);
      case "kairos_double":
        return KairosValues.decodeDouble(value);
      case "kairos_string":
        return KairosValues.decodeString(value);
      default:
        throw new IllegalArgumentException("type " + type);
    }
  }

  static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  private static ByteBuffer int32(int v) {
    return ByteBuffer.allocate(4).putInt(0, v);
  }
}
