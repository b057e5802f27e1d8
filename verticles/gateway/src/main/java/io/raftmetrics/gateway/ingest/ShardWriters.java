package io.raftmetrics.gateway.ingest;

import io.raftmetrics.api.Sharding;
import io.raftmetrics.api.ingest.IngestBatch;
import io.raftmetrics.api.ingest.IngestBatchWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One {@link IngestBatchWriter} per shard that receives points, created on its first point. A series context is only
 * restarted when the series changes, so consecutive points of one series share a block even when a request spells
 * them as separate metric objects.
 */
final class ShardWriters {

  /**
   * A shard's batch is cut at about this size: each batch becomes one Raft log entry, which must stay well below the
   * raft role's {@code max_entry_bytes} (8 MiB) and its log segment size, and a smaller entry replicates and applies
   * without long pauses.
   */
  static final int MAX_BATCH_BYTES = 4 << 20;

  private final int shards;
  private final int maxBatchBytes;
  private final List<IngestBatch> full = new ArrayList<>();
  private final Supplier<UUID> batchIds;
  private final long createdAtMs;
  private final IngestBatchWriter[] writers;
  private final String[] names;
  private final Object[] tags;
  private final int[] ttls;
  private IngestBatchWriter current;
  private int currentShard;
  private int points;

  ShardWriters(int shards, Supplier<UUID> batchIds, long createdAtMs) {
    this(shards, batchIds, createdAtMs, MAX_BATCH_BYTES);
  }

  ShardWriters(int shards, Supplier<UUID> batchIds, long createdAtMs, int maxBatchBytes) {
    this.maxBatchBytes = maxBatchBytes;
    if (shards < 1) {
      throw new IllegalArgumentException("shards must be at least 1: " + shards);
    }
    this.shards = shards;
    this.batchIds = Objects.requireNonNull(batchIds, "batchIds");
    this.createdAtMs = createdAtMs;
    this.writers = new IngestBatchWriter[shards];
    this.names = new String[shards];
    this.tags = new Object[shards];
    this.ttls = new int[shards];
  }

  int shardOf(String metric) {
    return Sharding.shardOf(metric, shards);
  }

  /**
   * Directs the following points to a series.
   *
   * @param shard {@link #shardOf(String)} of {@code name}
   * @param sortedTags tags in natural key order; not modified afterwards by the caller
   */
  void select(int shard, String name, SortedMap<String, String> sortedTags, int ttlSeconds) {
    currentShard = shard;
    IngestBatchWriter w = writers[shard];
    if (w == null) {
      w = new IngestBatchWriter(batchIds.get(), createdAtMs, shard);
      writers[shard] = w;
    } else if (ttls[shard] == ttlSeconds && name.equals(names[shard]) && sortedTags.equals(tags[shard])) {
      current = w;
      return;
    }
    current = w;
    w.startMetric(name, sortedTags, ttlSeconds);
    names[shard] = name;
    tags[shard] = sortedTags;
    ttls[shard] = ttlSeconds;
  }

  void addLong(long timestamp, long value) {
    current.addLong(timestamp, value);
    points++;
    cutIfFull();
  }

  void addDouble(long timestamp, double value) {
    current.addDouble(timestamp, value);
    points++;
    cutIfFull();
  }

  void addString(long timestamp, String value) {
    current.addString(timestamp, value);
    points++;
    cutIfFull();
  }

  /** Closes the shard's batch when it is full and continues the same series in a new one. */
  private void cutIfFull() {
    if (current.size() < maxBatchBytes) {
      return;
    }
    full.add(current.finish());
    int shard = currentShard;
    current = new IngestBatchWriter(batchIds.get(), createdAtMs, shard);
    writers[shard] = current;
    @SuppressWarnings("unchecked")
    SortedMap<String, String> t = (SortedMap<String, String>) tags[shard];
    current.startMetric(names[shard], t, ttls[shard]);
  }

  /** @return points written so far */
  int points() {
    return points;
  }

  /** @return the batches cut when full, then one batch per shard that received points, in shard order */
  List<IngestBatch> finish() {
    List<IngestBatch> out = new ArrayList<>(full);
    for (IngestBatchWriter w : writers) {
      if (w != null && !w.isEmpty()) {
        out.add(w.finish());
      }
    }
    return List.copyOf(out);
  }
}
