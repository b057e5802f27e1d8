package io.raftmetrics.api.node;

import io.vertx.core.Future;

/**
 * Published by the raft role for the query role of the same JVM: a read barrier that makes a following read of the
 * local replica linearizable.
 */
public interface LinearizableReads {

  /**
   * Completes once the local replica of {@code shard} has applied every entry that was committed when this was
   * called (Ratis read-index); fails with code 503 when the group has no leader or quorum.
   */
  Future<Void> barrier(int shard);
}
