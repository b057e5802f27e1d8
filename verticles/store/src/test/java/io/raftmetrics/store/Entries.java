package io.raftmetrics.store;

import io.raftmetrics.api.ingest.IngestBatchWriter;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/** Builds log entries for tests. */
final class Entries {

  private Entries() {
  }

  static SortedMap<String, String> tags(String... kv) {
    SortedMap<String, String> m = new TreeMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  /** A batch builder with a fresh batch id. */
  static Builder batch() {
    return new Builder(UUID.randomUUID());
  }

  static Builder batch(UUID id) {
    return new Builder(id);
  }

  static byte[] delete(String metric, Map<String, List<String>> tags, long start, long end) {
    return new io.raftmetrics.api.log.DeleteEntry(metric, tags, start, end).encode();
  }

  static byte[] deleteMetric(String metric) {
    return delete(metric, Map.of(), Long.MIN_VALUE, Long.MAX_VALUE);
  }

  static final class Builder {
    private final IngestBatchWriter writer;

    private Builder(UUID id) {
      writer = new IngestBatchWriter(id, 0, 0);
    }

    Builder longs(String metric, SortedMap<String, String> tags, long... tsValue) {
      writer.startMetric(metric, tags, 0);
      for (int i = 0; i < tsValue.length; i += 2) {
        writer.addLong(tsValue[i], tsValue[i + 1]);
      }
      writer.endMetric();
      return this;
    }

    Builder doubles(String metric, SortedMap<String, String> tags, double... tsValue) {
      writer.startMetric(metric, tags, 0);
      for (int i = 0; i < tsValue.length; i += 2) {
        writer.addDouble((long) tsValue[i], tsValue[i + 1]);
      }
      writer.endMetric();
      return this;
    }

    Builder strings(String metric, SortedMap<String, String> tags, long ts, String value) {
      writer.startMetric(metric, tags, 0).addString(ts, value).endMetric();
      return this;
    }

    byte[] bytes() {
      return writer.finish().bytes();
    }
  }
}
