package io.raftmetrics.raft;

import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.retry.RetryPolicy;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Translates {@link RaftConfig} into Ratis properties. Ratis reads its settings only from {@link RaftProperties}, so
 * this is the one place where our configuration meets Ratis' keys; {@code docs/raft.md} explains each choice.
 */
final class RatisProperties {

  /** Pause between two client attempts while a group elects a leader. */
  static final long RETRY_SLEEP_MS = 100;
  private static final long LOG_ENTRY_OVERHEAD = 64 << 10;
  private static final long PREALLOCATED_MAX = 4 << 20;

  private RatisProperties() {
  }

  static RaftProperties server(RaftConfig c) {
    RaftProperties p = new RaftProperties();
    RaftServerConfigKeys.setStorageDir(p, List.of(c.storageDir().toFile()));
    GrpcConfigKeys.Server.setHost(p, c.bindHost());
    GrpcConfigKeys.Server.setPort(p, c.address().port());

    RaftServerConfigKeys.Rpc.setTimeoutMin(p, millis(c.electionTimeoutMinMs()));
    RaftServerConfigKeys.Rpc.setTimeoutMax(p, millis(c.electionTimeoutMaxMs()));
    // extended "no leader" notifications feed the health check: a group leaderless this long is DOWN
    RaftServerConfigKeys.Notification.setNoLeaderTimeout(p, millis(noLeaderTimeoutMs(c)));

    RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
    RaftServerConfigKeys.Read.setTimeout(p, millis(c.requestTimeoutMs()));

    // an entry must fit the leader's append buffer, which must fit the segment writer's buffer (Ratis checks both)
    RaftServerConfigKeys.Log.Appender.setBufferByteLimit(p, SizeInBytes.valueOf(appendBufferBytes(c)));
    RaftServerConfigKeys.Log.setWriteBufferSize(p, SizeInBytes.valueOf(appendBufferBytes(c) + LOG_ENTRY_OVERHEAD));
    // gRPC messages carry a whole append buffer; Ratis requires 1 MiB of headroom
    GrpcConfigKeys.setMessageSizeMax(p, SizeInBytes.valueOf(messageSizeMaxBytes(c)));
    RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf(c.logSegmentSizeBytes()));
    RaftServerConfigKeys.Log.setPreallocatedSize(p,
      SizeInBytes.valueOf(Math.min(PREALLOCATED_MAX, c.logSegmentSizeBytes())));
    RaftServerConfigKeys.Log.setPurgeGap(p, c.logPurgeGap());
    RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, c.purgeUpToSnapshot());

    // snapshots are requested by SnapshotTrigger; the replica is durable, so none is needed at shutdown
    RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, false);
    RaftServerConfigKeys.Snapshot.setTriggerWhenStopEnabled(p, false);
    RaftServerConfigKeys.Snapshot.setCreationGap(p, 1);
    RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, 2);
    return p;
  }

  static RaftProperties client(RaftConfig c) {
    RaftProperties p = new RaftProperties();
    RaftClientConfigKeys.Rpc.setRequestTimeout(p, millis(c.requestTimeoutMs()));
    // OrderedAsync blocks the caller when this is exhausted: keep it above our own in-flight bound
    RaftClientConfigKeys.Async.setOutstandingRequestsMax(p, c.maxInflight() + 64);
    // the dummy watch request only opens a connection early, and fails noisily while no leader is elected
    RaftClientConfigKeys.Async.Experimental.setSendDummyRequest(p, false);
    GrpcConfigKeys.setMessageSizeMax(p, SizeInBytes.valueOf(messageSizeMaxBytes(c)));
    return p;
  }

  /** A client for membership changes: one request may last as long as the new peer's catch-up. */
  static RaftProperties adminClient(RaftConfig c) {
    RaftProperties p = client(c);
    RaftClientConfigKeys.Rpc.setRequestTimeout(p, millis(c.membershipTimeoutMs()));
    return p;
  }

  /**
   * Retries while a leader is being elected (not-leader, leader-not-ready, connection refused answers come back at
   * once), for about three election timeouts (detecting a lost leader takes one, electing the next one or two),
   * never longer than a request may take.
   */
  static RetryPolicy clientRetry(RaftConfig c) {
    long budget = Math.min(c.requestTimeoutMs(), 3 * c.electionTimeoutMaxMs() + 500);
    int attempts = (int) Math.max(1, budget / RETRY_SLEEP_MS);
    return RetryPolicies.retryUpToMaximumCountWithFixedSleep(attempts, millis(RETRY_SLEEP_MS));
  }

  private static long appendBufferBytes(RaftConfig c) {
    return Math.max(4L << 20, 2L * c.maxEntryBytes() + LOG_ENTRY_OVERHEAD);
  }

  private static long messageSizeMaxBytes(RaftConfig c) {
    return appendBufferBytes(c) + (2L << 20);
  }

  static long noLeaderTimeoutMs(RaftConfig c) {
    return 3 * c.electionTimeoutMaxMs();
  }

  private static TimeDuration millis(long ms) {
    return TimeDuration.valueOf(ms, TimeUnit.MILLISECONDS);
  }
}
