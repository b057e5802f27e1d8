package io.raftmetrics.raft;

import io.raftmetrics.store.Replica;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.util.MD5FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Snapshots of a replica, and the rule that keeps the Raft log for registered consumers.
 *
 * <p>A snapshot is a DuckDB file written by {@link Replica#snapshotTo}, named {@code snapshot.<term>_<index>} with an
 * MD5 file beside it. Ratis purges the log up to the index a snapshot declares, so the declared position is
 * {@code min(applied, lowest consumer watermark)}: the log keeps every entry after the slowest consumer's watermark.
 * The file's content may be newer than the position it declares; that is harmless because whoever starts from it
 * (this node after a restart, a follower that installs it) replays from the declared index and the replica skips the
 * entries it already holds (apply is idempotent by index). A new snapshot is only written when its declared index
 * moves past the latest one, so the names never collide and the declared index only grows, as Ratis requires.
 */
final class ShardSnapshots {

  private static final Logger LOG = LoggerFactory.getLogger(ShardSnapshots.class);
  private static final String TMP_PREFIX = "tmp.";

  private final Replica replica;
  private final SimpleStateMachineStorage storage;
  private final long maxConsumerLag;

  /**
   * @param maxConsumerLag a consumer whose watermark is more than this many entries behind the applied index no
   *   longer holds the log back; 0 for no bound
   */
  ShardSnapshots(Replica replica, SimpleStateMachineStorage storage, long maxConsumerLag) {
    this.replica = replica;
    this.storage = storage;
    this.maxConsumerLag = maxConsumerLag;
  }

  /**
   * Writes a snapshot of the replica.
   *
   * @param applied Ratis' applied position
   * @param termOf the term of a log index, null if the log does not hold it
   * @return the declared index (Ratis purges up to it), or {@link RaftLog#INVALID_LOG_INDEX} if none was written
   */
  long take(TermIndex applied, LongFunction<TermIndex> termOf) throws IOException {
    if (applied.getIndex() < 0) {
      return RaftLog.INVALID_LOG_INDEX;
    }
    if (replica.lastApplied().index() != applied.getIndex()) {
      // replaying entries the replica already holds (after a restart): a copy now would not match Ratis' view
      LOG.info("shard {}: snapshot postponed, replaying up to {} (Ratis at {})", replica.shard(),
        replica.lastApplied().index(), applied.getIndex());
      return RaftLog.INVALID_LOG_INDEX;
    }
    TermIndex declared = declaredPosition(applied, termOf);
    SingleFileSnapshotInfo latest = storage.getLatestSnapshot();
    if (declared == null || latest != null && declared.getIndex() <= latest.getIndex()) {
      LOG.info("shard {}: snapshot skipped, the slowest consumer is still at or below {}", replica.shard(),
        latest == null ? "the start" : latest.getIndex());
      return RaftLog.INVALID_LOG_INDEX;
    }
    File file = storage.getSnapshotFile(declared.getTerm(), declared.getIndex());
    Path tmp = file.toPath().resolveSibling(TMP_PREFIX + file.getName());
    deleteTemporaryFiles(tmp.getParent());
    io.raftmetrics.store.TermIndex content = replica.snapshotTo(tmp);
    Files.move(tmp, file.toPath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    MD5Hash md5 = MD5FileUtil.computeAndSaveMd5ForFile(file);
    storage.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(file.toPath(), md5), declared));
    LOG.info("shard {}: snapshot {} written (content at index {}, declared at {})", replica.shard(), file,
      content.index(), declared.getIndex());
    return declared.getIndex();
  }

  private TermIndex declaredPosition(TermIndex applied, LongFunction<TermIndex> termOf) {
    long low = applied.getIndex();
    for (Map.Entry<String, Long> w : replica.watermarks().entrySet()) {
      if (maxConsumerLag > 0 && applied.getIndex() - w.getValue() > maxConsumerLag) {
        // a stalled consumer: bounded disk use wins, and the consumer will see the gap when it reads again
        LOG.warn("shard {}: consumer '{}' at index {} is more than raft.max_consumer_lag_entries ({}) behind {}; "
          + "the log is no longer kept for it", replica.shard(), w.getKey(), w.getValue(), maxConsumerLag,
          applied.getIndex());
        continue;
      }
      low = Math.min(low, w.getValue());
    }
    if (low == applied.getIndex()) {
      return applied;
    }
    return low < 0 ? null : termOf.apply(low);
  }

  /**
   * Makes the replica start from a snapshot when it is behind it: a snapshot installed from the leader, or a replica
   * file that was lost while the Raft log was purged past it. A replica at or ahead of the snapshot is kept.
   */
  void restoreIfBehind(SingleFileSnapshotInfo snapshot) throws IOException {
    long at = replica.lastApplied().index();
    if (at >= snapshot.getIndex()) {
      return;
    }
    Path path = snapshot.getFile().getPath();
    MD5Hash md5 = snapshot.getFile().getFileDigest();
    if (md5 != null) {
      MD5FileUtil.verifySavedMD5(path.toFile(), md5);
    }
    LOG.info("shard {}: replica at index {} restores snapshot {}", replica.shard(), at, path);
    replica.restoreFrom(path);
  }

  /** Leftovers of a snapshot interrupted by a crash. */
  private static void deleteTemporaryFiles(Path dir) throws IOException {
    try (DirectoryStream<Path> tmp = Files.newDirectoryStream(dir, TMP_PREFIX + "*")) {
      for (Path p : tmp) {
        Files.deleteIfExists(p);
      }
    }
  }
}
