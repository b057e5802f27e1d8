package io.raftmetrics.query.kairos;

import io.raftmetrics.api.Sharding;
import io.raftmetrics.api.ingest.IngestBatch;
import io.raftmetrics.api.ingest.IngestBatchWriter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns what {@code save_as} recorded into ingest batches, one or more per shard of the saved metrics (cut at
 * {@value #MAX_BATCH_BYTES} bytes), ready for {@code Addresses.INGEST_WRITE}. {@code null} points ({@code gaps})
 * are not stored.
 */
final class SaveBatches {

  static final int MAX_BATCH_BYTES = 1 << 20;

  private SaveBatches() {
  }

  static List<IngestBatch> of(List<SaveAsAggregator.Saved> saves, int shards, long now) {
    Map<Integer, IngestBatchWriter> writers = new HashMap<>();
    List<IngestBatch> out = new ArrayList<>();
    for (SaveAsAggregator.Saved s : saves) {
      int shard = Sharding.shardOf(s.metric(), shards);
      Points p = s.points();
      IngestBatchWriter w = null;
      for (int i = 0; i < p.size(); i++) {
        if (p.kind(i) == Points.NULL) {
          continue;
        }
        if (w == null) {
          w = writers.computeIfAbsent(shard, k -> new IngestBatchWriter(UUID.randomUUID(), now, k));
          w.startMetric(s.metric(), s.tags(), s.ttl());
        }
        switch (p.kind(i)) {
          case Points.LONG -> w.addLong(p.ts(i), p.longValue(i));
          case Points.DOUBLE -> w.addDouble(p.ts(i), p.doubleValue(i));
          default -> w.addString(p.ts(i), p.string(i));
        }
        if (w.size() >= MAX_BATCH_BYTES) {
          w.endMetric();
          out.add(w.finish());
          writers.remove(shard);
          w = null;
        }
      }
      if (w != null) {
        w.endMetric();
      }
    }
    writers.values().forEach(w -> out.add(w.finish()));
    return out;
  }
}
