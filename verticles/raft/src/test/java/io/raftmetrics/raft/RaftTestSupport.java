package io.raftmetrics.raft;

import io.raftmetrics.api.Addresses;
import io.raftmetrics.api.Codecs;
import io.raftmetrics.api.ingest.IngestAck;
import io.raftmetrics.api.ingest.IngestBatch;
import io.raftmetrics.api.ingest.IngestBatchWriter;
import io.raftmetrics.api.node.NodeServices;
import io.raftmetrics.store.Replica;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Builds configurations, batches and Vert.x instances for the raft tests; everything on 127.0.0.1. */
final class RaftTestSupport {

  static final long ELECTION_MIN_MS = 200;
  static final long ELECTION_MAX_MS = 400;

  private RaftTestSupport() {
  }

  /** A Vert.x instance like the launcher's: codecs registered, and a short blocked-event-loop threshold. */
  static Vertx newVertx() {
    Vertx vertx = Vertx.vertx(new VertxOptions()
      .setMaxEventLoopExecuteTime(200).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
      .setBlockedThreadCheckInterval(100)
      .setWarningExceptionTime(200).setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS));
    Codecs.registerAll(vertx.eventBus());
    return vertx;
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return peers {@code n1..nN} on free loopback ports */
  static JsonArray peers(int n) {
    JsonArray peers = new JsonArray();
    for (int i = 1; i <= n; i++) {
      peers.add(new JsonObject().put("id", "n" + i).put("address", "127.0.0.1:" + freePort()));
    }
    return peers;
  }

  /** The raft section of one member of {@code peers}, with fast elections and its own directories. */
  static JsonObject config(JsonArray peers, int member, Path dir) {
    JsonObject self = peers.getJsonObject(member);
    return new JsonObject()
      .put("node_id", self.getString("id"))
      .put("address", self.getString("address"))
      .put("peers", peers.copy())
      .put("storage_dir", dir.resolve(self.getString("id")).resolve("raft").toString())
      .put("replica_dir", dir.resolve(self.getString("id")).resolve("replica").toString())
      .put("election_timeout_min_ms", ELECTION_MIN_MS)
      .put("election_timeout_max_ms", ELECTION_MAX_MS)
      .put("request_timeout_ms", 5000);
  }

  static Future<String> deploy(Vertx vertx, JsonObject config) {
    return vertx.deployVerticle(new RaftVerticle(), new DeploymentOptions().setConfig(config));
  }

  /** A batch of {@code points} doubles of one series, at timestamps {@code firstTs, firstTs + 1, ...}. */
  static IngestBatch batch(int shard, String metric, long firstTs, int points) {
    return batch(UUID.randomUUID(), shard, metric, firstTs, points);
  }

  static IngestBatch batch(UUID id, int shard, String metric, long firstTs, int points) {
    TreeMap<String, String> tags = new TreeMap<>(Map.of("host", "h1"));
    IngestBatchWriter w = new IngestBatchWriter(id, System.currentTimeMillis(), shard).startMetric(metric, tags, 0);
    for (int i = 0; i < points; i++) {
      w.addDouble(firstTs + i, firstTs + i + 0.5);
    }
    return w.endMetric().finish();
  }

  static Future<IngestAck> ingest(Vertx vertx, IngestBatch batch) {
    return vertx.eventBus().<IngestAck>request(Addresses.INGEST_WRITE, batch,
      new DeliveryOptions().setSendTimeout(30_000)).map(m -> m.body());
  }

  static Replica replica(Vertx vertx, int shard) {
    return NodeServices.of(vertx).get(NodeServices.replicaKey(shard), Replica.class)
      .orElseThrow(() -> new AssertionError("no replica of shard " + shard + " published"));
  }

  @SuppressWarnings("unchecked")
  static JsonObject status(Vertx vertx) {
    return NodeServices.of(vertx).get(RaftVerticle.STATUS_KEY, Supplier.class)
      .map(s -> (JsonObject) s.get())
      .orElseThrow(() -> new AssertionError("no raft status published"));
  }

  /** Every stored double point as {@code metric|tags|ts|value}, in order: comparable across replicas. */
  static List<String> doublePoints(Replica replica) {
    String sql = "SELECT s.metric, CAST(s.tags AS VARCHAR), p.ts, p.v FROM points_double p JOIN series s USING (sid) "
      + "ORDER BY 1, 2, 3";
    List<String> rows = new ArrayList<>();
    try (Connection c = replica.openReader(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getLong(3) + "|" + rs.getDouble(4));
      }
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
    return rows;
  }

  /** Polls until the condition holds, for at most {@code timeoutMs}; the bounded wait of these tests. */
  static void await(String what, long timeoutMs, Supplier<Boolean> condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeoutMs + " ms waiting for " + what);
      }
      Thread.sleep(50);
    }
  }
}
