package io.raftmetrics.api.ingest;

import io.raftmetrics.api.codec.ByteSource;
import io.raftmetrics.api.codec.MalformedEntryException;
import io.raftmetrics.api.log.EntryKind;

import java.util.UUID;

/**
 * An immutable batch of points for one shard, held in its binary form: the same bytes travel on the event bus, are
 * appended to the Raft log and are decoded by every replica, so a batch is serialised once.
 *
 * <pre>
 * u8 version=1, u8 kind=1, i64 batchId.msb, i64 batchId.lsb, i64 createdAtMs, i32 shard, i32 pointCount, i32 seriesCount
 * series* : utf8 metric, varint tagCount, (utf8 key, utf8 value)* sorted by key, u8 type, varint ttlSeconds, i32 points,
 *           points* : zigzag(ts - previousTs), value (long: zigzag varint, double: 8 bytes, string: utf8)
 * </pre>
 * Lengths are unsigned LEB128 varints, integers big-endian. Read it with {@link #reader()}.
 */
public final class IngestBatch {

  static final int HEADER_SIZE = 38;
  static final int POINT_COUNT_OFFSET = 30;
  static final int SERIES_COUNT_OFFSET = 34;

  private final byte[] bytes;
  private final UUID batchId;
  private final long createdAtMs;
  private final int shard;
  private final int pointCount;
  private final int seriesCount;

  private IngestBatch(byte[] bytes) {
    ByteSource src = new ByteSource(bytes);
    if (bytes.length < HEADER_SIZE || EntryKind.of(bytes) != EntryKind.INGEST) {
      throw new MalformedEntryException("not an ingest batch");
    }
    src.skip(2);
    this.bytes = bytes;
    this.batchId = new UUID(src.i64(), src.i64());
    this.createdAtMs = src.i64();
    this.shard = src.i32();
    this.pointCount = src.i32();
    this.seriesCount = src.i32();
  }

  /**
   * Wraps encoded bytes without copying; the caller must not modify them afterwards.
   *
   * @throws MalformedEntryException if the header is not an ingest batch
   */
  public static IngestBatch wrap(byte[] bytes) {
    return new IngestBatch(bytes);
  }

  /** @return the encoded form (not a copy: do not modify) */
  public byte[] bytes() {
    return bytes;
  }

  /** Identifies the batch across retries: a retried batch id is applied once. */
  public UUID batchId() {
    return batchId;
  }

  public long createdAtMs() {
    return createdAtMs;
  }

  public int shard() {
    return shard;
  }

  public int pointCount() {
    return pointCount;
  }

  public int seriesCount() {
    return seriesCount;
  }

  /** @return a new cursor over the series and points */
  public IngestBatchReader reader() {
    return new IngestBatchReader(bytes, HEADER_SIZE, seriesCount);
  }

  @Override
  public String toString() {
    return "IngestBatch{id=" + batchId + ", shard=" + shard + ", series=" + seriesCount + ", points=" + pointCount
      + ", bytes=" + bytes.length + '}';
  }
}
