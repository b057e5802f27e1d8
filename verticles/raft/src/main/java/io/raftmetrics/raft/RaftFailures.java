package io.raftmetrics.raft;

import io.raftmetrics.api.ErrorCode;
import io.raftmetrics.api.codec.MalformedEntryException;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import org.apache.ratis.protocol.exceptions.RaftRetryFailureException;
import org.apache.ratis.protocol.exceptions.StateMachineException;
import org.apache.ratis.protocol.exceptions.TimeoutIOException;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Maps what a Ratis client call failed with to the event-bus error protocol. A request the group could not take (no
 * leader, no quorum, closed, overloaded) is 503; one that did not finish in time is 504; an entry the state machine
 * refused as malformed is 400; anything else is 500.
 */
final class RaftFailures {

  private RaftFailures() {
  }

  /** @return a {@link ReplyException} carrying the code and a one-line message */
  static ReplyException of(int shard, Throwable t) {
    Throwable e = unwrap(t);
    if (e instanceof ReplyException) {
      return (ReplyException) e;
    }
    if (e instanceof StateMachineException) {
      Throwable cause = e.getCause();
      if (cause instanceof MalformedEntryException) {
        return failure(ErrorCode.BAD_REQUEST, "malformed entry: " + cause.getMessage());
      }
      return failure(ErrorCode.INTERNAL, "raft: shard " + shard + ": the state machine failed: "
        + (cause != null ? cause.getMessage() : e.getMessage()));
    }
    if (e instanceof RaftRetryFailureException) {
      Throwable last = e.getCause();
      if (last instanceof TimeoutIOException) {
        return failure(ErrorCode.TIMEOUT, "raft: shard " + shard + ": the write did not commit in time");
      }
      return failure(ErrorCode.UNAVAILABLE, "raft: shard " + shard + " has no leader or no quorum ("
        + (last != null ? last.getClass().getSimpleName() : "retries exhausted") + ")");
    }
    if (e instanceof TimeoutIOException) {
      return failure(ErrorCode.TIMEOUT, "raft: shard " + shard + ": the request did not finish in time");
    }
    if (e instanceof java.io.IOException) {
      // not-leader, leader-not-ready, already-closed, resource-unavailable, connection failures
      return failure(ErrorCode.UNAVAILABLE, "raft: shard " + shard + " unavailable: " + e.getClass().getSimpleName());
    }
    return failure(ErrorCode.INTERNAL, "raft: shard " + shard + ": " + e);
  }

  static ReplyException failure(ErrorCode code, String message) {
    return new ReplyException(ReplyFailure.RECIPIENT_FAILURE, code.code(), message);
  }

  private static Throwable unwrap(Throwable t) {
    Throwable e = t;
    while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }
}
