package io.raftmetrics.cassandra.delete;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.raftmetrics.api.log.DeleteEntry;
import io.raftmetrics.cassandra.kairos.RowKey;
import io.raftmetrics.cassandra.kairos.RowSpec;
import io.raftmetrics.cassandra.write.KairosWriter;
import io.vertx.cassandra.CassandraClient;
import io.vertx.core.Future;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies a {@link DeleteEntry} to KairosDB's tables the way KairosDB's {@code deleteDataPoints} does: find the row
 * keys of the metric through {@code row_key_time_index} and {@code row_keys}, filter them by tags, then delete whole
 * rows (with their index rows) where the range covers the row, and column ranges where it does not. Deleting a
 * whole metric also removes its name from {@code string_index}. Every delete carries one millisecond timestamp from
 * the writer's clock, so points written after it (later log entries) stay visible.
 */
public final class KairosDeleter {

  static final String SELECT_ROW_TIMES = "SELECT row_time FROM %s.row_key_time_index WHERE metric = ?"
    + " AND table_name = 'data_points' AND row_time >= ? AND row_time <= ?";
  static final String SELECT_ROW_KEYS = "SELECT data_type, tags FROM %s.row_keys WHERE metric = ?"
    + " AND table_name = 'data_points' AND row_time = ?";
  static final String DELETE_ROW = "DELETE FROM %s.data_points WHERE key = ?";
  static final String DELETE_RANGE = "DELETE FROM %s.data_points WHERE key = ? AND column1 >= ? AND column1 <= ?";
  static final String DELETE_ROW_KEY = "DELETE FROM %s.row_keys WHERE metric = ? AND table_name = 'data_points'"
    + " AND row_time = ? AND data_type = ? AND tags = ?";
  static final String DELETE_LEGACY_KEY = "DELETE FROM %s.row_key_index WHERE key = ? AND column1 = ?";
  static final String DELETE_LEGACY_METRIC = "DELETE FROM %s.row_key_index WHERE key = ?";
  static final String DELETE_TIME_INDEX = "DELETE FROM %s.row_key_time_index WHERE metric = ?"
    + " AND table_name = 'data_points' AND row_time = ?";
  static final String DELETE_METRIC_NAME = "DELETE FROM %s.string_index WHERE key = 0x6d65747269635f6e616d6573"
    + " AND column1 = ?";

  private static final List<String> ALL = List.of(SELECT_ROW_TIMES, SELECT_ROW_KEYS, DELETE_ROW, DELETE_RANGE,
    DELETE_ROW_KEY, DELETE_LEGACY_KEY, DELETE_LEGACY_METRIC, DELETE_TIME_INDEX, DELETE_METRIC_NAME);

  private final CassandraClient client;
  private final KairosWriter writer;
  private final RowSpec spec;
  private final ConsistencyLevel read;
  private final ConsistencyLevel write;
  private final List<PreparedStatement> ps;

  private KairosDeleter(CassandraClient client, KairosWriter writer, RowSpec spec, ConsistencyLevel read,
                        ConsistencyLevel write, List<PreparedStatement> ps) {
    this.client = client;
    this.writer = writer;
    this.spec = spec;
    this.read = read;
    this.write = write;
    this.ps = ps;
  }

  public static Future<KairosDeleter> create(CassandraClient client, String keyspace, KairosWriter writer,
                                             RowSpec spec, ConsistencyLevel read, ConsistencyLevel write) {
    List<Future<PreparedStatement>> prepared = new ArrayList<>();
    ALL.forEach(cql -> prepared.add(client.prepare(String.format(cql, keyspace))));
    return Future.all(prepared).map(cf -> new KairosDeleter(client, writer, spec, read, write, cf.list()));
  }

