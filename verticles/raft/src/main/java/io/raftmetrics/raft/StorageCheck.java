package io.raftmetrics.raft;

import io.raftmetrics.store.Replica;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;

import java.io.File;
import java.util.UUID;

/**
 * Start-time checks that the data directories belong to this configuration, so a mistake (a lowered shard count, a
 * Raft log wiped while its replica was kept) stops the node instead of silently skipping or mixing entries.
 */
final class StorageCheck {

  private StorageCheck() {
  }

  /** Refuses a storage directory holding the Raft group of a shard outside the configured range. */
  static void refuseUnknownGroups(RaftConfig config) {
    File[] dirs = config.storageDir().toFile().listFiles(File::isDirectory);
    if (dirs == null) {
      return;
    }
    for (File dir : dirs) {
      UUID uuid;
      try {
        uuid = UUID.fromString(dir.getName());
      } catch (IllegalArgumentException notAGroup) {
        continue;
      }
      if (ShardGroups.shardOf(RaftGroupId.valueOf(uuid), config.shards()) < 0) {
        throw new RaftConfigException("shards", config.shards() + " configured, but " + config.storageDir()
          + " holds the Raft group " + uuid + " of another shard (the shard count cannot be lowered)");
      }
    }
  }

  /**
   * A replica only applies committed entries, which are on its node's log before they are applied: a replica ahead of
   * a log that never had a snapshot (a wiped storage directory), or at an index whose term differs from the log's,
   * comes from another log. (After a snapshot the replica may legitimately be ahead: a snapshot's content can be newer
   * than the index it declares, see {@link ShardSnapshots}.)
   */
  static void replicaMatchesLog(ReplicaStateMachine machine, RaftServer.Division division) {
    Replica replica = machine.replica();
    io.raftmetrics.store.TermIndex at = replica.lastApplied();
    if (at.equals(io.raftmetrics.store.TermIndex.INITIAL)) {
      return;
    }
    RaftLog log = division.getRaftLog();
    TermIndex last = log.getLastEntryTermIndex();
    long end = Math.max(last == null ? RaftLog.INVALID_LOG_INDEX : last.getIndex(), log.getSnapshotIndex());
    TermIndex same = log.getTermIndex(at.index());
    if (log.getSnapshotIndex() < 0 && at.index() > end || same != null && same.getTerm() != at.term()) {
      throw new IllegalStateException("raft.replica_dir: the replica of shard " + machine.shard() + " has applied "
        + at + " but the Raft log of raft.storage_dir ends at index " + end
        + (same != null ? " with term " + same.getTerm() + " there" : "")
        + ": the two directories do not belong together");
    }
  }
}
