package io.raftmetrics.raft;

import io.micrometer.core.instrument.MeterRegistry;
import io.raftmetrics.api.Addresses;
import io.raftmetrics.api.node.NodeServices;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.micrometer.backends.BackendRegistries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The raft role: a Ratis server hosting one Raft group per shard, whose state machines apply the committed log to the
 * shards' DuckDB replicas. Deploy one instance per node with the {@code raft} configuration section
 * ({@code docs/raft.md}). It serves {@link Addresses#INGEST_WRITE}, {@link Addresses#LOG_SUBMIT} and
 * {@link Addresses#STREAM_READ}, and publishes in {@link NodeServices}: each shard's replica under
 * {@link NodeServices#replicaKey(int)}, {@link io.raftmetrics.api.node.LinearizableReads} under
 * {@link NodeServices#LINEARIZABLE_READS}, a {@code Supplier<JsonObject>} status under {@link #STATUS_KEY}, and the
 * {@code raft} health check. It also serves {@link Addresses#RAFT_MEMBERSHIP} (membership changes through Ratis'
 * admin API) and {@link Addresses#ingestLeader(int)} for the shards it leads, and publishes its status on
 * {@link Addresses#RAFT_STATUS} for the gateways' cluster view.
 */
public final class RaftVerticle extends VerticleBase {

  /** Key of the {@code Supplier<io.vertx.core.json.JsonObject>} that returns the raft status. */
  public static final String STATUS_KEY = "raft.status";
  /** Name of the health procedure registered in {@link NodeServices#health()}. */
  public static final String HEALTH_CHECK = "raft";

  private static final Logger LOG = LoggerFactory.getLogger(RaftVerticle.class);
  private static final String WORKER_POOL = "raftmetrics-raft";
  private static final int WORKER_THREADS = 2;

  private final List<MessageConsumer<Object>> consumers = new ArrayList<>();
  private final Map<String, Object> published = new HashMap<>();
  private WorkerExecutor worker;
  private RaftNode node;
  private RaftMeters meters;
  private SnapshotTrigger snapshots;
  private ReplicaGuard guard;
  private LeaderRoutes leaderRoutes;
  private StatusPublisher publisher;

  @Override
  public Future<?> start() {
    RaftConfig config;
    try {
      config = RaftConfig.from(config());
    } catch (RaftConfigException e) {
      return Future.failedFuture(e);
    }
    MeterRegistry registry = BackendRegistries.getDefaultNow();
    // starting Ratis and DuckDB can take long (log replay): a generous limit before blocked-thread warnings
    worker = vertx.createSharedWorkerExecutor(WORKER_POOL, WORKER_THREADS, 5, TimeUnit.MINUTES);
    return worker.executeBlocking(() -> RaftNode.start(config, registry))
      .compose(started -> {
        node = started;
        return serve(registry);
      })
      .recover(e -> shutdown().transform(ignored -> Future.failedFuture(e)));
  }

  private Future<?> serve(MeterRegistry registry) {
    RaftCalls calls = new RaftCalls(vertx, node);
    RaftStatus status = new RaftStatus(node);
    meters = RaftMeters.create(registry, node);
    WriteHandler writes = new WriteHandler(node, calls, meters, context);
    StreamReadHandler reads = new StreamReadHandler(node, worker);
    MembershipHandler membership = new MembershipHandler(node, worker);
    EventBus eb = vertx.eventBus();
    consumers.add(eb.consumer(Addresses.INGEST_WRITE, writes::ingest));
    consumers.add(eb.consumer(Addresses.LOG_SUBMIT, writes::logSubmit));
    consumers.add(eb.consumer(Addresses.STREAM_READ, reads::handle));
    consumers.add(eb.consumer(Addresses.RAFT_MEMBERSHIP, membership::handle));

    NodeServices services = NodeServices.of(vertx);
    for (int shard = 0; shard < node.config().shards(); shard++) {
      publish(services, NodeServices.replicaKey(shard), node.machine(shard).replica());
    }
    publish(services, NodeServices.LINEARIZABLE_READS, new ReadIndexBarrier(vertx, node, calls));
    publish(services, STATUS_KEY, status);
    services.registerHealth(HEALTH_CHECK, status::check);
    snapshots = SnapshotTrigger.start(vertx, node, worker);
    guard = ReplicaGuard.start(vertx, node, worker);
    leaderRoutes = LeaderRoutes.start(vertx, node, writes::ingest);
    publisher = StatusPublisher.start(vertx, status, node.config().statusIntervalMs());
    LOG.info("raft: node {} serves shards 0..{} on {}", node.config().nodeId(), node.config().shards() - 1,
      node.config().address());
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
  }

  private void publish(NodeServices services, String key, Object service) {
    services.put(key, service);
    published.put(key, service);
  }

  @Override
  public Future<?> stop() {
    return shutdown();
  }

  /** Stops serving first, then closes Ratis and the replicas on a worker. Safe after a partial start. */
  private Future<Void> shutdown() {
    if (snapshots != null) {
      snapshots.stop();
    }
    if (guard != null) {
      guard.stop();
    }
    if (leaderRoutes != null) {
      leaderRoutes.stop();
    }
    if (publisher != null) {
      publisher.stop();
    }
    NodeServices services = NodeServices.of(vertx);
    services.unregisterHealth(HEALTH_CHECK);
    published.forEach(services::remove);
    published.clear();
    if (meters != null) {
      meters.close();
    }
    Future<?> unregistered = Future.join(consumers.stream().map(MessageConsumer::unregister).toList());
    consumers.clear();
    RaftNode closing = node;
    node = null;
    return unregistered.transform(ignored -> closing == null || worker == null
        ? Future.<Void>succeededFuture()
        : worker.<Void>executeBlocking(() -> {
          closing.close();
          return null;
        }))
      .eventually(() -> worker == null ? Future.succeededFuture() : worker.close());
  }
}
