package io.raftmetrics.api.node;

import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the verticles of one Vert.x instance share without the event bus: the node's health checks and the local
 * services a co-located role needs (the DuckDB replica that raft applies to and query reads). Everything else between
 * roles goes over the event bus.
 */
public final class NodeServices implements Shareable {

  private static final String MAP = "raftmetrics.node";
  private static final String KEY = "services";

  private final HealthChecks health;
  private final Map<String, Object> services = new ConcurrentHashMap<>();

  private NodeServices(Vertx vertx) {
    this.health = HealthChecks.create(vertx);
  }

  /** @return the instance of this Vert.x instance, created on first use */
  public static NodeServices of(Vertx vertx) {
    LocalMap<String, NodeServices> map = vertx.sharedData().getLocalMap(MAP);
    return map.computeIfAbsent(KEY, k -> new NodeServices(vertx));
  }

  /**
   * Health procedures of this node. Each role registers its own under its role name (e.g. {@code raft},
   * {@code raft.shard-0}) when it starts and unregisters when it stops.
   */
  public HealthChecks health() {
    return health;
  }

  /**
   * Registers a health procedure. {@code HealthChecks} is not thread-safe and the roles' verticles (several
   * instances, worker and event-loop threads) start in parallel, so every registration goes through this lock.
   */
  public void registerHealth(String name, Handler<Promise<Status>> procedure) {
    synchronized (health) {
      health.register(name, procedure);
    }
  }

  /** As {@link #registerHealth(String, Handler)}, failing the procedure after {@code timeoutMs}. */
  public void registerHealth(String name, long timeoutMs, Handler<Promise<Status>> procedure) {
    synchronized (health) {
      health.register(name, timeoutMs, procedure);
    }
  }

  /** Unregisters a health procedure, under the same lock as {@link #registerHealth}. */
  public void unregisterHealth(String name) {
    synchronized (health) {
      health.unregister(name);
    }
  }

  /** Key under which the raft role publishes the {@code io.raftmetrics.store.Replica} of a shard it hosts. */
  public static String replicaKey(int shard) {
    return "replica.shard." + shard;
  }

  /** Key under which the raft role publishes its {@link LinearizableReads}. */
  public static final String LINEARIZABLE_READS = "raft.linearizable-reads";

  /** Publishes a local service under a key; replaces any previous one. */
  public void put(String key, Object service) {
    services.put(key, service);
  }

  public void remove(String key, Object service) {
    services.remove(key, service);
  }

  /** @return the service published under key, if it has the expected type */
  public <T> Optional<T> get(String key, Class<T> type) {
    Object o = services.get(key);
    return type.isInstance(o) ? Optional.of(type.cast(o)) : Optional.empty();
  }
}
