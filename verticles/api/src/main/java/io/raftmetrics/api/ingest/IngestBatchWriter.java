package io.raftmetrics.api.ingest;

import io.raftmetrics.api.codec.ByteSink;
import io.raftmetrics.api.log.EntryKind;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;
import java.util.UUID;

/**
 * Streams points into an {@link IngestBatch}. Points are added per metric context ({@link #startMetric}); each value
 * type of a context gets one series block, in the order of its points, whatever the interleaving: a KairosDB metric
 * whose values alternate between longs and doubles (3, 3.5, 4, ...) makes two blocks, not one per point, so the
 * series identity is neither repeated in the log entry nor looked up again for every point by each replica. Blocks of
 * different types are different series, so their relative order carries no meaning. Not thread-safe.
 */
public final class IngestBatchWriter {

  private final ByteSink sink;
  private int pointCount;
  private int seriesCount;

  private byte[] metric;
  private byte[][] tagKeys;
  private byte[][] tagValues;
  private int ttl;

  private DataType blockType;
  private int blockCountPos = -1;
  private int blockPoints;
  private long prevTs;

  // The context's points of the other types than blockType, each type's in its own buffer until the context ends
  private final ByteSink[] side = new ByteSink[DataType.values().length];
  private final int[] sidePoints = new int[side.length];
  private final long[] sidePrevTs = new long[side.length];

  public IngestBatchWriter(UUID batchId, long createdAtMs, int shard) {
    this(batchId, createdAtMs, shard, 4096);
  }

  public IngestBatchWriter(UUID batchId, long createdAtMs, int shard, int initialCapacity) {
    sink = new ByteSink(initialCapacity);
    sink.u8(EntryKind.FORMAT_VERSION).u8(EntryKind.INGEST.code())
      .i64(batchId.getMostSignificantBits()).i64(batchId.getLeastSignificantBits())
      .i64(createdAtMs).i32(shard).i32(0).i32(0);
  }

  /**
   * Sets the series context for the following points.
   *
   * @param name metric name
   * @param tags tags sorted by key in {@code String} natural order (as KairosDB's TreeMap)
   * @param ttlSeconds time to live, 0 for the default
   */
  public IngestBatchWriter startMetric(String name, SortedMap<String, String> tags, int ttlSeconds) {
    if (ttlSeconds < 0) {
      throw new IllegalArgumentException("ttl must be >= 0");
    }
    closeBlock();
    metric = name.getBytes(StandardCharsets.UTF_8);
    tagKeys = new byte[tags.size()][];
    tagValues = new byte[tags.size()][];
    int i = 0;
    for (Map.Entry<String, String> e : tags.entrySet()) {
      tagKeys[i] = e.getKey().getBytes(StandardCharsets.UTF_8);
      tagValues[i] = e.getValue().getBytes(StandardCharsets.UTF_8);
      i++;
    }
    ttl = ttlSeconds;
    return this;
  }

  public IngestBatchWriter addLong(long ts, long value) {
    block(DataType.LONG, ts).zigzag(value);
    return this;
  }

  public IngestBatchWriter addDouble(long ts, double value) {
    block(DataType.DOUBLE, ts).f64(value);
    return this;
  }

  public IngestBatchWriter addString(long ts, String value) {
    block(DataType.STRING, ts).utf8(value);
    return this;
  }


  /** Ends the current metric context. */
  public IngestBatchWriter endMetric() {
    closeBlock();
    metric = null;
    return this;
  }

  public int pointCount() {
    int n = pointCount + blockPoints;
    for (int p : sidePoints) {
      n += p;
    }
    return n;
  }

  /** @return the encoded size so far, in bytes (a context's pending blocks counted without their series keys) */
  public int size() {
    int n = sink.position();
    for (ByteSink s : side) {
      n += s == null ? 0 : s.position();
    }
    return n;
  }

  public boolean isEmpty() {
    return pointCount() == 0;
  }

  /** Finishes the batch; the writer must not be used afterwards. */
  public IngestBatch finish() {
    closeBlock();
    sink.putInt(IngestBatch.POINT_COUNT_OFFSET, pointCount);
    sink.putInt(IngestBatch.SERIES_COUNT_OFFSET, seriesCount);
    return IngestBatch.wrap(sink.toByteArray());
  }

  /** Writes a point's timestamp into its type's block and returns where its value goes. */
  private ByteSink block(DataType type, long ts) {
    if (metric == null) {
      throw new IllegalStateException("startMetric first");
    }
    if (blockType == null) {
      openBlock(type);
    }
    if (blockType == type) {
      sink.zigzag(ts - prevTs);
      prevTs = ts;
      blockPoints++;
      return sink;
    }
    int t = type.ordinal();
    if (side[t] == null) {
      side[t] = new ByteSink(256);
    }
    side[t].zigzag(ts - sidePrevTs[t]);
    sidePrevTs[t] = ts;
    sidePoints[t]++;
    return side[t];
  }

  private void openBlock(DataType type) {
    writeSeriesKey(sink, metric, tagKeys, tagValues, type);
    sink.varint(ttl);
    blockCountPos = sink.position();
    sink.i32(0);
    blockType = type;
    blockPoints = 0;
    prevTs = 0;
  }

  /**
   * The encoded identity of a series, exactly as a batch carries it (see {@link IngestBatchReader#seriesKeyOffset()}):
   * for a series known by its names rather than read from a batch.
   *
   * @param tagKeys tag keys sorted in {@code String} order, with their values aligned in {@code tagValues}
   */
  public static byte[] seriesKey(String metric, String[] tagKeys, String[] tagValues, DataType type) {
    byte[][] k = new byte[tagKeys.length][];
    byte[][] v = new byte[tagKeys.length][];
    for (int i = 0; i < tagKeys.length; i++) {
      k[i] = tagKeys[i].getBytes(StandardCharsets.UTF_8);
      v[i] = tagValues[i].getBytes(StandardCharsets.UTF_8);
    }
    ByteSink out = new ByteSink(64);
    writeSeriesKey(out, metric.getBytes(StandardCharsets.UTF_8), k, v, type);
    return out.toByteArray();
  }

  private static void writeSeriesKey(ByteSink out, byte[] metric, byte[][] keys, byte[][] values, DataType type) {
    out.blob(metric);
    out.varint(keys.length);
    for (int i = 0; i < keys.length; i++) {
      out.blob(keys[i]);
      out.blob(values[i]);
    }
    out.u8(type.code());
  }

  private void closeBlock() {
    if (blockType == null) {
      return;
    }
    sink.putInt(blockCountPos, blockPoints);
    pointCount += blockPoints;
    seriesCount++;
    blockType = null;
    blockPoints = 0;
    for (DataType type : DataType.values()) {
      int t = type.ordinal();
      if (sidePoints[t] > 0) {
        writeSeriesKey(sink, metric, tagKeys, tagValues, type);
        sink.varint(ttl);
        sink.i32(sidePoints[t]);
        side[t].copyTo(sink);
        pointCount += sidePoints[t];
        seriesCount++;
        side[t].truncate(0);
        sidePoints[t] = 0;
        sidePrevTs[t] = 0;
      }
    }
  }
}
