package io.raftmetrics.cassandra.write;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.vertx.cassandra.CassandraClient;
import io.vertx.core.Future;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;

/**
 * The prepared statements of the write path, KairosDB's CQL (ClusterConnection) on a qualified keyspace, and the
 * binding of their values. Every statement is idempotent and carries an explicit millisecond write timestamp.
 */
final class Statements {

  static final String INSERT_DATA_POINT = "INSERT INTO %s.data_points (key, column1, value) VALUES (?, ?, ?)"
    + " USING TTL ? AND TIMESTAMP ?";
  static final String INSERT_ROW_KEY = "INSERT INTO %s.row_keys (metric, table_name, row_time, data_type, tags, mtime)"
    + " VALUES (?, 'data_points', ?, ?, ?, now()) USING TTL ?";
  static final String INSERT_TIME_INDEX = "INSERT INTO %s.row_key_time_index (metric, table_name, row_time)"
    + " VALUES (?, 'data_points', ?) USING TTL ?";
  /** {@code key} is the UTF-8 of {@code metric_names}. */
  static final String INSERT_METRIC_NAME = "INSERT INTO %s.string_index (key, column1, value)"
    + " VALUES (0x6d65747269635f6e616d6573, ?, 0x00)";

  /** Bound TTL 0: no expiry. Shared: the driver only ever reads values through duplicates. */
  private static final ByteBuffer NO_TTL = int32(0).asReadOnlyBuffer();

  private final PreparedStatement dataPoint;
  private final PreparedStatement rowKey;
  private final PreparedStatement timeIndex;
  private final PreparedStatement metricName;
  private final ConsistencyLevel consistency;
  private final String keyspace;

  private Statements(List<PreparedStatement> ps, ConsistencyLevel consistency, String keyspace) {
    this.keyspace = keyspace;
    this.dataPoint = ps.get(0);
    this.rowKey = ps.get(1);
    this.timeIndex = ps.get(2);
    this.metricName = ps.get(3);
    this.consistency = consistency;
  }

  static Future<Statements> prepare(CassandraClient client, String keyspace, ConsistencyLevel consistency) {
    List<Future<PreparedStatement>> all = List.of(
      client.prepare(String.format(INSERT_DATA_POINT, keyspace)),
      client.prepare(String.format(INSERT_ROW_KEY, keyspace)),
      client.prepare(String.format(INSERT_TIME_INDEX, keyspace)),
      client.prepare(String.format(INSERT_METRIC_NAME, keyspace)));
    return Future.all(all).map(cf -> new Statements(cf.list(), consistency, keyspace));
  }

  BoundStatement dataPoint(ByteBuffer key, int column, byte[] value, int ttl, ByteBuffer timestamp) {
    return dataPoint.boundStatementBuilder()
      .setBytesUnsafe(0, key)
      .setBytesUnsafe(1, int32(column))
      .setBytesUnsafe(2, ByteBuffer.wrap(value))
      .setBytesUnsafe(3, ttl == 0 ? NO_TTL : int32(ttl))
      .setBytesUnsafe(4, timestamp)
      .setIdempotence(true)
      .setConsistencyLevel(consistency)
      .build();
  }

  BoundStatement rowKey(String metric, long rowTime, String dataType, SortedMap<String, String> tags, int ttl,
                        long writeTimestampMs) {
    return rowKey.bind(metric, Instant.ofEpochMilli(rowTime), dataType, tags, ttl)
      .setIdempotent(true).setConsistencyLevel(consistency).setQueryTimestamp(writeTimestampMs);
  }

  BoundStatement timeIndex(String metric, long rowTime, int ttl, long writeTimestampMs) {
    return timeIndex.bind(metric, Instant.ofEpochMilli(rowTime), ttl)
      .setIdempotent(true).setConsistencyLevel(consistency).setQueryTimestamp(writeTimestampMs);
  }

  BoundStatement metricName(String metric, long writeTimestampMs) {
    return metricName.bind(metric)
      .setIdempotent(true).setConsistencyLevel(consistency).setQueryTimestamp(writeTimestampMs);
  }

  /**
   * An unlogged batch: all statements target one partition, so it is applied as one mutation. The routing key, when
   * given, spares the driver a scan of the statements on every routing decision.
   */
  BatchStatement batch(List<BatchableStatement<?>> statements, long writeTimestampMs, ByteBuffer routingKey) {
    BatchStatementBuilder b = BatchStatement.builder(BatchType.UNLOGGED).addStatements(statements)
      .setIdempotence(true).setConsistencyLevel(consistency).setQueryTimestamp(writeTimestampMs);
    if (routingKey != null) {
      b.setRoutingKeyspace(keyspace).setRoutingKey(routingKey);
    }
    return b.build();
  }

  static ByteBuffer int32(int v) {
    return ByteBuffer.allocate(4).putInt(0, v);
  }

  static ByteBuffer bigint(long v) {
    return ByteBuffer.allocate(8).putLong(0, v);
  }
}
