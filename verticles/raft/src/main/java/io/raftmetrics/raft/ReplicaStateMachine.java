package io.raftmetrics.raft;

import io.raftmetrics.api.codec.MalformedEntryException;
import io.raftmetrics.api.log.EntryKind;
import io.raftmetrics.store.ApplyOutcome;
import io.raftmetrics.store.Replica;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.JavaUtils;
import org.apache.ratis.util.LifeCycle;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * The state machine of one shard: applies committed entries to the shard's DuckDB {@link Replica}.
 *
 * <p>The replica commits every apply together with its position, so after a restart it may be ahead of Ratis' latest
 * snapshot: Ratis replays from the snapshot and the replica skips what it holds. Ratis' view of the applied position
 * ({@link #getLastAppliedTermIndex()}) therefore starts at the snapshot and advances entry by entry as Ratis requires,
 * while the data is never behind it. Snapshots are described in {@link ShardSnapshots}.
 *
 * <p>Failures: an entry the replica cannot decode is rejected the same way on every replica (deterministic), so it is
 * recorded as applied and its client gets the error. A storage failure is not deterministic: this replica stops
 * applying (it would otherwise silently miss the entry), reports it through {@link #failure()}, and a restart
 * replays from its durable position.
 */
final class ReplicaStateMachine extends BaseStateMachine {

  private final int shard;
  private final Replica replica;
  private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
  private final ShardSnapshots snapshots;
  private final LongAdder pointsApplied = new LongAdder();
  private volatile RuntimeException failure;
  private volatile boolean leaderlessTooLong;
  // Ratis' storage may rescan its directory when asked for the latest snapshot: the event loop reads this instead
  private volatile long snapshotIndex = RaftLog.INVALID_LOG_INDEX;

  /** @param maxConsumerLag see {@link RaftConfig#maxConsumerLagEntries()} */
  ReplicaStateMachine(int shard, Replica replica, long maxConsumerLag) {
    this.shard = shard;
    this.replica = replica;
    this.snapshots = new ShardSnapshots(replica, storage, maxConsumerLag);
  }

  @Override
  public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
    getLifeCycle().startAndTransition(() -> {
      super.initialize(server, groupId, raftStorage);
      storage.init(raftStorage);
      loadSnapshot();
    }, IOException.class);
  }

  /** After a snapshot was installed from the leader: the replica takes the snapshot's content if it is behind it. */
  @Override
  public void reinitialize() throws IOException {
    getLifeCycle().transition(LifeCycle.State.STARTING);
    loadSnapshot();
    getLifeCycle().transition(LifeCycle.State.RUNNING);
  }

  @Override
  public void pause() {
    if (getLifeCycleState() == LifeCycle.State.RUNNING) {
      getLifeCycle().transition(LifeCycle.State.PAUSING);
      getLifeCycle().transition(LifeCycle.State.PAUSED);
    }
  }

  private synchronized void loadSnapshot() throws IOException {
    SingleFileSnapshotInfo latest = storage.loadLatestSnapshot();
    if (latest != null) {
      snapshots.restoreIfBehind(latest);
      setLastAppliedTermIndex(latest.getTermIndex());
      snapshotIndex = latest.getIndex();
    }
  }

  @Override
  public StateMachineStorage getStateMachineStorage() {
    return storage;
  }

  @Override
  public SingleFileSnapshotInfo getLatestSnapshot() {
    return storage.getLatestSnapshot();
  }

  /** Refuses, before anything reaches the log, what is not one of our entry kinds. */
  @Override
  public TransactionContext startTransaction(RaftClientRequest request) throws IOException {
    TransactionContext trx = super.startTransaction(request);
    ByteString content = request.getMessage().getContent();
    if (content.size() < 2 || content.byteAt(0) != EntryKind.FORMAT_VERSION
      || content.byteAt(1) < EntryKind.INGEST.code() || content.byteAt(1) > EntryKind.WATERMARK.code()) {
      trx.setException(new MalformedEntryException("not a raftmetrics v" + EntryKind.FORMAT_VERSION + " entry"));
    }
    return trx;
  }

  @Override
  public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
    LogEntryProto entry = trx.getLogEntry();
    long term = entry.getTerm();
    long index = entry.getIndex();
    synchronized (this) {
      if (failure != null) {
        return JavaUtils.completeExceptionally(failure);
      }
      try {
        // one copy per entry: the replica API takes a byte[]
        ApplyOutcome outcome = replica.apply(term, index, entry.getStateMachineLogEntry().getLogData().toByteArray());
        updateLastAppliedTermIndex(term, index);
        pointsApplied.add(outcome.points());
        return CompletableFuture.completedFuture(ApplyReply.encode(outcome));
      } catch (MalformedEntryException e) {
        LOG.warn("shard {}: entry {} rejected: {}", shard, index, e.getMessage());
        if (markApplied(term, index)) {
          return JavaUtils.completeExceptionally(e);
        }
        return JavaUtils.completeExceptionally(failure);
      } catch (RuntimeException e) {
        return JavaUtils.completeExceptionally(fail(index, e));
      }
    }
  }

  /** Configuration and leader no-op entries carry no state change but move the replica's position. */
  @Override
  public void notifyTermIndexUpdated(long term, long index) {
    synchronized (this) {
      if (failure == null) {
        markApplied(term, index);
      }
    }
  }

  private boolean markApplied(long term, long index) {
    try {
      replica.markApplied(term, index);
      updateLastAppliedTermIndex(term, index);
      return true;
    } catch (RuntimeException e) {
      fail(index, e);
      return false;
    }
  }

  private RuntimeException fail(long index, RuntimeException e) {
    LOG.error("shard {}: the replica failed to apply entry {}; it applies nothing more until restarted", shard,
      index, e);
    failure = e;
    return e;
  }

  @Override
  public long takeSnapshot() throws IOException {
    synchronized (this) {
      if (failure != null) {
        throw new IOException("shard " + shard + ": no snapshot of a failed replica", failure);
      }
      long declared = snapshots.take(getLastAppliedTermIndex(), this::termOf);
      if (declared >= 0) {
        snapshotIndex = declared;
      }
      return declared;
    }
  }

  private TermIndex termOf(long index) {
    try {
      RaftLog log = getServer().join().getDivision(getGroupId()).getRaftLog();
      return log.getTermIndex(index);
    } catch (IOException e) {
      return null;
    }
  }

  /** Read-index barrier: Ratis calls this once the applied index reached the read index; nothing to compute. */
  @Override
  public CompletableFuture<Message> query(Message request) {
    return CompletableFuture.completedFuture(Message.EMPTY);
  }

  @Override
  public void notifyLeaderChanged(RaftGroupMemberId groupMemberId, RaftPeerId newLeaderId) {
    leaderlessTooLong = false;
  }

  @Override
  public void notifyExtendedNoLeader(RoleInfoProto roleInfoProto) {
    leaderlessTooLong = true;
  }

  int shard() {
    return shard;
  }

  Replica replica() {
    return replica;
  }

  /** @return the storage failure that stopped this replica, or null */
  RuntimeException failure() {
    return failure;
  }

  /** @return true once Ratis reported the group leaderless for longer than the no-leader timeout */
  boolean leaderlessTooLong() {
    return leaderlessTooLong;
  }

  /** @return the index the latest snapshot declares, or -1; never touches the disk */
  long snapshotIndex() {
    return snapshotIndex;
  }

  /** @return points applied to this replica since start */
  long pointsApplied() {
    return pointsApplied.sum();
  }
}
