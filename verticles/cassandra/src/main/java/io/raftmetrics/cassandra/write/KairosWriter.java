package io.raftmetrics.cassandra.write;

import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.metadata.Metadata;
import io.raftmetrics.api.ingest.IngestBatch;
import io.raftmetrics.cassandra.CassandraConfig;
import io.raftmetrics.cassandra.kairos.RowSpec;
import io.vertx.cassandra.CassandraClient;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes ingest batches into KairosDB's tables: one {@link WritePlan} per call (so rows of many batches that share a
 * partition go out in one unlogged batch), every unit through the bounded, retrying {@link CqlExecutor}, and the
 * {@link IndexCache} updated once everything was acknowledged.
 *
 * <p>Each call takes a new write timestamp from a millisecond clock that never goes backwards and never repeats, so
 * of two calls writing the same cell the later one wins in Cassandra whatever order the statements land in.
 *
 * <p>Confined to the verticle's event loop.
 */
public final class KairosWriter {

  private static final long METADATA_REFRESH_MS = 10_000;

  /** What a write did. */
  public record Result(long points, long droppedExpired, long writeTimestampMs) {
  }

  private final Statements statements;
  private final WritePlanner planner;
  private final IndexCache cache;
  private final CqlExecutor executor;
  private final CassandraConfig config;
  private final WriteMetrics metrics;
  private final Vertx vertx;
  private final CassandraClient client;
  private final long metadataTimer;
  private Metadata metadata;
  private long lastTimestamp;

  private KairosWriter(Vertx vertx, CassandraClient client, Statements statements, RowSpec spec,
                       CassandraConfig config, WriteMetrics metrics) {
    this.vertx = vertx;
    this.client = client;
    this.statements = statements;
    this.cache = new IndexCache(config.cache().rowKeys(), config.cache().metricNames());
    this.planner = new WritePlanner(spec, config.ttl(), cache);
    this.executor = new CqlExecutor(vertx, client, config.batching().maxConcurrentRequests(), config.retry(), metrics);
    this.config = config;
    this.metrics = metrics;
    refreshMetadata();
    // The token map only changes with the topology; a snapshot a few seconds old still routes correctly.
    this.metadataTimer = vertx.setPeriodic(METADATA_REFRESH_MS, id -> refreshMetadata());
  }

  private void refreshMetadata() {
    client.metadata().onSuccess(m -> metadata = m);
  }

  /** @return a replica of the partition, to group small partitions by, or null when the token map is unknown */
  private Object replicaOf(ByteBuffer key) {
    Metadata m = metadata;
    if (m == null) {
      return null;
    }
    return m.getTokenMap().map(tm -> tm.getReplicas(config.connection().keyspace(), key))
      .filter(nodes -> !nodes.isEmpty()).map(nodes -> (Object) nodes.iterator().next()).orElse(null);
  }

  /** Prepares the statements; call from the verticle's context. */
  public static Future<KairosWriter> create(Vertx vertx, CassandraClient client, RowSpec spec, CassandraConfig config,
                                            WriteMetrics metrics) {
    return Statements.prepare(client, config.connection().keyspace(), config.connection().writeConsistency().level())
      .map(s -> new KairosWriter(vertx, client, s, spec, config, metrics));
  }

  /** @return null if every point of the batch can be written, else the reason it cannot (nothing is written) */
  public String validate(IngestBatch batch) {
    String problem = planner.validate(batch);
    if (problem != null) {
      metrics.dropped(WriteMetrics.Drop.INVALID, batch.pointCount());
    }
    return problem;
  }

  /**
   * Writes batches that {@link #validate} accepted.
   *
   * @param untilSuccess retry transient failures forever (replicated mode) instead of {@code retry.max_attempts}
   * @return completes once Cassandra acknowledged every row at the write consistency; fails with the driver's
   *   exception otherwise (see {@link Failures#code})
   */
  public Future<Result> write(List<IngestBatch> batches, boolean untilSuccess) {
    long started = System.nanoTime();
    long ts = nextTimestamp();
    WritePlan plan = new WritePlan();
    for (IngestBatch b : batches) {
      planner.add(plan, b, ts);
    }
    List<WritePlan.Unit> units = plan.units(statements, ts, config.batching().maxStatements(),
      config.batching().maxBytes(), config.batching().smallPartitionRows(), this::replicaOf);
    Promise<Result> done = Promise.promise();
    int attempts = untilSuccess ? CqlExecutor.FOREVER : config.retry().maxAttempts();
    int[] remaining = {units.size()};
    Throwable[] failure = {null};
    Runnable finish = () -> {
      if (failure[0] != null) {
        done.fail(failure[0]);
        return;
      }
      plan.partitions.values().stream().filter(p -> p.index != null)
        .forEach(p -> cache.addRowKey(p.key, p.index.ttl, ts));
      plan.newMetricNames.forEach(cache::addMetricName);
      metrics.points(plan.points);
      metrics.dropped(WriteMetrics.Drop.TTL_EXPIRED, plan.droppedExpired);
      metrics.latency(System.nanoTime() - started);
      done.complete(new Result(plan.points, plan.droppedExpired, ts));
    };
    if (units.isEmpty()) {
      finish.run();
    }
    for (WritePlan.Unit u : units) {
      executor.submit(u.statement(), attempts).onComplete(ar -> {
        if (ar.succeeded()) {
          metrics.rows(u.table(), u.rows());
        } else if (failure[0] == null) {
          failure[0] = ar.cause();
        }
        if (--remaining[0] == 0) {
          finish.run();
        }
      });
    }
    return done.future();
  }

  /**
   * Runs one statement of another component (deletes, watermarks) through the same flow control and retries.
   *
   * @param untilSuccess retry transient failures forever
   */
  public Future<Void> execute(Statement<?> statement, boolean untilSuccess) {
    return executor.submit(statement, untilSuccess ? CqlExecutor.FOREVER : config.retry().maxAttempts());
  }

  /** @return a millisecond write timestamp, greater than every one returned before */
  public long nextTimestamp() {
    lastTimestamp = Math.max(System.currentTimeMillis(), lastTimestamp + 1);
    return lastTimestamp;
  }

  /** Forgets cached index rows of a metric whose rows a delete removed, so the next point rewrites them. */
  public void forgetMetric(String metric) {
    cache.forgetMetric(metric.getBytes(StandardCharsets.UTF_8), metric);
  }

  /** @return statements waiting for a free slot towards Cassandra */
  public int queued() {
    return executor.queued();
  }

  /** Stops retrying and fails what is queued. */
  public void close() {
    vertx.cancelTimer(metadataTimer);
    executor.close();
  }
}
