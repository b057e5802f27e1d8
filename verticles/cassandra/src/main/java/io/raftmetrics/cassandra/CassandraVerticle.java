package io.raftmetrics.cassandra;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.micrometer.core.instrument.MeterRegistry;
import io.raftmetrics.api.node.NodeServices;
import io.raftmetrics.cassandra.delete.KairosDeleter;
import io.raftmetrics.cassandra.kairos.RowSpec;
import io.raftmetrics.cassandra.schema.KairosSchema;
import io.raftmetrics.cassandra.stream.ReplicatedIngest;
import io.raftmetrics.cassandra.write.KairosWriter;
import io.raftmetrics.cassandra.write.WriteMetrics;
import io.vertx.cassandra.CassandraClient;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import io.vertx.micrometer.backends.BackendRegistries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The cassandra role: writes points into Cassandra in KairosDB 1.3's schema and bytes, so that a Java KairosDB
 * reading the keyspace sees them as its own.
 *
 * <p>Start-up connects, creates the keyspace and tables if missing (and checks the replication of an existing
 * keyspace when {@code replication} is configured), settles the row geometry through the {@code spec} table,
 * prepares the statements, then serves {@code ingest.write} ({@code mode: direct}) or tails the committed stream of
 * every shard ({@code mode: replicated}). Any failure fails the deployment with a one-line reason. It registers the
 * {@code cassandra} health check, which runs a real query.
 *
 * <p>{@code config()} is the {@code cassandra} section; see {@code docs/cassandra.md}.
 */
public final class CassandraVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(CassandraVerticle.class);

  /** Name of the health procedure in {@link NodeServices#health()}. */
  public static final String HEALTH_CHECK = "cassandra";

  static final String PING = "SELECT release_version FROM system.local";

  private CassandraConfig config;
  private CassandraClient client;
  private KairosWriter writer;
  private IngestMode mode;
  private RowSpec rowSpec;

  @Override
  public Future<?> start() {
    try {
      config = CassandraConfig.from(config());
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    }
    MeterRegistry registry = BackendRegistries.getDefaultNow();
    CassandraConfig.Connection c = config.connection();
    client = Sessions.create(vertx, c);
    KairosSchema schema = new KairosSchema(client, c.keyspace(), c.writeConsistency().level(), Sessions.DDL_TIMEOUT);
    return schema.setUp(c.replication(), c.replicationConfigured())
      .recover(this::explain)
      .compose(spec -> {
        rowSpec = spec;
        return KairosWriter.create(vertx, client, spec, config, new WriteMetrics(registry));
      })
      .compose(w -> {
        writer = w;
        if (config.mode() == CassandraConfig.Mode.DIRECT) {
          mode = new DirectIngest(vertx, w, config.batching());
          return Future.succeededFuture(mode);
        }
        return KairosDeleter.create(client, c.keyspace(), w, rowSpec, c.readConsistency().level(),
            c.writeConsistency().level())
          .map(d -> mode = new ReplicatedIngest(vertx, client, w, d, config, registry));
      })
      .compose(IngestMode::start)
      .onSuccess(v -> {
        NodeServices.of(vertx).registerHealth(HEALTH_CHECK, config.connection().requestTimeoutMs(), this::health);
        LOG.info("cassandra role up: mode {}, keyspace {} on {} (row spec {} {})", config.mode(), c.keyspace(),
          contactPoints(), rowSpec.unit(), rowSpec.width());
      })
      .onFailure(t -> client.close());
  }

  @Override
  public Future<?> stop() {
    NodeServices.of(vertx).unregisterHealth(HEALTH_CHECK);
    Future<Void> stopped = mode == null ? Future.succeededFuture() : mode.stop();
    return stopped.eventually(() -> {
      if (writer != null) {
        writer.close();
      }
      return client == null ? Future.succeededFuture() : client.close();
    });
  }

  /** A real round trip to Cassandra, with the mode's own status (lag in replicated mode) as details. */
  private void health(Promise<Status> promise) {
    JsonObject details = new JsonObject().put("mode", config.mode().name().toLowerCase(Locale.ROOT))
      .put("keyspace", config.connection().keyspace()).put("contact_points", contactPoints())
      .put("queued_statements", writer.queued()).mergeIn(mode.status());
    client.execute(SimpleStatement.newInstance(PING)
        .setTimeout(Duration.ofMillis(config.connection().requestTimeoutMs())))
      .onSuccess(rs -> promise.tryComplete(Status.OK(details)))
      .onFailure(t -> promise.tryComplete(Status.KO(details.put("error", "Cassandra unreachable: " + t.getMessage()))));
  }

  private <T> Future<T> explain(Throwable t) {
    if (t instanceof ConfigException) {
      return Future.failedFuture(t);
    }
    return Future.failedFuture(new IllegalStateException("cassandra: cannot set up keyspace "
      + config.connection().keyspace() + " on " + contactPoints() + " (local_dc " + config.connection().localDc()
      + ", write_consistency " + config.connection().writeConsistency() + "): " + t.getMessage(), t));
  }

  private String contactPoints() {
    return config.connection().contactPoints().stream().map(a -> a.getHostString() + ":" + a.getPort())
      .collect(Collectors.joining(","));
  }
}
