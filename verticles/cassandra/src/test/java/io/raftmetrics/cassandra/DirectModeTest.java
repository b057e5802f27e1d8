package io.raftmetrics.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.raftmetrics.api.Addresses;
import io.raftmetrics.api.ErrorCode;
import io.raftmetrics.api.ingest.IngestAck;
import io.raftmetrics.api.ingest.IngestBatch;
import io.raftmetrics.api.ingest.IngestBatchWriter;
import io.raftmetrics.api.node.NodeServices;
import io.raftmetrics.cassandra.kairos.RowKey;
import io.raftmetrics.cassandra.kairos.RowSpec;
import io.raftmetrics.testkit.cassandra.CassandraExtension;
import io.raftmetrics.testkit.cassandra.CassandraKeyspace;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.CheckResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.raftmetrics.cassandra.CassandraTestSupport.longs;
import static io.raftmetrics.cassandra.CassandraTestSupport.tags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Direct mode against a real Cassandra: an acknowledged batch is readable at once through KairosDB's read path, with
 * KairosDB's bytes, TTLs and millisecond write timestamps; invalid batches are refused without writing anything.
 */
@ExtendWith(CassandraExtension.class)
class DirectModeTest {

  private static Vertx vertx;
  private static CqlSession session;
  private static CassandraKeyspace ks;
  private static KairosReader reader;
  private static final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @BeforeAll
  static void deploy(CassandraKeyspace keyspace) throws Exception {
    ks = keyspace;
    vertx = CassandraTestSupport.vertx(registry);
    CassandraTestSupport.deploy(vertx, CassandraTestSupport.config(ks, "direct"));
    session = CassandraTestSupport.session(ks);
    reader = new KairosReader(session, ks.name(), RowSpec.DEFAULT);
  }

  @AfterAll
  static void close() throws Exception {
    CassandraTestSupport.close(session, vertx);
  }

  @Test
  void acknowledgedPointsAreReadableAtOnceWithKairosDbsBytes() throws Exception {
    IngestBatch batch = longs("cpu.load", tags("host", "server1", "dc", "a:b=c"), 0, 1700000000123L, 1700000000124L);
    IngestAck ack = write(batch);
    assertThat(ack.points()).isEqualTo(2);
    assertThat(ack.index()).isEqualTo(-1);

    Row row = session.execute("SELECT key, column1, value, WRITETIME(value), TTL(value) FROM " + ks.name()
      + ".data_points WHERE key = 0x6370752e6c6f6164000000018b6947e000" + "000b6b6169726f735f6c6f6e67"
      + "64633d613d3a623d3d633a686f73743d736572766572313a" + " AND column1 = 0x669d887b").one();
    assertThat(row).isNotNull();
    assertThat(HexFormat.of().formatHex(KairosReader.bytes(row.getByteBuffer("value")))).isEqualTo("00");
    assertThat(Long.toString(row.getLong(3))).hasSize(13);
    assertThat(row.isNull(4)).isTrue();

    assertThat(reader.read("cpu.load", 1700000000000L, 1700000001000L)).extracting(KairosReader.Point::timestamp,
      KairosReader.Point::value).containsExactly(org.assertj.core.groups.Tuple.tuple(1700000000123L, 0L),
      org.assertj.core.groups.Tuple.tuple(1700000000124L, 1L));
    assertThat(reader.metricNames()).contains("cpu.load");
    Row rk = session.execute("SELECT WRITETIME(mtime), TTL(mtime) FROM " + ks.name() + ".row_keys WHERE metric = ?"
      + " AND table_name = 'data_points' AND row_time = ?", "cpu.load", Instant.ofEpochMilli(1698278400000L)).one();
    assertThat(Long.toString(rk.getLong(0))).hasSize(13);
  }

  @Test
  void everyTypeRowBoundaryAndNegativeTimestampRoundTrips() throws Exception {
    long[] ts = {0, 1, -1, -2, -1814400000L, -1814400001L, 1814399999L, 1814400000L, 1640217599999L, 1640217600000L};
    IngestBatchWriter w = new IngestBatchWriter(UUID.randomUUID(), System.currentTimeMillis(), 0);
    w.startMetric("mixed.types", tags("host", "h1"), 0);
    for (int i = 0; i < ts.length; i++) {
      w.addLong(ts[i], Long.MIN_VALUE + i);
      w.addDouble(ts[i], i + 0.5);
      w.addString(ts[i], "s\0é\uD83D\uDE00" + i);
    }
    write(w.endMetric().finish());

    List<KairosReader.Point> points = reader.read("mixed.types", Long.MIN_VALUE / 2, Long.MAX_VALUE / 2);
    assertThat(points).hasSize(3 * ts.length);
    for (int i = 0; i < ts.length; i++) {
      long t = ts[i];
      assertThat(points).filteredOn(p -> p.timestamp() == t).extracting(KairosReader.Point::value)
        .containsExactlyInAnyOrder(Long.MIN_VALUE + i, i + 0.5, "s\0é\uD83D\uDE00" + i);
    }
  }

