package io.raftmetrics.raft;

import io.raftmetrics.api.Addresses;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import org.apache.ratis.server.DivisionInfo;

import java.io.IOException;

/**
 * Serves {@link Addresses#ingestLeader(int)} for the shards this node leads, so that writers reach the leader
 * directly instead of through a follower (an event-bus hop plus a gRPC hop, and the batch copied at each). Checked
 * every {@link #CHECK_INTERVAL_MS}: the consumer of a shard is registered once this node leads it and is ready (it
 * committed an entry of its term), and unregistered once it no longer leads. In between, a batch that reaches a node
 * that just lost leadership is forwarded like any other.
 */
final class LeaderRoutes {

  static final long CHECK_INTERVAL_MS = 250;

  private final Vertx vertx;
  private final RaftNode node;
  private final Handler<Message<Object>> handler;
  private final MessageConsumer<?>[] consumers;
  private final long timer;

  private LeaderRoutes(Vertx vertx, RaftNode node, Handler<Message<Object>> handler) {
    this.vertx = vertx;
    this.node = node;
    this.handler = handler;
    this.consumers = new MessageConsumer<?>[node.config().shards()];
    this.timer = vertx.setPeriodic(1, CHECK_INTERVAL_MS, id -> check());
  }

  /** Starts on the caller's context; {@code handler} serves the batches, as for {@link Addresses#INGEST_WRITE}. */
  static LeaderRoutes start(Vertx vertx, RaftNode node, Handler<Message<Object>> handler) {
    return new LeaderRoutes(vertx, node, handler);
  }

  private void check() {
    for (int shard = 0; shard < consumers.length; shard++) {
      boolean leads = leadsAndReady(shard);
      if (leads && consumers[shard] == null) {
        consumers[shard] = vertx.eventBus().consumer(Addresses.ingestLeader(shard), handler);
      } else if (!leads && consumers[shard] != null) {
        consumers[shard].unregister();
        consumers[shard] = null;
      }
    }
  }

  private boolean leadsAndReady(int shard) {
    try {
      DivisionInfo info = node.division(shard).getInfo();
      return info.isLeader() && info.isLeaderReady() && node.machine(shard).failure() == null;
    } catch (IOException e) {
      return false;
    }
  }

  void stop() {
    vertx.cancelTimer(timer);
    for (int shard = 0; shard < consumers.length; shard++) {
      if (consumers[shard] != null) {
        consumers[shard].unregister();
        consumers[shard] = null;
      }
    }
  }
}
