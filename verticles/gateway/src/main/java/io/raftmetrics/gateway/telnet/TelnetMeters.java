package io.raftmetrics.gateway.telnet;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.raftmetrics.gateway.http.IngestMeters;
import io.vertx.micrometer.backends.BackendRegistries;

/**
 * The telnet server's counters, from Vert.x's default registry (none when metrics are off):
 * <ul>
 *   <li>{@code raftmetrics.points.accepted{api=telnet}} and {@code raftmetrics.points.rejected{api=telnet}}, as for
 *       the HTTP APIs: points acknowledged by the cluster, and put lines refused;</li>
 *   <li>{@code raftmetrics.telnet.lines.rejected{reason}}: lines dropped without a reply, by reason
 *       ({@code invalid}, {@code unknown_command}, {@code too_long}, {@code incomplete}, {@code unauthenticated});</li>
 *   <li>{@code raftmetrics.telnet.points.lost}: accepted points whose batch the cluster did not acknowledge (telnet
 *       has no way to tell the sender);</li>
 *   <li>{@code raftmetrics.telnet.connections}: connections accepted.</li>
 * </ul>
 */
final class TelnetMeters {

  /** Why a line was dropped. */
  enum Reason {
    INVALID("invalid"), UNKNOWN_COMMAND("unknown_command"), TOO_LONG("too_long"), INCOMPLETE("incomplete"),
    UNAUTHENTICATED("unauthenticated");

    final String tag;

    Reason(String tag) {
      this.tag = tag;
    }
  }

  private final IngestMeters points = new IngestMeters("telnet");
  private final Counter[] rejected = new Counter[Reason.values().length];
  private final Counter lost;
  private final Counter connections;

  TelnetMeters() {
    MeterRegistry registry = BackendRegistries.getDefaultNow();
    for (Reason r : Reason.values()) {
      rejected[r.ordinal()] = registry == null ? null : Counter.builder("raftmetrics.telnet.lines.rejected")
        .description("Telnet lines dropped without a reply").tag("reason", r.tag).register(registry);
    }
    lost = registry == null ? null : Counter.builder("raftmetrics.telnet.points.lost")
      .description("Telnet points whose batch the cluster did not acknowledge").register(registry);
    connections = registry == null ? null : Counter.builder("raftmetrics.telnet.connections")
      .description("Telnet connections accepted").register(registry);
  }

  void rejected(Reason reason) {
    Counter c = rejected[reason.ordinal()];
    if (c != null) {
      c.increment();
    }
    if (reason == Reason.INVALID) {
      points.rejected(1);
    }
  }

  void accepted(long n) {
    points.accepted(n);
  }

  void lost(long n) {
    if (lost != null && n > 0) {
      lost.increment(n);
    }
  }

  void connection() {
    if (connections != null) {
      connections.increment();
    }
  }
}
