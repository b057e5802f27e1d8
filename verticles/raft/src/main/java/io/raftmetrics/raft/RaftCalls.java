package io.raftmetrics.raft;

import io.raftmetrics.api.ErrorCode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.apache.ratis.protocol.RaftClientReply;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Supplier;

/**
 * Runs Ratis client calls for the event-bus side: at most {@code max_inflight} per shard (the Ratis client would block
 * its caller beyond its own limit), bridged back to the caller's Vert.x context, failed with the error protocol, and
 * never answered later than {@code request_timeout_ms}: a call still running then fails with 503 if the group has no
 * leader, else 504 (the entry may still commit; a retry with the same batch id is applied once).
 */
final class RaftCalls {

  private final Vertx vertx;
  private final RaftNode node;
  private final AtomicIntegerArray inflight;

  RaftCalls(Vertx vertx, RaftNode node) {
    this.vertx = vertx;
    this.node = node;
    this.inflight = new AtomicIntegerArray(node.config().shards());
  }

  /**
   * @param shard the shard, already validated
   * @param context the context on which the returned future completes
   * @param call starts the Ratis call
   */
  Future<RaftClientReply> call(int shard, Context context, Supplier<CompletableFuture<RaftClientReply>> call) {
    if (inflight.incrementAndGet(shard) > node.config().maxInflight()) {
      inflight.decrementAndGet(shard);
      return Future.failedFuture(RaftFailures.failure(ErrorCode.UNAVAILABLE,
        "raft: shard " + shard + " has " + node.config().maxInflight() + " requests in flight; retry later"));
    }
    CompletableFuture<RaftClientReply> started;
    try {
      started = call.get();
    } catch (RuntimeException e) {
      started = CompletableFuture.failedFuture(e);
    }
    Promise<RaftClientReply> promise = Promise.promise();
    long timer = vertx.setTimer(node.config().requestTimeoutMs(), id -> promise.tryFail(deadline(shard)));
    Future.fromCompletionStage(started, context).onComplete(ar -> {
      inflight.decrementAndGet(shard);
      vertx.cancelTimer(timer);
      if (ar.succeeded()) {
        promise.tryComplete(ar.result());
      } else {
        promise.tryFail(RaftFailures.of(shard, ar.cause()));
      }
    });
    return promise.future();
  }

  private Throwable deadline(int shard) {
    boolean leader;
    try {
      leader = node.division(shard).getInfo().getLeaderId() != null;
    } catch (IOException e) {
      leader = false;
    }
    return leader
      ? RaftFailures.failure(ErrorCode.TIMEOUT, "raft: shard " + shard + ": no answer within "
        + node.config().requestTimeoutMs() + " ms")
      : RaftFailures.failure(ErrorCode.UNAVAILABLE, "raft: shard " + shard + " has no leader");
  }
}
