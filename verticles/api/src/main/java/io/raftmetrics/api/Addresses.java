package io.raftmetrics.api;

/**
 * Every event-bus address the product uses. The list is closed: nothing else may be registered or sent to, and no
 * address is concatenated outside {@link #queryShard(int)} and {@link #ingestLeader(int)}, the functions that return
 * shard-specific addresses (precomputed, for shards below {@link #MAX_SHARDS}). The {@code v1} segment is the contract version; a change to a payload that is not backward compatible
 * gets a new version segment.
 *
 * <table>
 *   <caption>Addresses, payloads and replies</caption>
 *   <tr><th>address</th><th>served by</th><th>request</th><th>reply</th></tr>
 *   <tr><td>{@link #INGEST_WRITE}</td><td>raft (replicated mode) or cassandra (direct mode)</td>
 *       <td>{@link io.raftmetrics.api.ingest.IngestBatch}</td><td>{@link io.raftmetrics.api.ingest.IngestAck}</td></tr>
 *   <tr><td>{@link #LOG_SUBMIT}</td><td>raft</td><td>{@link io.raftmetrics.api.log.DeleteEntry} or
 *       {@link io.raftmetrics.api.log.WatermarkEntry}</td><td>{@link io.raftmetrics.api.ingest.IngestAck}</td></tr>
 *   <tr><td>{@link #ingestLeader(int)}</td><td>raft, on the node leading that shard</td>
 *       <td>{@link io.raftmetrics.api.ingest.IngestBatch}</td><td>{@link io.raftmetrics.api.ingest.IngestAck}</td></tr>
 *   <tr><td>{@link #queryShard(int)}</td><td>query, on a replica of that shard</td>
 *       <td>a record of {@code io.raftmetrics.api.query}</td><td>its reply record</td></tr>
 *   <tr><td>{@link #STREAM_READ}</td><td>raft</td><td>{@link io.raftmetrics.api.log.StreamRead}</td>
 *       <td>{@link io.raftmetrics.api.log.StreamChunk}</td></tr>
 *   <tr><td>{@link #RAFT_STATUS}</td><td>published by every raft node, consumed by gateways</td>
 *       <td>{@link io.raftmetrics.api.raft.RaftNodeStatus}</td><td>none (publish)</td></tr>
 *   <tr><td>{@link #RAFT_MEMBERSHIP}</td><td>raft</td><td>{@link io.raftmetrics.api.raft.MembershipChange}</td>
 *       <td>{@link io.raftmetrics.api.raft.MembershipResult}</td></tr>
 * </table>
 *
 * Failures are always {@code fail(code, message)} with a code from {@link ErrorCode}.
 */
public final class Addresses {

  /** Prefix of every address; never {@code __vertx.}. */
  public static final String PREFIX = "raftmetrics.v1.";

  /** Ingest a batch: the raft leader of the batch's shard commits it (or cassandra writes it in direct mode). */
  public static final String INGEST_WRITE = PREFIX + "ingest.write";

  /** Submit a non-ingest entry (delete, consumer watermark) to the Raft log of its shard. */
  public static final String LOG_SUBMIT = PREFIX + "log.submit";

  /** Read committed log entries of a shard from an index (the cassandra tailer's source). */
  public static final String STREAM_READ = PREFIX + "log.stream.read";

  /**
   * Published (not sent) by every raft node at a fixed interval: its {@link io.raftmetrics.api.raft.RaftNodeStatus}.
   * Whoever wants the cluster's view (the gateway's {@code /health}) keeps the latest report of each node.
   */
  public static final String RAFT_STATUS = PREFIX + "raft.status";

  /** Add or remove one peer of every shard's Raft group (Ratis admin API); served by any raft node. */
  public static final String RAFT_MEMBERSHIP = PREFIX + "raft.membership";

  private static final String QUERY_SHARD = PREFIX + "query.shard.";

  private static final String INGEST_LEADER_SHARD = PREFIX + "ingest.leader.shard.";

  /** Highest shard count the address space allows; shard-specific addresses are precomputed up to it. */
  public static final int MAX_SHARDS = 64;

  private static final String[] QUERY_SHARDS = new String[MAX_SHARDS];
  private static final String[] INGEST_LEADER_SHARDS = new String[MAX_SHARDS];

  static {
    for (int i = 0; i < MAX_SHARDS; i++) {
      QUERY_SHARDS[i] = QUERY_SHARD + i;
      INGEST_LEADER_SHARDS[i] = INGEST_LEADER_SHARD + i;
    }
  }

  private Addresses() {
  }

  /**
   * The address served by the query verticles that hold a replica of {@code shard}.
   *
   * @param shard shard number, {@code 0 <= shard < MAX_SHARDS}
   * @return the address
   */
  public static String queryShard(int shard) {
    check(shard);
    return QUERY_SHARDS[shard];
  }

  /**
   * The address served, with the contract of {@link #INGEST_WRITE}, only by the raft node that currently leads
   * {@code shard}: a writer that sends a batch there saves the hop from a follower to the leader. The node registers
   * it while it leads (checked a few times a second), so right after a change of leader it may have no consumer
   * ({@code NO_HANDLERS}: send to {@link #INGEST_WRITE} instead) or still reach the former leader, which forwards.
   *
   * @param shard shard number, {@code 0 <= shard < MAX_SHARDS}
   * @return the address
   */
  public static String ingestLeader(int shard) {
    check(shard);
    return INGEST_LEADER_SHARDS[shard];
  }

  private static void check(int shard) {
    if (shard < 0 || shard >= MAX_SHARDS) {
      throw new IllegalArgumentException("shard out of range: " + shard);
    }
  }
}