  /**
   * @param untilSuccess retry the deletes' transient failures forever (the reads fail fast; the caller retries)
   * @return the number of row keys the delete touched
   */
  public Future<Integer> delete(DeleteEntry entry, boolean untilSuccess) {
    long ts = writer.nextTimestamp();
    String metric = entry.metric();
    Statement<?> times = ps.get(0).bind(metric, Instant.ofEpochMilli(spec.rowTime(entry.startMs())),
      Instant.ofEpochMilli(entry.endMs())).setConsistencyLevel(read);
    return client.executeWithFullFetch(times).compose(rows -> {
      List<Future<Integer>> perRow = new ArrayList<>();
      for (Row r : rows) {
        perRow.add(deleteRowTime(entry, r.getInstant(0).toEpochMilli(), ts, untilSuccess));
      }
      return Future.all(perRow).map(cf -> cf.<Integer>list().stream().mapToInt(Integer::intValue).sum());
    }).compose(count -> {
      writer.forgetMetric(metric);
      if (!entry.wholeMetric()) {
        return Future.succeededFuture(count);
      }
      byte[] name = metric.getBytes(StandardCharsets.UTF_8);
      return Future.all(run(ps.get(6).bind(ByteBuffer.wrap(name)), ts, untilSuccess),
        run(ps.get(8).bind(metric), ts, untilSuccess)).map(count);
    });
  }

  private Future<Integer> deleteRowTime(DeleteEntry entry, long rowTime, long ts, boolean untilSuccess) {
    Statement<?> keys = ps.get(1).bind(entry.metric(), Instant.ofEpochMilli(rowTime)).setConsistencyLevel(read);
    return client.executeWithFullFetch(keys).compose(rows -> {
      long rowEnd = rowTime > Long.MAX_VALUE - (spec.width() - 1) ? Long.MAX_VALUE : rowTime + spec.width() - 1;
      boolean wholeRow = entry.startMs() <= rowTime && entry.endMs() >= rowEnd;
      List<Future<Void>> deletes = new ArrayList<>();
      int matched = 0;
      for (Row r : rows) {
        String type = r.getString(0);
        if (type == null) {
          // A static-only row left behind by an earlier delete.
          continue;
        }
        Map<String, String> tags = new TreeMap<>(r.getMap(1, String.class, String.class));
        if (!matches(entry.tags(), tags)) {
          continue;
        }
        matched++;
        ByteBuffer key = ByteBuffer.wrap(new RowKey(entry.metric(), rowTime, type, new TreeMap<>(tags)).toBytes());
        if (wholeRow) {
          deletes.add(run(ps.get(2).bind(key), ts, untilSuccess));
          deletes.add(run(ps.get(5).bind(ByteBuffer.wrap(entry.metric().getBytes(StandardCharsets.UTF_8)), key), ts,
            untilSuccess));
          deletes.add(run(ps.get(4).bind(entry.metric(), Instant.ofEpochMilli(rowTime), type, tags), ts,
            untilSuccess));
        } else {
          int from = spec.columnName(rowTime, Math.max(entry.startMs(), rowTime));
          int to = spec.columnName(rowTime, Math.min(entry.endMs(), rowEnd));
          deletes.add(run(ps.get(3).bind(key, int32(from), int32(to)), ts, untilSuccess));
        }
      }
      if (wholeRow && matched > 0 && entry.tags().isEmpty()) {
        deletes.add(run(ps.get(7).bind(entry.metric(), Instant.ofEpochMilli(rowTime)), ts, untilSuccess));
      }
      int touched = matched;
      return Future.all(deletes).map(touched);
    });
  }

  private Future<Void> run(Statement<?> st, long ts, boolean untilSuccess) {
    return writer.execute(st.setQueryTimestamp(ts).setConsistencyLevel(write).setIdempotent(true), untilSuccess);
  }

  /** KairosDB tag filters: any listed value of a tag matches (OR), every listed tag must match (AND). */
  static boolean matches(Map<String, List<String>> filter, Map<String, String> tags) {
    for (Map.Entry<String, List<String>> f : filter.entrySet()) {
      if (f.getValue().isEmpty()) {
        continue;
      }
      String v = tags.get(f.getKey());
      if (v == null || !f.getValue().contains(v)) {
        return false;
      }
    }
    return true;
  }

  private static ByteBuffer int32(int v) {
    return ByteBuffer.allocate(4).putInt(0, v);
  }
}
