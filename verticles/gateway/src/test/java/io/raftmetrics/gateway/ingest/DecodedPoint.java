package io.raftmetrics.gateway.ingest;

import io.raftmetrics.api.ingest.DataType;
import io.raftmetrics.api.ingest.IngestBatch;
import io.raftmetrics.api.ingest.IngestBatchReader;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A point read back from encoded batches, for comparing what the parsers wrote with what a request said.
 *
 * @param value a {@code Long}, {@code Double} or {@code String} according to {@code type}
 */
public record DecodedPoint(int shard, String metric, Map<String, String> tags, DataType type, int ttl, long timestamp,
                    Object value) {

  public static List<DecodedPoint> decode(Collection<IngestBatch> batches) {
    List<DecodedPoint> out = new ArrayList<>();
    for (IngestBatch batch : batches) {
      IngestBatchReader r = batch.reader();
      while (r.nextSeries()) {
        Map<String, String> tags = new TreeMap<>();
        for (int i = 0; i < r.tagKeys().length; i++) {
          tags.put(r.tagKeys()[i], r.tagValues()[i]);
        }
        while (r.nextPoint()) {
          Object value = switch (r.type()) {
            case LONG -> r.longValue();
            case DOUBLE -> r.doubleValue();
            case STRING -> r.stringValue();
          };
          out.add(new DecodedPoint(batch.shard(), r.metric(), tags, r.type(), r.ttlSeconds(), r.timestamp(), value));
        }
      }
    }
    return out;
  }

  static DecodedPoint of(String metric, Map<String, String> tags, DataType type, long timestamp, Object value) {
    return new DecodedPoint(0, metric, new TreeMap<>(tags), type, 0, timestamp, value);
  }

  /** The same point without the shard and ttl, which most comparisons leave out. */
  DecodedPoint content() {
    return new DecodedPoint(0, metric, tags, type, 0, timestamp, value);
  }
}
