package io.raftmetrics.raft;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import org.apache.ratis.proto.RaftProtos.CommitInfoProto;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Keeps leadership away from a replica that failed. A state machine that stopped applying (a storage failure, see
 * {@link ReplicaStateMachine}) can no longer answer writes, yet its Raft log still works, so Ratis would keep it
 * leader and every write of the shard would fail until an operator restarts the node. Once a shard's replica fails,
 * this node pauses its own leader election for that group (it never campaigns again until restarted), and while it
 * leads, it hands leadership to the follower with the highest commit index, or steps down if that fails.
 */
final class ReplicaGuard {

  private static final Logger LOG = LoggerFactory.getLogger(ReplicaGuard.class);
  static final long CHECK_INTERVAL_MS = 1000;

  private final Vertx vertx;
  private final Context context;
  private final RaftNode node;
  private final WorkerExecutor worker;
  private final boolean[] paused;
  private final boolean[] handing;
  private final long timer;

  private ReplicaGuard(Vertx vertx, RaftNode node, WorkerExecutor worker) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.node = node;
    this.worker = worker;
    this.paused = new boolean[node.config().shards()];
    this.handing = new boolean[node.config().shards()];
    this.timer = vertx.setPeriodic(CHECK_INTERVAL_MS, id -> check());
  }

  /** Starts the periodic check on the caller's context. */
  static ReplicaGuard start(Vertx vertx, RaftNode node, WorkerExecutor worker) {
    return new ReplicaGuard(vertx, node, worker);
  }

  private void check() {
    for (int shard = 0; shard < paused.length; shard++) {
      if (node.machine(shard).failure() != null) {
        guard(shard);
      }
    }
  }

  private void guard(int shard) {
    RaftServer.Division division;
    try {
      division = node.division(shard);
    } catch (IOException e) {
      return;
    }
    if (!paused[shard]) {
      paused[shard] = true;
      LOG.warn("shard {}: the replica failed; this node no longer campaigns for leadership of the group", shard);
      call(shard, "pausing the leader election", () -> node.pauseElection(shard));
    }
    if (division.getInfo().isLeader() && !handing[shard]) {
      handing[shard] = true;
      RaftPeerId target = bestFollower(division);
      LOG.warn("shard {}: the replica failed; handing leadership to {}", shard,
        target == null ? "nobody (stepping down)" : target);
      call(shard, "handing leadership over", () -> node.transferLeadership(shard, target))
        .onComplete(ar -> handing[shard] = false);
    }
  }

  private Future<RaftClientReply> call(int shard, String what, Supplier<CompletableFuture<RaftClientReply>> call) {
    // the server's admin entry points wait for a Ratis executor: not on the event loop
    return worker.executeBlocking(call::get, false)
      .compose(cf -> Future.fromCompletionStage(cf, context))
      .onComplete(ar -> {
        if (ar.failed()) {
          LOG.warn("shard {}: {} failed: {}", shard, what, ar.cause().toString());
        } else if (!ar.result().isSuccess()) {
          LOG.warn("shard {}: {} failed: {}", shard, what, ar.result().getException());
        }
      });
  }

  /** @return the other member with the highest commit index this leader knows, or null for none */
  private static RaftPeerId bestFollower(RaftServer.Division division) {
    String self = division.getId().toString();
    String best = null;
    long bestIndex = -1;
    for (CommitInfoProto c : division.getCommitInfos()) {
      String id = c.getServer().getId().toStringUtf8();
      if (!id.equals(self) && c.getCommitIndex() > bestIndex) {
        best = id;
        bestIndex = c.getCommitIndex();
      }
    }
    return best == null ? null : RaftPeerId.valueOf(best);
  }

  void stop() {
    vertx.cancelTimer(timer);
  }
}
