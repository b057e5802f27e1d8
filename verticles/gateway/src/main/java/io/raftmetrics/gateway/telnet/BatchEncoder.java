package io.raftmetrics.gateway.telnet;

import io.raftmetrics.api.ingest.IngestBatch;
import io.raftmetrics.api.ingest.IngestBatchWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Turns the pending points into {@link IngestBatch}es: one per shard that received points, each series written once
 * with its points in arrival order, and a batch cut when it reaches {@code maxBatchBytes} (a batch is one Raft log
 * entry, which the raft role caps).
 */
final class BatchEncoder {

  /** Rough encoded size of a point and of a series header, to size a writer's buffer once. */
  private static final int POINT_BYTES = 12;
  private static final int SERIES_BYTES = 64;

  private final int shards;
  private final int maxBatchBytes;
  private final Supplier<UUID> batchIds;

  BatchEncoder(int shards, int maxBatchBytes, Supplier<UUID> batchIds) {
    this.shards = shards;
    this.maxBatchBytes = maxBatchBytes;
    this.batchIds = batchIds;
  }

  /** @return the batches cut when full, then one per shard that received points, in shard order */
  List<IngestBatch> encode(PendingPoints points, long nowMs) {
    int[] estimates = new int[shards];
    for (Series s : points.series()) {
      estimates[s.shard] += s.pending * POINT_BYTES + SERIES_BYTES;
    }
    IngestBatchWriter[] writers = new IngestBatchWriter[shards];
    List<IngestBatch> out = new ArrayList<>();
    for (Series s : points.series()) {
      IngestBatchWriter w = writers[s.shard];
      if (w == null) {
        w = new IngestBatchWriter(batchIds.get(), nowMs, s.shard, Math.min(estimates[s.shard], maxBatchBytes));
        writers[s.shard] = w;
      }
      w.startMetric(s.metric, s.tags, s.ttl);
      for (int p = s.head; p >= 0; p = points.next(p)) {
        switch (points.type(p)) {
          case LONG:
            w.addLong(points.timestamp(p), points.longValue(p));
            break;
          case DOUBLE:
            w.addDouble(points.timestamp(p), points.doubleValue(p));
            break;
          default:
            w.addString(points.timestamp(p), points.stringValue(p));
        }
        if (w.size() >= maxBatchBytes) {
          out.add(w.finish());
          w = new IngestBatchWriter(batchIds.get(), nowMs, s.shard, maxBatchBytes / 4);
          writers[s.shard] = w;
          w.startMetric(s.metric, s.tags, s.ttl);
        }
      }
      w.endMetric();
    }
    for (IngestBatchWriter w : writers) {
      if (w != null && !w.isEmpty()) {
        out.add(w.finish());
      }
    }
    return out;
  }
}
