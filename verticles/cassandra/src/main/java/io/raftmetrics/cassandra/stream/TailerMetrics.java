package io.raftmetrics.cassandra.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replicated-mode meters: the watermark lag per shard ({@code raftmetrics.cassandra.lag.entries},
 * {@code raftmetrics.cassandra.lag.seconds}), entries purged before they were written and entries skipped because
 * Cassandra refused them. No-ops without a registry.
 */
final class TailerMetrics {

  private final MeterRegistry registry;
  private final Map<Integer, List<Meter>> gauges = new HashMap<>();
  private final Counter gaps;
  private final Counter skipped;

  TailerMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.gaps = registry == null ? null : Counter.builder("raftmetrics.cassandra.stream.purged")
      .description("Committed entries purged from the Raft log before they reached Cassandra").register(registry);
    this.skipped = registry == null ? null : Counter.builder("raftmetrics.cassandra.stream.skipped")
      .description("Committed entries that could not be written to Cassandra").register(registry);
  }

  void register(int shard, StreamTailer tailer) {
    if (registry == null) {
      return;
    }
    String s = Integer.toString(shard);
    List<Meter> meters = new ArrayList<>();
    meters.add(Gauge.builder("raftmetrics.cassandra.lag.entries", tailer, StreamTailer::lagEntries).tag("shard", s)
      .description("Committed entries not yet written to Cassandra").register(registry));
    meters.add(Gauge.builder("raftmetrics.cassandra.lag.seconds", tailer, StreamTailer::lagSeconds).tag("shard", s)
      .description("Age of the oldest committed batch not yet written to Cassandra").register(registry));
    gauges.put(shard, meters);
  }

  /** Removes the shard's gauges, so a redeployed tailer registers its own instead of finding stale ones. */
  void unregister(int shard) {
    List<Meter> meters = gauges.remove(shard);
    if (registry != null && meters != null) {
      meters.forEach(registry::remove);
    }
  }

  void gap(long entries) {
    if (gaps != null) {
      gaps.increment(entries);
    }
  }

  void skipped(long entries) {
    if (skipped != null) {
      skipped.increment(entries);
    }
  }
}
