package io.raftmetrics.gateway.telnet;

import io.raftmetrics.gateway.GatewayConfig;
import io.raftmetrics.gateway.ingest.IngestLimits;
import io.vertx.core.json.JsonObject;

/**
 * The {@code gateway.telnet} section, validated, plus what the telnet server takes from the rest of the gateway
 * section. Keys and defaults are listed in {@code docs/telnet.md}.
 *
 * @param enabled {@code enabled}: start the listener (default false)
 * @param host {@code host}: bind address (default: the gateway's {@code host})
 * @param port {@code port}: TCP port (default 4242, KairosDB's; 0 = any free port)
 * @param maxLine {@code max_line}: longest line in bytes, without its end (default 1024, KairosDB's
 *                {@code max_command_size}); a longer line is dropped whole
 * @param authRequired {@code auth_token_required}: a connection must first send {@code auth <token>} with a token
 *                     of the gateway's verifier that has the {@code write} scope (default false: KairosDB has no
 *                     auth)
 * @param flushPoints {@code flush_points}: pending points that trigger a flush (default 20,000)
 * @param flushIntervalMs {@code flush_interval_ms}: longest wait of a point before its flush (default 20)
 * @param maxInFlight {@code max_in_flight_batches}: batches submitted and not yet answered, per gateway instance,
 *                    at which every connection of that instance stops being read (default 16)
 * @param seriesCacheSize {@code series_cache_size}: validated series kept per gateway instance (default 50,000)
 * @param maxBatchBytes {@code max_batch_bytes}: a batch (one Raft log entry) is cut at this size (default 4 MiB)
 * @param shards from the gateway section
 * @param kairosVersion from the gateway section: the {@code version} reply, without its line end
 * @param limits from the gateway section's {@code limits}: tag count and name length
 */
public record TelnetConfig(boolean enabled, String host, int port, int maxLine, boolean authRequired,
                           int flushPoints, long flushIntervalMs, int maxInFlight, int seriesCacheSize,
                           int maxBatchBytes, int shards, String kairosVersion, IngestLimits limits) {

  public static final int DEFAULT_PORT = 4242;
  public static final int DEFAULT_MAX_LINE = 1024;

  /**
   * @param gateway the whole gateway section (the verticle's {@code config()}); its {@code telnet} object may be
   *                absent
   * @param conf the same section, parsed
   * @throws IllegalArgumentException naming the key of an invalid value
   */
  public static TelnetConfig from(JsonObject gateway, GatewayConfig conf) {
    Object raw = gateway.getValue("telnet");
    if (raw != null && !(raw instanceof JsonObject)) {
      throw new IllegalArgumentException("gateway.telnet: must be an object, got '" + raw + "'");
    }
    JsonObject t = raw == null ? new JsonObject() : (JsonObject) raw;
    return new TelnetConfig(
      bool(t, "enabled", false),
      t.getValue("host") instanceof String h && !h.isBlank() ? h : conf.host(),
      (int) number(t, "port", DEFAULT_PORT, 0, 65535),
      (int) number(t, "max_line", DEFAULT_MAX_LINE, 16, 65535),
      bool(t, "auth_token_required", false),
      (int) number(t, "flush_points", 20_000, 1, 1_000_000),
      number(t, "flush_interval_ms", 20, 1, 60_000),
      (int) number(t, "max_in_flight_batches", 16, 1, 10_000),
      (int) number(t, "series_cache_size", 50_000, 1, 10_000_000),
      (int) number(t, "max_batch_bytes", 4 << 20, 64 << 10, 64 << 20),
      conf.shards(),
      conf.kairosVersion(),
      IngestLimits.fromConfig(conf.limits()));
  }

  private static boolean bool(JsonObject c, String key, boolean def) {
    Object v = c.getValue(key, def);
    if (!(v instanceof Boolean b)) {
      throw new IllegalArgumentException("gateway.telnet." + key + ": must be true or false, got '" + v + "'");
    }
    return b;
  }

  private static long number(JsonObject c, String key, long def, long min, long max) {
    Object v = c.getValue(key, def);
    if (!(v instanceof Number n) || n.doubleValue() != n.longValue() || n.longValue() < min || n.longValue() > max) {
      throw new IllegalArgumentException("gateway.telnet." + key + ": must be an integer from " + min + " to " + max
        + ", got '" + v + "'");
    }
    return n.longValue();
  }
}
