package io.raftmetrics.raft;

import io.raftmetrics.api.ErrorCode;
import io.raftmetrics.api.Sharding;
import io.raftmetrics.api.ingest.IngestAck;
import io.raftmetrics.api.ingest.IngestBatch;
import io.raftmetrics.api.log.DeleteEntry;
import io.raftmetrics.api.log.WatermarkEntry;
import io.vertx.core.Context;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;

import java.io.IOException;

/**
 * Serves {@link io.raftmetrics.api.Addresses#INGEST_WRITE} and {@link io.raftmetrics.api.Addresses#LOG_SUBMIT}: the
 * entry's bytes go to the shard's Raft group as they are (wrapped, not copied) and the reply is an {@link IngestAck}
 * once the leader committed and applied the entry, so an acknowledged point is queryable on the leader at once.
 */
final class WriteHandler {

  private final RaftNode node;
  private final RaftCalls calls;
  private final RaftMeters meters;
  private final Context context;

  WriteHandler(RaftNode node, RaftCalls calls, RaftMeters meters, Context context) {
    this.node = node;
    this.calls = calls;
    this.meters = meters;
    this.context = context;
  }

  void ingest(Message<Object> msg) {
    if (!(msg.body() instanceof IngestBatch)) {
      fail(msg, ErrorCode.BAD_REQUEST, "ingest.write expects an IngestBatch");
      return;
    }
    IngestBatch batch = (IngestBatch) msg.body();
    if (checkShard(msg, batch.shard())) {
      submit(msg, batch.shard(), batch.bytes(), true);
    }
  }

  void logSubmit(Message<Object> msg) {
    Object body = msg.body();
    if (body instanceof DeleteEntry) {
      DeleteEntry delete = (DeleteEntry) body;
      submit(msg, Sharding.shardOf(delete.metric(), node.config().shards()), delete.encode(), false);
    } else if (body instanceof WatermarkEntry) {
      WatermarkEntry watermark = (WatermarkEntry) body;
      if (watermark.index() < 0) {
        fail(msg, ErrorCode.BAD_REQUEST, "watermark index must be >= 0, got " + watermark.index());
      } else if (checkShard(msg, watermark.shard())) {
        submit(msg, watermark.shard(), watermark.encode(), false);
      }
    } else {
      fail(msg, ErrorCode.BAD_REQUEST, "log.submit expects a DeleteEntry or a WatermarkEntry");
    }
  }

  private boolean checkShard(Message<?> msg, int shard) {
    int shards = node.config().shards();
    if (shard < 0 || shard >= shards) {
      fail(msg, ErrorCode.BAD_REQUEST, "shard " + shard + " is outside 0.." + (shards - 1));
      return false;
    }
    return true;
  }

  private void submit(Message<?> msg, int shard, byte[] entry, boolean ingest) {
    if (entry.length > node.config().maxEntryBytes()) {
      fail(msg, ErrorCode.PAYLOAD_TOO_LARGE, "entry of " + entry.length + " bytes exceeds raft.max_entry_bytes ("
        + node.config().maxEntryBytes() + "); split the batch");
      return;
    }
    if (leaderlessTooLong(shard)) {
      // the group has no quorum: waiting out the retries again for every request would only pile them up
      fail(msg, ErrorCode.UNAVAILABLE, "raft: shard " + shard + " has had no leader for more than "
        + RatisProperties.noLeaderTimeoutMs(node.config()) + " ms (no quorum)");
      return;
    }
    long started = System.nanoTime();
    calls.call(shard, context, () -> node.submit(shard, UnsafeByteOperations.unsafeWrap(entry)))
      .map(reply -> ack(shard, reply, ingest))
      .onSuccess(ack -> {
        meters.committed(shard, ack.points(), System.nanoTime() - started);
        msg.reply(ack);
      })
      .onFailure(e -> {
        ReplyException failure = RaftFailures.of(shard, e);
        msg.fail(failure.failureCode(), failure.getMessage());
      });
  }

  private boolean leaderlessTooLong(int shard) {
    try {
      return node.division(shard).getInfo().getLeaderId() == null && node.machine(shard).leaderlessTooLong();
    } catch (IOException e) {
      return false;
    }
  }

  private static IngestAck ack(int shard, RaftClientReply reply, boolean ingest) {
    if (!ingest) {
      return new IngestAck(shard, reply.getLogIndex(), 0, false);
    }
    ApplyReply applied = ApplyReply.decode(reply.getMessage().getContent());
    return new IngestAck(shard, reply.getLogIndex(), applied.points(), applied.duplicate());
  }

  private static void fail(Message<?> msg, ErrorCode code, String message) {
    msg.fail(code.code(), message);
  }
}
