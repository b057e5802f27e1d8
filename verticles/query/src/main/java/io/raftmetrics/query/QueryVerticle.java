package io.raftmetrics.query;

import io.raftmetrics.api.Addresses;
import io.raftmetrics.api.ErrorCode;
import io.raftmetrics.api.kairos.KairosQuery;
import io.raftmetrics.api.node.LinearizableReads;
import io.raftmetrics.api.node.NodeServices;
import io.raftmetrics.api.query.AggregateRequest;
import io.raftmetrics.api.query.LatestRequest;
import io.raftmetrics.api.query.MetricNamesRequest;
import io.raftmetrics.api.query.NameList;
import io.raftmetrics.query.kairos.KairosLimits;
import io.raftmetrics.query.kairos.KairosQueryService;
import io.raftmetrics.store.Replica;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import io.vertx.micrometer.backends.BackendRegistries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The query role: answers {@link LatestRequest}, {@link AggregateRequest} and {@link MetricNamesRequest} on
 * {@link Addresses#queryShard(int)} for every shard listed in {@code shards} (see {@link QueryConfig}), reading the
 * replica the raft role of this JVM published in {@link NodeServices}. The KairosDB query requests
 * ({@code io.raftmetrics.api.kairos}) go to {@link KairosQueryService}.
 *
 * <p><b>Deploy it as a worker</b>, e.g. {@code new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)
 * .setWorkerPoolName("duckdb").setInstances(n)}: every request runs blocking DuckDB JDBC calls on the instance's
 * worker context. It refuses to start otherwise, and when a listed shard has no local replica. Each instance owns
 * one reader connection per shard, used only from its context; instances share the address round-robin.
 *
 * <p>Replies are the {@code io.raftmetrics.api.query} records; failures are {@code fail(code, message)} with 400 for
 * invalid requests, 404 for an unknown metric or no matching point, 422 when a query exceeds its time or size limit,
 * 503 when a linearizable read cannot get its barrier, 500 otherwise.
 */
public final class QueryVerticle extends VerticleBase {

  /** Health procedures of the instances are registered under this group. */
  public static final String HEALTH_GROUP = "query";

  private static final Logger LOG = LoggerFactory.getLogger(QueryVerticle.class);
  private static final AtomicInteger INSTANCE_IDS = new AtomicInteger();

  /** A query body run on the worker context. */
  private interface Query {
    Object run() throws SQLException;
  }

  private final List<ShardReader> readers = new ArrayList<>();
  private final List<MessageConsumer<Object>> consumers = new ArrayList<>();
  private QueryConfig settings;
  private QueryMetrics metrics;
  private KairosQueryService kairos;
  private NodeServices node;
  private String healthName;
  private boolean stopped;

  @Override
  public Future<?> start() {
    if (context.threadingModel() != ThreadingModel.WORKER) {
      return Future.failedFuture(new IllegalStateException("QueryVerticle makes blocking DuckDB calls and must be "
        + "deployed as a worker (DeploymentOptions.setThreadingModel(ThreadingModel.WORKER)), not as "
        + context.threadingModel()));
    }
    KairosLimits kairosLimits;
    try {
      settings = QueryConfig.from(config());
      kairosLimits = KairosLimits.from(config());
    } catch (RuntimeException e) {
      return Future.failedFuture(new IllegalArgumentException("invalid query configuration: " + e.getMessage(), e));
    }
    node = NodeServices.of(vertx);
    List<Replica> replicas = new ArrayList<>();
    for (int shard : settings.shards()) {
      Optional<Replica> replica = node.get(NodeServices.replicaKey(shard), Replica.class);
      if (replica.isEmpty()) {
        return Future.failedFuture(new IllegalStateException("query role needs a local raft replica of shard "
          + shard + " in this JVM (deploy raft first)"));
      }
      replicas.add(replica.get());
    }
    try {
      openReaders(replicas);
    } catch (SQLException | RuntimeException e) {
      closeReaders();
      return Future.failedFuture(new IllegalStateException("cannot open DuckDB readers: " + e.getMessage(), e));
    }
    metrics = new QueryMetrics(BackendRegistries.getDefaultNow());
    kairos = new KairosQueryService(vertx, kairosLimits, metrics::record);
    registerHealth();
    return Future.all(registerConsumers()).recover(e -> stop().transform(ar -> Future.failedFuture(e)));
  }

  private void openReaders(List<Replica> replicas) throws SQLException {
    for (Replica replica : replicas) {
      ShardReader reader = ShardReader.open(replica, settings.timeoutSeconds());
      readers.add(reader);
      // Each shard is a database of its own: the settings apply per database.
      reader.configure(settings.duckdbThreads(), settings.memoryLimit());
    }
  }

  private List<Future<Void>> registerConsumers() {
    List<Future<Void>> ready = new ArrayList<>();
    for (ShardReader reader : readers) {
      MessageConsumer<Object> consumer = vertx.eventBus().consumer(Addresses.queryShard(reader.shard()),
        msg -> handle(reader, msg));
      consumers.add(consumer);
      ready.add(consumer.completion());
    }
    return ready;
  }

