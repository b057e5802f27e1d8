package io.raftmetrics.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.raftmetrics.api.log.EntryKind;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A replica's meters, all tagged with the shard: points applied, apply latency per entry kind, series count and the
 * size of the DuckDB file (with its WAL). Without a registry every call is a no-op.
 */
final class StoreMetrics {

  private final MeterRegistry registry;
  private final List<Meter> meters = new ArrayList<>();
  private final Counter points;
  private final Map<EntryKind, Timer> latency = new EnumMap<>(EntryKind.class);

  private StoreMetrics(MeterRegistry registry, int shard, SeriesCatalog catalog, Path file) {
    this.registry = registry;
    if (registry == null) {
      points = null;
      return;
    }
    String s = Integer.toString(shard);
    points = Counter.builder("raftmetrics.store.points.applied").description("Points written to the DuckDB replica")
      .tag("shard", s).register(registry);
    meters.add(points);
    for (EntryKind kind : EntryKind.values()) {
      Timer t = Timer.builder("raftmetrics.store.apply.latency").description("Time to apply one log entry")
        .tag("shard", s).tag("kind", kind.name().toLowerCase()).register(registry);
      latency.put(kind, t);
      meters.add(t);
    }
    meters.add(Gauge.builder("raftmetrics.store.series", catalog, SeriesCatalog::seriesCount)
      .description("Series in the replica").tag("shard", s).register(registry));
    meters.add(Gauge.builder("raftmetrics.store.db.size", file, StoreMetrics::sizeOnDisk).baseUnit("bytes")
      .description("Size of the DuckDB file and its WAL").tag("shard", s).register(registry));
  }

  static StoreMetrics create(MeterRegistry registry, int shard, SeriesCatalog catalog, Path file) {
    return new StoreMetrics(registry, shard, catalog, file);
  }

  void applied(EntryKind kind, long nanos, int pointCount) {
    if (registry == null) {
      return;
    }
    latency.get(kind).record(nanos, TimeUnit.NANOSECONDS);
    if (pointCount > 0) {
      points.increment(pointCount);
    }
  }

  void close() {
    if (registry != null) {
      meters.forEach(registry::remove);
    }
  }

  private static double sizeOnDisk(Path file) {
    return size(file) + size(ReplicaSnapshots.walOf(file));
  }

  private static long size(Path p) {
    try {
      return Files.exists(p) ? Files.size(p) : 0;
    } catch (IOException e) {
      return 0;
    }
  }
}
