package io.raftmetrics.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import io.raftmetrics.api.Addresses;
import io.raftmetrics.api.ErrorCode;
import io.raftmetrics.api.Sharding;
import io.raftmetrics.api.ingest.IngestAck;
import io.raftmetrics.api.ingest.IngestBatchWriter;
import io.raftmetrics.api.log.DeleteEntry;
import io.raftmetrics.api.node.NodeServices;
import io.raftmetrics.cassandra.kairos.RowSpec;
import io.raftmetrics.store.Replica;
import io.raftmetrics.testkit.Ports;
import io.raftmetrics.testkit.cassandra.CassandraExtension;
import io.raftmetrics.testkit.cassandra.CassandraKeyspace;
import io.raftmetrics.testkit.cassandra.CassandraOptions;
import io.raftmetrics.testkit.cassandra.CassandraProcess;
import io.raftmetrics.testkit.cassandra.CassandraRuntime;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.CheckResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BooleanSupplier;

import static io.raftmetrics.cassandra.CassandraTestSupport.tags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Replicated mode end to end with the real raft role (Ratis, DuckDB replicas) and a Cassandra of its own: every
 * committed point reaches Cassandra, through a Cassandra outage and a restart of the cassandra verticle, and the lag
 * returns to zero. Deletes follow KairosDB's semantics. The tests build on each other, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicatedModeTest {

  private static final int SHARDS = 2;
  private static final long T0 = 1640217000000L;

  private static Path dir;
  private static CassandraProcess cassandra;
  private static CassandraKeyspace ks;
  private static Vertx vertx;
  /** A direct-mode verticle on its own event bus: ingest.write is served by raft in the other one. */
  private static Vertx directVertx;
  private static CqlSession session;
  private static KairosReader reader;
  private static String cassandraDeployment;
  private static final Map<String, Integer> expected = new java.util.TreeMap<>();
  /** Highest Raft index acknowledged per shard: the tailer has caught up once it wrote up to it. */
  private static final AtomicLongArray acked = new AtomicLongArray(SHARDS);

  @BeforeAll
  static void start() throws Exception {
    dir = CassandraExtension.scratchDir("replicated-");
    cassandra = CassandraProcess.start(CassandraRuntime.locate(), CassandraOptions.onFreePorts(dir.resolve("cassandra"))
      .withHeapMb(512));
    ks = new CassandraKeyspace("127.0.0.1", cassandra.options().nativePort(), CassandraKeyspace.DATACENTER,
      "replicated");
    vertx = CassandraTestSupport.vertx();
    int raftPort = Ports.free();
    JsonObject raft = new JsonObject().put("node_id", "n1").put("address", "127.0.0.1:" + raftPort)
      .put("peers", new JsonArray().add(new JsonObject().put("id", "n1").put("address", "127.0.0.1:" + raftPort)))
      .put("shards", SHARDS).put("storage_dir", dir.resolve("raft").toString())
      .put("replica_dir", dir.resolve("replica").toString())
      .put("election_timeout_min_ms", 300).put("election_timeout_max_ms", 600);
    vertx.deployVerticle("io.raftmetrics.raft.RaftVerticle", new DeploymentOptions().setConfig(raft))
      .await(120, TimeUnit.SECONDS);
    deployCassandra();
    directVertx = CassandraTestSupport.vertx();
    CassandraTestSupport.deploy(directVertx,
      CassandraTestSupport.config(ks, "direct").put("keyspace", "direct_outage"));
    session = CassandraTestSupport.session(ks);
    reader = new KairosReader(session, ks.name(), RowSpec.DEFAULT);
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      CassandraTestSupport.close(session, vertx);
      CassandraTestSupport.close(null, directVertx);
    } finally {
      if (cassandra != null) {
        cassandra.stop();
      }
      CassandraExtension.deleteTree(dir);
    }
  }

  @Test
  @Order(1)
  void committedPointsReachCassandra() throws Exception {
    ingest("steady", 20, 50);
    awaitCaughtUp();
    verifyAll();
  }

  @Test
  @Order(2)
  void watermarksReachCassandraAndRaftWithoutFeedingThemselves() throws Exception {
    awaitCaughtUp();
    int withData = 0;
    for (int shard = 0; shard < SHARDS; shard++) {
      long acknowledged = acked.get(shard);
      if (acknowledged == 0) {
        continue;
      }
      withData++;
      Replica replica = NodeServices.of(vertx).get(NodeServices.replicaKey(shard), Replica.class).orElseThrow();
      await("watermark of shard " + shard + " applied by raft",
        () -> replica.watermarks().getOrDefault("cassandra-test", 0L) >= acknowledged, 30);
      long stored = Long.parseLong(session.execute("SELECT value FROM " + ks.name() + ".service_index"
        + " WHERE service = 'raftmetrics.cassandra' AND service_key = 'cassandra-test' AND key = ?", "shard-" + shard)
        .one().getString(0));
      assertThat(stored).isEqualTo(replica.watermarks().get("cassandra-test")).isGreaterThanOrEqualTo(acknowledged);
    }
    assertThat(withData).isPositive();
    // Idle: our own watermark entries come back in the stream and must not cause new ones.
    JsonObject before = health().getData();
    Thread.sleep(1_500);
    assertThat(health().getData().getJsonArray("shards")).isEqualTo(before.getJsonArray("shards"));
  }

  @Test
  @Order(3)
  void duringAnOutageCommitsContinueAndTheLagShows() throws Exception {
    cassandra.kill();
    ingest("outage", 20, 50);
    await("lag visible while Cassandra is down", () -> health().getUp() == Boolean.FALSE
      && health().getData().getLong("lag_entries") > 0, 60);
  }

  @Test
  @Order(4)
  void duringAnOutageDirectModeRefusesInsteadOfLosing() {
    IngestBatchWriter w = new IngestBatchWriter(UUID.randomUUID(), System.currentTimeMillis(), 0);
    w.startMetric("direct.outage", tags("host", "d1"), 0).addLong(T0, 7);
    Future<?> reply = directVertx.eventBus().request(Addresses.INGEST_WRITE, w.endMetric().finish());
    assertThatThrownBy(() -> reply.await(60, TimeUnit.SECONDS)).isInstanceOfSatisfying(ReplyException.class,
      e -> assertThat(e.failureCode()).isIn(ErrorCode.UNAVAILABLE.code(), ErrorCode.TIMEOUT.code()));
  }

  @Test
  @Order(5)
  void afterTheOutageEverythingArrivesAndTheLagReturnsToZero() throws Exception {
    cassandra.restart();
    awaitCaughtUp();
    verifyAll();
    // The failed direct write left no index rows in the cache: the retry writes them.
    IngestBatchWriter w = new IngestBatchWriter(UUID.randomUUID(), System.currentTimeMillis(), 0);
    w.startMetric("direct.outage", tags("host", "d1"), 0).addLong(T0, 7);
    directVertx.eventBus().request(Addresses.INGEST_WRITE, w.endMetric().finish()).await(60, TimeUnit.SECONDS);
    KairosReader direct = new KairosReader(session, "direct_outage", RowSpec.DEFAULT);
    assertThat(direct.read("direct.outage", 0, Long.MAX_VALUE / 2)).extracting(KairosReader.Point::value)
      .containsExactly(7L);
  }

  @Test
  @Order(6)
  void restartingTheVerticleMidStreamLosesNothing() throws Exception {
    List<Future<?>> acks = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      acks.add(send("restart", i, 40));
    }
    vertx.undeploy(cassandraDeployment).await(30, TimeUnit.SECONDS);
    for (int i = 30; i < 45; i++) {
      acks.add(send("restart", i, 40));
    }
    Future.all(acks).await(60, TimeUnit.SECONDS);
    deployCassandra();
    awaitCaughtUp();
    verifyAll();
  }

  @Test
  @Order(7)
  void deletesFollowKairosDbSemantics() throws Exception {
    long base = 1640217600000L;
    for (String host : List.of("a", "b")) {
      IngestBatchWriter w = writer("del.m");
      w.startMetric("del.m", tags("host", host), 0);
      for (int i = 0; i < 10; i++) {
        w.addLong(base + i * 1000L, i);
      }
      request(Addresses.INGEST_WRITE, w.endMetric().finish()).await(30, TimeUnit.SECONDS);
    }
    submit(new DeleteEntry("del.m", Map.of("host", List.of("a")), base + 2000, base + 4000));
    awaitCaughtUp();
    assertThat(reader.read("del.m", 0, Long.MAX_VALUE / 2)).hasSize(17);

    submit(new DeleteEntry("del.m", Map.of(), Long.MIN_VALUE, Long.MAX_VALUE));
    awaitCaughtUp();
    assertThat(reader.read("del.m", Long.MIN_VALUE / 2, Long.MAX_VALUE / 2)).isEmpty();
    assertThat(reader.metricNames()).doesNotContain("del.m").contains("steady.0");
    assertThat(session.execute("SELECT data_type FROM " + ks.name() + ".row_keys WHERE metric = 'del.m'"
      + " AND table_name = 'data_points' AND row_time = ?", java.time.Instant.ofEpochMilli(base)).all())
      .allSatisfy(r -> assertThat(r.getString(0)).isNull());

    IngestBatchWriter again = writer("del.m");
    again.startMetric("del.m", tags("host", "a"), 0).addLong(base, 42);
    request(Addresses.INGEST_WRITE, again.endMetric().finish()).await(30, TimeUnit.SECONDS);
    awaitCaughtUp();
    assertThat(reader.read("del.m", 0, Long.MAX_VALUE / 2)).extracting(KairosReader.Point::value).containsExactly(42L);
    assertThat(reader.metricNames()).contains("del.m");
  }

  private static void deployCassandra() throws Exception {
    JsonObject config = CassandraTestSupport.config(ks, "replicated").put("shards", SHARDS)
      .put("consumer", "cassandra-test");
    cassandraDeployment = CassandraTestSupport.deploy(vertx, config);
  }

  /** Sends {@code batches} batches of {@code points} points, one series each, and waits for every commit. */
  private static void ingest(String prefix, int batches, int points) throws Exception {
    List<Future<?>> acks = new ArrayList<>();
    for (int i = 0; i < batches; i++) {
      acks.add(send(prefix, i, points));
    }
    Future.all(acks).await(60, TimeUnit.SECONDS);
  }

  private static Future<?> send(String prefix, int i, int points) {
    String metric = prefix + "." + (i % 4);
    IngestBatchWriter w = writer(metric);
    w.startMetric(metric, tags("series", Integer.toString(i)), 0);
    for (int p = 0; p < points; p++) {
      w.addLong(T0 + p * 10_000L, i * 1000L + p);
    }
    expected.merge(metric, points, Integer::sum);
    return request(Addresses.INGEST_WRITE, w.endMetric().finish());
  }

  private static Future<IngestAck> request(String address, Object body) {
    return vertx.eventBus().<IngestAck>request(address, body).map(m -> {
      IngestAck ack = m.body();
      acked.accumulateAndGet(ack.shard(), ack.index(), Math::max);
      return ack;
    });
  }

  private static IngestBatchWriter writer(String metric) {
    return new IngestBatchWriter(UUID.randomUUID(), System.currentTimeMillis(), Sharding.shardOf(metric, SHARDS));
  }

  private static void submit(DeleteEntry delete) throws Exception {
    request(Addresses.LOG_SUBMIT, delete).await(30, TimeUnit.SECONDS);
  }

  private static void verifyAll() {
    for (Map.Entry<String, Integer> e : expected.entrySet()) {
      List<KairosReader.Point> points = reader.read(e.getKey(), 0, Long.MAX_VALUE / 2);
      assertThat(points).as(e.getKey()).hasSize(e.getValue());
      assertThat(points).allSatisfy(p -> assertThat((Long) p.value() % 1000)
        .isEqualTo((p.timestamp() - T0) / 10_000L));
    }
  }

  private static void awaitCaughtUp() throws Exception {
    await("lag back to zero", () -> {
      CheckResult h = health();
      JsonObject d = h.getData();
      return Boolean.TRUE.equals(h.getUp()) && d.getLong("lag_entries") == 0
        && d.getJsonArray("shards").stream().map(JsonObject.class::cast)
          .allMatch(s -> s.getLong("written_index") >= acked.get(s.getInteger("shard")));
    }, 120);
  }

  private static CheckResult health() {
    try {
      return NodeServices.of(vertx).health().checkStatus(CassandraVerticle.HEALTH_CHECK).await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void await(String what, BooleanSupplier condition, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what + ": " + health().getData());
      }
      Thread.sleep(100);
    }
  }
}
