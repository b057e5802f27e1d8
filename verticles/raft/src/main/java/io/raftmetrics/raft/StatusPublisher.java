package io.raftmetrics.raft;

import io.raftmetrics.api.Addresses;
import io.vertx.core.Vertx;

/**
 * Publishes this node's {@link io.raftmetrics.api.raft.RaftNodeStatus} on {@link Addresses#RAFT_STATUS} every
 * {@code status_interval_ms}: one small message per node and interval, whatever the number of shards or readers. A
 * gateway builds the cluster view of {@code /health} from the latest report of each node, so answering a probe costs
 * no request to any raft node and never waits on one.
 */
final class StatusPublisher {

  private final Vertx vertx;
  private final long timer;

  private StatusPublisher(Vertx vertx, RaftStatus status, long intervalMs) {
    this.vertx = vertx;
    this.timer = intervalMs <= 0 ? -1
      : vertx.setPeriodic(1, intervalMs, id -> vertx.eventBus().publish(Addresses.RAFT_STATUS, status.report()));
  }

  /** Starts publishing on the caller's context; {@code status_interval_ms: 0} publishes nothing. */
  static StatusPublisher start(Vertx vertx, RaftStatus status, long intervalMs) {
    return new StatusPublisher(vertx, status, intervalMs);
  }

  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }
}