  /**
   * Registers this instance's procedure under {@link #HEALTH_GROUP} (through {@code NodeServices}, which serialises
   * registrations: worker instances start in parallel).
   */
  private void registerHealth() {
    healthName = HEALTH_GROUP + "/instance-" + INSTANCE_IDS.incrementAndGet();
    node.registerHealth(healthName, settings.healthTimeoutMs(), this::checkHealth);
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    if (healthName != null) {
      node.unregisterHealth(healthName);
    }
    List<Future<Void>> unregistered = consumers.stream().map(MessageConsumer::unregister).toList();
    // stop() runs on this worker context, so no request is using the readers while they close.
    closeReaders();
    return Future.all(unregistered);
  }

  private void handle(ShardReader reader, Message<Object> msg) {
    Object body = msg.body();
    if (stopped) {
      msg.fail(ErrorCode.UNAVAILABLE.code(), "query role is stopping");
    } else if (body instanceof LatestRequest r) {
      afterBarrier(r.linearizable(), reader.shard(), msg,
        () -> answer("latest", msg, () -> LatestQuery.run(reader, r)));
    } else if (body instanceof AggregateRequest r) {
      afterBarrier(r.linearizable(), reader.shard(), msg,
        () -> answer("aggregate", msg, () -> AggregateQuery.run(reader, r, settings.maxResultRows())));
    } else if (body instanceof KairosQuery r) {
      afterBarrier(r.linearizable(), reader.shard(), msg, () -> kairos.handle(reader, msg));
    } else if (KairosQueryService.handles(body)) {
      kairos.handle(reader, msg);
    } else if (body instanceof MetricNamesRequest r) {
      answer("names", msg, () -> new NameList(reader.catalog().metricNames(r.prefix())));
    } else {
      msg.fail(ErrorCode.BAD_REQUEST.code(), "unsupported query request: "
        + (body == null ? "null" : body.getClass().getName()));
    }
  }

  /** Runs the query and answers; the latency is recorded before the answer leaves, so it is visible to the caller. */
  private void answer(String op, Message<Object> msg, Query query) {
    long start = System.nanoTime();
    Object reply = null;
    int code = 0;
    String error = null;
    try {
      reply = query.run();
    } catch (QueryFailure e) {
      code = e.code().code();
      error = e.getMessage();
    } catch (SQLTimeoutException e) {
      code = ErrorCode.LIMIT_EXCEEDED.code();
      error = "query exceeded the time limit of " + settings.timeoutSeconds() + " s";
    } catch (SQLException | RuntimeException e) {
      LOG.warn("{} query failed", op, e);
      code = ErrorCode.INTERNAL.code();
      error = op + " query failed: " + e.getMessage();
    }
    metrics.record(op, System.nanoTime() - start);
    if (error == null) {
      msg.reply(reply);
    } else {
      msg.fail(code, error);
    }
  }

  /**
   * Runs {@code read} now, or for a linearizable request once the raft role's read barrier has passed. The barrier
   * completes on the raft role's thread; the read is sent back to this worker context.
   */
  private void afterBarrier(boolean linearizable, int shard, Message<Object> msg, Runnable read) {
    if (!linearizable) {
      read.run();
      return;
    }
    Optional<LinearizableReads> reads = node.get(NodeServices.LINEARIZABLE_READS, LinearizableReads.class);
    if (reads.isEmpty()) {
      msg.fail(ErrorCode.UNAVAILABLE.code(), "linearizable reads need the raft role in this JVM");
      return;
    }
    Future<Void> barrier;
    try {
      barrier = reads.get().barrier(shard);
    } catch (RuntimeException e) {
      barrier = Future.failedFuture(e);
    }
    barrier.onComplete(ar -> context.runOnContext(v -> {
      if (stopped) {
        msg.fail(ErrorCode.UNAVAILABLE.code(), "query role is stopping");
      } else if (ar.succeeded()) {
        read.run();
      } else {
        Throwable cause = ar.cause();
        int code = cause instanceof ReplyException re && re.failureCode() > 0 ? re.failureCode()
          : ErrorCode.UNAVAILABLE.code();
        msg.fail(code, "linearizable read barrier of shard " + shard + " failed: " + cause.getMessage());
      }
    }));
  }

  /** Pings every reader on this instance's context; a busy instance answers when its current query ends. */
  private void checkHealth(Promise<Status> promise) {
    context.runOnContext(v -> {
      JsonObject data = new JsonObject();
      boolean ok = !stopped;
      for (ShardReader reader : readers) {
        try {
          reader.ping();
          data.put("shard-" + reader.shard(), "ok");
        } catch (SQLException | RuntimeException e) {
          ok = false;
          data.put("shard-" + reader.shard(), String.valueOf(e.getMessage()));
        }
      }
      promise.tryComplete(ok ? Status.OK(data) : Status.KO(data));
    });
  }

  private void closeReaders() {
    for (ShardReader reader : readers) {
      try {
        reader.close();
      } catch (SQLException e) {
        LOG.warn("closing the reader of shard {} failed", reader.shard(), e);
      }
    }
    readers.clear();
  }
}
