package io.raftmetrics.cassandra.write;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The write path's meters in the node's Micrometer registry ({@code raftmetrics.cassandra.*}); every method is a
 * no-op without a registry (tests, or metrics switched off).
 */
public final class WriteMetrics {

  /** The tables the write path fills. */
  public enum Table { DATA_POINTS, ROW_KEYS, ROW_KEY_TIME_INDEX, STRING_INDEX }

  /** Why points were not written. */
  public enum Drop { TTL_EXPIRED, INVALID }

  private final Map<Table, Counter> rows = new EnumMap<>(Table.class);
  private final Map<Table, DistributionSummary> batchSizes = new EnumMap<>(Table.class);
  private final Map<Failures.Kind, Counter> errors = new EnumMap<>(Failures.Kind.class);
  private final Map<Drop, Counter> dropped = new EnumMap<>(Drop.class);
  private final Counter points;
  private final Counter retries;
  private final Timer latency;

  /** @param registry the node's registry, or null for no metrics */
  public WriteMetrics(MeterRegistry registry) {
    if (registry == null) {
      points = null;
      retries = null;
      latency = null;
      return;
    }
    for (Table t : Table.values()) {
      String table = t.name().toLowerCase(Locale.ROOT);
      rows.put(t, Counter.builder("raftmetrics.cassandra.rows.written").tag("table", table)
        .description("Rows acknowledged by Cassandra").register(registry));
      batchSizes.put(t, DistributionSummary.builder("raftmetrics.cassandra.batch.statements").tag("table", table)
        .description("Statements per request sent to Cassandra (1 = a single statement)").register(registry));
    }
    for (Failures.Kind k : Failures.Kind.values()) {
      errors.put(k, Counter.builder("raftmetrics.cassandra.write.errors").tag("kind", k.name().toLowerCase(Locale.ROOT))
        .description("Failed Cassandra requests, including those retried").register(registry));
    }
    for (Drop d : Drop.values()) {
      dropped.put(d, Counter.builder("raftmetrics.cassandra.points.dropped")
        .tag("reason", d.name().toLowerCase(Locale.ROOT))
        .description("Points not written: aligned TTL already expired, or invalid for KairosDB").register(registry));
    }
    points = Counter.builder("raftmetrics.cassandra.points.written").description("Points written to data_points")
      .register(registry);
    retries = Counter.builder("raftmetrics.cassandra.write.retries").description("Cassandra requests retried")
      .register(registry);
    latency = Timer.builder("raftmetrics.cassandra.write.latency")
      .description("Time from planning a write to Cassandra acknowledging all of its rows").register(registry);
  }

  void rows(Table table, int count) {
    if (points != null) {
      rows.get(table).increment(count);
      batchSizes.get(table).record(count);
    }
  }

  void points(long count) {
    if (points != null) {
      points.increment(count);
    }
  }

  void dropped(Drop reason, long count) {
    if (points != null && count > 0) {
      dropped.get(reason).increment(count);
    }
  }

  void error(Failures.Kind kind) {
    if (points != null) {
      errors.get(kind).increment();
    }
  }

  void retry() {
    if (points != null) {
      retries.increment();
    }
  }

  void latency(long nanos) {
    if (points != null) {
      latency.record(nanos, TimeUnit.NANOSECONDS);
    }
  }
}
