package io.raftmetrics.gateway.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.micrometer.backends.BackendRegistries;

/** Points accepted and rejected by the gateway, per API ({@code kairos}, {@code simple}, {@code telnet}). */
public final class IngestMeters {

  private final Counter accepted;
  private final Counter rejected;

  public IngestMeters(String api) {
    MeterRegistry registry = BackendRegistries.getDefaultNow();
    accepted = registry == null ? null : Counter.builder("raftmetrics.points.accepted")
      .description("Points accepted by the gateway and acknowledged by the cluster").tag("api", api).register(registry);
    rejected = registry == null ? null : Counter.builder("raftmetrics.points.rejected")
      .description("Points refused by validation or limits").tag("api", api).register(registry);
  }

  public void accepted(long n) {
    if (accepted != null && n > 0) {
      accepted.increment(n);
    }
  }

  public void rejected(long n) {
    if (rejected != null && n > 0) {
      rejected.increment(n);
    }
  }
}
