package io.raftmetrics.raft;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests a snapshot of a shard every {@code snapshot_interval_entries} applied entries. Ratis' own auto-trigger is
 * off because it re-triggers whenever the applied index is that far from the latest snapshot, and a snapshot held back
 * by a consumer's watermark (see {@link ShardSnapshots}) stays that far; here a shard is asked again only after
 * another interval of entries. The request itself is served by Ratis' state-machine updater thread, between applies.
 */
final class SnapshotTrigger {

  private static final Logger LOG = LoggerFactory.getLogger(SnapshotTrigger.class);
  static final long CHECK_INTERVAL_MS = 1000;

  private final Vertx vertx;
  private final Context context;
  private final RaftNode node;
  private final WorkerExecutor worker;
  private final long[] requestedAt;
  private final boolean[] pending;
  private final long timer;

  private SnapshotTrigger(Vertx vertx, RaftNode node, WorkerExecutor worker) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.node = node;
    this.worker = worker;
    this.requestedAt = new long[node.config().shards()];
    this.pending = new boolean[node.config().shards()];
    this.timer = vertx.setPeriodic(CHECK_INTERVAL_MS, id -> check());
  }

  /** Starts the periodic check on the caller's context. */
  static SnapshotTrigger start(Vertx vertx, RaftNode node, WorkerExecutor worker) {
    return new SnapshotTrigger(vertx, node, worker);
  }

  private void check() {
    for (int shard = 0; shard < requestedAt.length; shard++) {
      ReplicaStateMachine machine = node.machine(shard);
      long applied = machine.getLastAppliedTermIndex().getIndex();
      long since = Math.max(requestedAt[shard], machine.snapshotIndex());
      if (!pending[shard] && applied - since >= node.config().snapshotIntervalEntries()) {
        request(shard, applied);
      }
    }
  }

  private void request(int shard, long applied) {
    pending[shard] = true;
    requestedAt[shard] = applied;
    long timeoutMs = Math.max(60_000, node.config().requestTimeoutMs());
    // snapshotManagementAsync waits for a Ratis executor to accept the request: not on the event loop
    worker.executeBlocking(() -> node.requestSnapshot(shard, timeoutMs), false)
      .compose(cf -> Future.fromCompletionStage(cf, context))
      .onComplete(ar -> {
        pending[shard] = false;
        if (ar.failed()) {
          LOG.warn("shard {}: snapshot request failed: {}", shard, ar.cause().toString());
        } else if (!ar.result().isSuccess()) {
          LOG.warn("shard {}: snapshot request failed: {}", shard, ar.result().getException());
        }
      });
  }

  void stop() {
    vertx.cancelTimer(timer);
  }
}
