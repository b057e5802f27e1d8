package io.raftmetrics.query;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The {@code raftmetrics.query.latency} timer, tagged by operation, on the JVM's Vert.x Micrometer registry. Without a
 * registry (metrics not configured, as in most tests) nothing is recorded.
 */
final class QueryMetrics {

  static final String LATENCY = "raftmetrics.query.latency";

  private final MeterRegistry registry;
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  QueryMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void record(String op, long nanos) {
    if (registry == null) {
      return;
    }
    timers.computeIfAbsent(op, o -> Timer.builder(LATENCY).description("Time to answer a query on a local replica")
      .tag("op", o).register(registry)).record(nanos, TimeUnit.NANOSECONDS);
  }
}
