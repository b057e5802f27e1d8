package io.raftmetrics.raft;

import io.raftmetrics.api.ErrorCode;
import io.raftmetrics.api.node.LinearizableReads;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * {@link LinearizableReads} through Ratis' read index: a read-only request to this node's own server, which learns
 * the group's commit index from the leader (confirmed by a heartbeat round) and answers once the local state machine
 * applied up to it. Works on followers too (Ratis forwards the read-index query to the leader).
 */
final class ReadIndexBarrier implements LinearizableReads {

  private final Vertx vertx;
  private final RaftNode node;
  private final RaftCalls calls;

  ReadIndexBarrier(Vertx vertx, RaftNode node, RaftCalls calls) {
    this.vertx = vertx;
    this.node = node;
    this.calls = calls;
  }

  @Override
  public Future<Void> barrier(int shard) {
    int shards = node.config().shards();
    if (shard < 0 || shard >= shards) {
      return Future.failedFuture(RaftFailures.failure(ErrorCode.BAD_REQUEST,
        "shard " + shard + " is outside 0.." + (shards - 1)));
    }
    return calls.call(shard, vertx.getOrCreateContext(), () -> node.readIndex(shard)).mapEmpty();
  }
}
