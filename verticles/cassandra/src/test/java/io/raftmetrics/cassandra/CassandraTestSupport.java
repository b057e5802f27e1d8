package io.raftmetrics.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import io.micrometer.core.instrument.MeterRegistry;
import io.raftmetrics.api.Codecs;
import io.raftmetrics.api.ingest.IngestBatch;
import io.raftmetrics.api.ingest.IngestBatchWriter;
import io.raftmetrics.testkit.cassandra.CassandraKeyspace;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;

import java.time.Duration;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Shared set-up of the Cassandra tests: configurations, a Vert.x with the contract's codecs, a verifying session. */
final class CassandraTestSupport {

  private CassandraTestSupport() {
  }

  /** A Vert.x that flags event-loop blocking quickly, with every codec of the contract registered. */
  static Vertx vertx() {
    Vertx vertx = Vertx.vertx(options());
    Codecs.registerAll(vertx.eventBus());
    return vertx;
  }

  /** The same, with Micrometer metrics in {@code registry} as the node's default registry (as the launcher does). */
  static Vertx vertx(MeterRegistry registry) {
    Vertx vertx = Vertx.builder().with(options().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
      .withMetrics(new MicrometerMetricsFactory(registry)).build();
    Codecs.registerAll(vertx.eventBus());
    return vertx;
  }

  private static VertxOptions options() {
    return new VertxOptions().setMaxEventLoopExecuteTime(200).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS);
  }

  /** The {@code cassandra} section for a keyspace of the shared node. */
  static JsonObject config(CassandraKeyspace ks, String mode) {
    return new JsonObject()
      .put("mode", mode)
      .put("contact_points", new JsonArray().add(ks.host() + ":" + ks.port()))
      .put("local_dc", ks.datacenter())
      .put("keyspace", ks.name())
      .put("replication", new JsonObject().put("class", "SimpleStrategy").put("replication_factor", 1))
      .put("write_consistency", "ONE")
      .put("retry", new JsonObject().put("max_attempts", 3).put("initial_backoff_ms", 50).put("max_backoff_ms", 500))
      .put("stream", new JsonObject().put("poll_interval_ms", 20).put("watermark_interval_ms", 200));
  }

  /** Deploys the cassandra role and waits for it (schema creation included). */
  static String deploy(Vertx vertx, JsonObject config) throws Exception {
    return vertx.deployVerticle(new CassandraVerticle(), new DeploymentOptions().setConfig(config))
      .await(90, TimeUnit.SECONDS);
  }

  /** Closes what a test class opened; either may be null after a failed set-up. */
  static void close(CqlSession session, Vertx vertx) throws Exception {
    if (session != null) {
      session.close();
    }
    if (vertx != null) {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  /** A plain driver session for checking what landed in Cassandra; blocking, for the test thread only. */
  static CqlSession session(CassandraKeyspace ks) {
    return CqlSession.builder()
      .addContactPoint(ks.contactPoint())
      .withLocalDatacenter(ks.datacenter())
      .withConfigLoader(DriverConfigLoader.programmaticBuilder()
        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30))
        // Tests restart Cassandra; reconnect within a second instead of the default's growing delays.
        .withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, Duration.ofMillis(200))
        .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, Duration.ofSeconds(1))
        .build())
      .build();
  }

  /** One series, longs at the given timestamps with value = index. */
  static IngestBatch longs(String metric, SortedMap<String, String> tags, int ttl, long... timestamps) {
    IngestBatchWriter w = new IngestBatchWriter(UUID.randomUUID(), System.currentTimeMillis(), 0);
    w.startMetric(metric, tags, ttl);
    for (int i = 0; i < timestamps.length; i++) {
      w.addLong(timestamps[i], i);
    }
    return w.endMetric().finish();
  }

  static SortedMap<String, String> tags(String... kv) {
    TreeMap<String, String> m = new TreeMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }
}
