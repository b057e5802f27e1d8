package io.raftmetrics.cassandra.stream;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.raftmetrics.cassandra.write.KairosWriter;
import io.vertx.cassandra.CassandraClient;
import io.vertx.core.Future;

/**
 * The consumer's durable position per shard, kept in Cassandra beside the data it describes: a row of KairosDB's
 * own key-value table {@code service_index} ({@code service='raftmetrics.cassandra'}, {@code service_key=<consumer>},
 * {@code key='shard-<n>'}). Writing it after the data, at the same consistency, means the stored position never
 * runs ahead of what Cassandra holds, whichever JVM or pod the verticle restarts in.
 *
 * <p>It complements the {@code WatermarkEntry} sent through Raft (which holds back log purging): the raft role does
 * not yet serve consumers their watermark over the event bus, so this is where a restart resumes from.
 */
final class WatermarkStore {

  static final String SERVICE = "raftmetrics.cassandra";
  static final String SELECT = "SELECT value FROM %s.service_index WHERE service = ? AND service_key = ? AND key = ?";
  static final String UPSERT = "INSERT INTO %s.service_index (service, service_key, key, value, mtime)"
    + " VALUES (?, ?, ?, ?, now())";

  private final CassandraClient client;
  private final KairosWriter writer;
  private final String consumer;
  private final PreparedStatement select;
  private final PreparedStatement upsert;
  private final ConsistencyLevel read;
  private final ConsistencyLevel write;

  private WatermarkStore(CassandraClient client, KairosWriter writer, String consumer, PreparedStatement select,
                         PreparedStatement upsert, ConsistencyLevel read, ConsistencyLevel write) {
    this.client = client;
    this.writer = writer;
    this.consumer = consumer;
    this.select = select;
    this.upsert = upsert;
    this.read = read;
    this.write = write;
  }

  static Future<WatermarkStore> create(CassandraClient client, String keyspace, KairosWriter writer, String consumer,
                                       ConsistencyLevel read, ConsistencyLevel write) {
    return Future.all(client.prepare(String.format(SELECT, keyspace)), client.prepare(String.format(UPSERT, keyspace)))
      .map(cf -> new WatermarkStore(client, writer, consumer, cf.resultAt(0), cf.resultAt(1), read, write));
  }

  /** @return the last stored index of the shard, 0 if none */
  Future<Long> load(int shard) {
    // A stale read only makes the tailer replay entries it already wrote, which rewrites identical cells.
    return client.executeWithFullFetch(select.bind(SERVICE, consumer, key(shard)).setConsistencyLevel(read))
      .map(rows -> {
        if (rows.isEmpty() || rows.get(0).getString(0) == null) {
          return 0L;
        }
        try {
          return Long.parseLong(rows.get(0).getString(0).trim());
        } catch (NumberFormatException e) {
          throw new IllegalStateException("watermark of consumer " + consumer + " shard " + shard
            + " is not a number: " + rows.get(0).getString(0), e);
        }
      });
  }

  Future<Void> store(int shard, long index) {
    return writer.execute(upsert.bind(SERVICE, consumer, key(shard), Long.toString(index))
      .setConsistencyLevel(write).setIdempotent(true).setQueryTimestamp(writer.nextTimestamp()), false);
  }

  private static String key(int shard) {
    return "shard-" + shard;
  }
}
