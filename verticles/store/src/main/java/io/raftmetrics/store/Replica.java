package io.raftmetrics.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * One shard's replica: a DuckDB database that is the Raft state machine's storage. The raft role applies committed
 * entries to it from a single thread; the query role reads it through connections of its own. Reads see every
 * entry whose {@link #apply} returned.
 *
 * <p>Apply is deterministic and idempotent: an entry at or below {@link #lastApplied()} is ignored (replay after a
 * restart), an ingest batch whose id was applied within the last {@link Schema#BATCH_ID_WINDOW} log indexes is
 * skipped (client retry), and a point with the same series and timestamp as a stored one replaces it (last value
 * wins, as in KairosDB). The applied position is stored in the same DuckDB transaction as the data, so a crash never
 * leaves them disagreeing. Every method may block on disk I/O: call them from worker threads.
 */
public interface Replica extends AutoCloseable {

  /** The shard this replica holds. */
  int shard();

  /** Term and index of the last entry applied, durable with the data; {@code (0, 0)} when empty. */
  TermIndex lastApplied();

  /**
   * Applies one committed log entry (an encoded {@link io.raftmetrics.api.ingest.IngestBatch},
   * {@link io.raftmetrics.api.log.DeleteEntry} or {@link io.raftmetrics.api.log.WatermarkEntry}).
   *
   * @return what the entry changed
   * @throws io.raftmetrics.api.codec.MalformedEntryException if the entry cannot be decoded or breaks the format's
   *   rules; nothing is changed, not even the applied position (record it with {@link #markApplied} if wanted)
   * @throws StoreException if DuckDB fails; nothing is changed
   */
  ApplyOutcome apply(long term, long index, byte[] entry);

  /** Records an entry that carries no state change (Raft configuration, leader no-op) as applied. */
  void markApplied(long term, long index);

  /** Registered consumers' watermarks: consumer name to the highest log index it has durably processed. */
  Map<String, Long> watermarks();

  /**
   * Writes a consistent, self-contained copy of the replica to {@code target} (a DuckDB file, replaced if present)
   * and returns the position it reflects. The copy is made in one read transaction, so it matches the returned
   * position exactly even if applies run meanwhile.
   */
  TermIndex snapshotTo(Path target);

  /**
   * Replaces the whole content of the replica with a file written by {@link #snapshotTo}, atomically: a reader sees
   * the old state or the new one. Reader connections stay valid; their next transaction sees the snapshot.
   */
  void restoreFrom(Path snapshot);

  /** Series metadata, kept in memory; safe to use from any thread. */
  SeriesCatalog catalog();

  /**
   * A new connection for reading, sharing the database (DuckDB's {@code duplicate()}), in auto-commit mode; the
   * caller closes it and must use it from one thread at a time.
   */
  Connection openReader() throws SQLException;

  @Override
  void close();
}
