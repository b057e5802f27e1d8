package io.raftmetrics.api;

/**
 * Every event-bus address the product uses. The list is closed: nothing else may be registered or sent to, and no
 * address is concatenated outside {@link #queryShard(int)}, which is the one function that builds shard-specific
 * addresses. The {@code v1} segment is the contract version; a change to a payload that is not backward compatible
 * gets a new version segment.
 *
 * <table>
 *   <caption>Addresses, payloads and replies</caption>
 *   <tr><th>address</th><th>served by</th><th>request</th><th>reply</th></tr>
 *   <tr><td>{@link #INGEST_WRITE}</td><td>raft (replicated mode) or cassandra (direct mode)</td>
 *       <td>{@link io.raftmetrics.api.ingest.IngestBatch}</td><td>{@link io.raftmetrics.api.ingest.IngestAck}</td></tr>
 *   <tr><td>{@link #LOG_SUBMIT}</td><td>raft</td><td>{@link io.raftmetrics.api.log.DeleteEntry} or
 *       {@link io.raftmetrics.api.log.WatermarkEntry}</td><td>{@link io.raftmetrics.api.ingest.IngestAck}</td></tr>
 *   <tr><td>{@link #queryShard(int)}</td><td>query, on a replica of that shard</td>
 *       <td>a record of {@code io.raftmetrics.api.query}</td><td>its reply record</td></tr>
 *   <tr><td>{@link #STREAM_READ}</td><td>raft</td><td>{@link io.raftmetrics.api.log.StreamRead}</td>
 *       <td>{@link io.raftmetrics.api.log.StreamChunk}</td></tr>
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

  private static final String QUERY_SHARD = PREFIX + "query.shard.";

  /** Highest shard count the address space allows; shard-specific addresses are precomputed up to it. */
  public static final int MAX_SHARDS = 64;

  private static final String[] QUERY_SHARDS = new String[MAX_SHARDS];

  static {
    for (int i = 0; i < MAX_SHARDS; i++) {
      QUERY_SHARDS[i] = QUERY_SHARD + i;
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
    if (shard < 0 || shard >= MAX_SHARDS) {
      throw new IllegalArgumentException("shard out of range: " + shard);
    }
    return QUERY_SHARDS[shard];
  }
}