  @Test
  void ttlsFollowKairosDbRules() throws Exception {
    write(longs("ttl.metric", tags("host", "t1"), 86400, 1640217630000L));
    ByteBuffer key = ByteBuffer.wrap(new RowKey("ttl.metric", 1640217600000L, "kairos_long", tags("host", "t1"))
      .toBytes());
    Row d = session.execute(SimpleStatement.newInstance("SELECT TTL(value) FROM " + ks.name()
      + ".data_points WHERE key = ?", key)).one();
    assertThat(d.getInt(0)).isBetween(86300, 86400);
    Row rk = session.execute("SELECT TTL(mtime) FROM " + ks.name() + ".row_keys WHERE metric = 'ttl.metric'"
      + " AND table_name = 'data_points' AND row_time = ?", Instant.ofEpochMilli(1640217600000L)).one();
    assertThat(rk.getInt(0)).isBetween(86400 + 1814400 - 100, 86400 + 1814400);
  }

  @Test
  void indexRowsAreWrittenOnceWhileCached() throws Exception {
    write(longs("cached.metric", tags("host", "c1"), 0, 1640217630000L));
    long first = rowKeyWriteTime("cached.metric");
    write(longs("cached.metric", tags("host", "c1"), 0, 1640217631000L));
    assertThat(rowKeyWriteTime("cached.metric")).isEqualTo(first);
    assertThat(reader.read("cached.metric", 0, Long.MAX_VALUE / 2)).hasSize(2);
  }

  @Test
  void invalidBatchesAreRefusedWithoutWriting() {
    IngestBatchWriter w = new IngestBatchWriter(UUID.randomUUID(), System.currentTimeMillis(), 0);
    w.startMetric("too.long", tags("host", "x"), 0).addString(1000, "é".repeat(40000));
    assertThatThrownBy(() -> write(w.endMetric().finish())).isInstanceOfSatisfying(ReplyException.class, e -> {
      assertThat(e.failureCode()).isEqualTo(ErrorCode.BAD_REQUEST.code());
      assertThat(e.getMessage()).contains("65535");
    });
    assertThatThrownBy(() -> write(longs("bad.ttl", tags("host", "x"), 700_000_000, 1000)))
      .isInstanceOfSatisfying(ReplyException.class, e -> assertThat(e.getMessage()).contains("630720000"));
    byte[] garbage = longs("x", tags("a", "b"), 0, 1, 2).bytes().clone();
    byte[] truncated = java.util.Arrays.copyOf(garbage, garbage.length - 3);
    assertThatThrownBy(() -> write(IngestBatch.wrap(truncated))).isInstanceOfSatisfying(ReplyException.class,
      e -> assertThat(e.getMessage()).contains("malformed"));
    assertThat(reader.metricNames()).doesNotContain("too.long", "bad.ttl", "x");
  }

  @Test
  void healthRunsARealQuery() throws Exception {
    CheckResult result = NodeServices.of(vertx).health().checkStatus(CassandraVerticle.HEALTH_CHECK)
      .await(30, TimeUnit.SECONDS);
    assertThat(result.getUp()).isTrue();
    JsonObject data = result.getData();
    assertThat(data.getString("mode")).isEqualTo("direct");
    assertThat(data.getString("keyspace")).isEqualTo(ks.name());
  }

  @Test
  void concurrentRequestsAreAllAcknowledgedAndStored() throws Exception {
    List<io.vertx.core.Future<?>> acks = new ArrayList<>();
    for (int s = 0; s < 50; s++) {
      long[] ts = new long[20];
      for (int i = 0; i < ts.length; i++) {
        ts[i] = 1640217600000L + i * 1000L;
      }
      acks.add(vertx.eventBus().request(Addresses.INGEST_WRITE, longs("many.series", tags("s", "s" + s), 0, ts)));
    }
    io.vertx.core.Future.all(acks).await(60, TimeUnit.SECONDS);
    assertThat(reader.read("many.series", 0, Long.MAX_VALUE / 2)).hasSize(50 * 20);
  }

  @Test
  void metricsCountWhatCassandraAcknowledged() throws Exception {
    double before = registry.get("raftmetrics.cassandra.points.written").counter().count();
    write(longs("metered", tags("host", "m1"), 0, 1640217600000L, 1640217601000L, 1640217602000L));
    assertThat(registry.get("raftmetrics.cassandra.points.written").counter().count() - before).isEqualTo(3);
    assertThat(registry.get("raftmetrics.cassandra.rows.written").tag("table", "data_points").counter().count())
      .isGreaterThanOrEqualTo(3);
    assertThat(registry.get("raftmetrics.cassandra.rows.written").tag("table", "string_index").counter().count())
      .isGreaterThanOrEqualTo(1);
    assertThat(registry.get("raftmetrics.cassandra.batch.statements").tag("table", "data_points").summary().max())
      .isGreaterThanOrEqualTo(3);
    assertThat(registry.get("raftmetrics.cassandra.write.latency").timer().count()).isPositive();
    assertThat(registry.get("raftmetrics.cassandra.write.errors").tag("kind", "timeout").counter()).isNotNull();
  }

  private long rowKeyWriteTime(String metric) {
    return session.execute("SELECT WRITETIME(mtime) FROM " + ks.name() + ".row_keys WHERE metric = ?"
      + " AND table_name = 'data_points' AND row_time = ?", metric, Instant.ofEpochMilli(1640217600000L)).one()
      .getLong(0);
  }

  private static IngestAck write(IngestBatch batch) throws Exception {
    return vertx.eventBus().<IngestAck>request(Addresses.INGEST_WRITE, batch).await(30, TimeUnit.SECONDS).body();
  }
}
