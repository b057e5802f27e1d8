package io.raftmetrics.raft;

import io.raftmetrics.api.ErrorCode;
import io.raftmetrics.api.log.StreamChunk;
import io.raftmetrics.api.log.StreamRead;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Serves {@link io.raftmetrics.api.Addresses#STREAM_READ} from this node's copy of the shard's Raft log: committed
 * entries with a state-machine payload, in index order, from {@code fromIndex}. Entries may have to be read from disk,
 * so the log is read on a worker. A reader whose {@code fromIndex} is below the log's first index gets no entries and
 * sees {@code firstAvailable}: it has lost entries to purging and must decide what to do, rather than be handed a gap.
 * Only the leader (or a group's only member) says so, though: a follower's log may start later than the leader's (a
 * follower that installed a snapshot starts its log after it), so a follower without the entries answers 503 and the
 * reader's retry reaches another member (requests to this address are spread over the raft nodes).
 */
final class StreamReadHandler {

  private final RaftNode node;
  private final WorkerExecutor worker;

  StreamReadHandler(RaftNode node, WorkerExecutor worker) {
    this.node = node;
    this.worker = worker;
  }

  void handle(Message<Object> msg) {
    if (!(msg.body() instanceof StreamRead)) {
      msg.fail(ErrorCode.BAD_REQUEST.code(), "log.stream.read expects a StreamRead");
      return;
    }
    StreamRead read = (StreamRead) msg.body();
    String invalid = validate(read);
    if (invalid != null) {
      msg.fail(ErrorCode.BAD_REQUEST.code(), invalid);
      return;
    }
    worker.executeBlocking(() -> read(read), false).onComplete(ar -> {
      if (ar.succeeded()) {
        msg.reply(ar.result());
      } else {
        ReplyException failure = RaftFailures.of(read.shard(), ar.cause());
        msg.fail(failure.failureCode(), failure.getMessage());
      }
    });
  }

  private String validate(StreamRead read) {
    int shards = node.config().shards();
    if (read.shard() < 0 || read.shard() >= shards) {
      return "shard " + read.shard() + " is outside 0.." + (shards - 1);
    }
    if (read.fromIndex() < 0) {
      return "fromIndex must be >= 0, got " + read.fromIndex();
    }
    if (read.maxEntries() < 0 || read.maxBytes() < 1) {
      return "maxEntries must be >= 0 and maxBytes >= 1";
    }
    return null;
  }

  private StreamChunk read(StreamRead read) throws IOException {
    RaftServer.Division division = node.division(read.shard());
    RaftLog log = division.getRaftLog();
    long commit = log.getLastCommittedIndex();
    long first = log.getStartIndex();
    if (read.fromIndex() < first && read.maxEntries() > 0 && !division.getInfo().isLeader()
      && division.getRaftConf().getCurrentPeers().size() > 1) {
      throw RaftFailures.failure(ErrorCode.UNAVAILABLE, "shard " + read.shard() + ": the log of "
        + node.config().nodeId() + " starts at " + first + ", after " + read.fromIndex()
        + "; retry, another member may still hold the entries");
    }
    List<StreamChunk.Entry> entries = new ArrayList<>();
    if (read.fromIndex() >= first) {
      long bytes = 0;
      for (long i = read.fromIndex(); i <= commit && entries.size() < read.maxEntries(); i++) {
        LogEntryProto entry = log.get(i);
        if (entry == null) {
          // purged meanwhile: the next read reports the new first index
          break;
        }
        if (!entry.hasStateMachineLogEntry()) {
          continue;
        }
        ByteString data = entry.getStateMachineLogEntry().getLogData();
        if (!entries.isEmpty() && bytes + data.size() > read.maxBytes()) {
          break;
        }
        entries.add(new StreamChunk.Entry(i, data.toByteArray()));
        bytes += data.size();
      }
    }
    long watermark = read.consumer() == null ? -1
      : node.machine(read.shard()).replica().watermarks().getOrDefault(read.consumer(), -1L);
    return new StreamChunk(read.shard(), entries, commit, first, watermark);
  }
}
