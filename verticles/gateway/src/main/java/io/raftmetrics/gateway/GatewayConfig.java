package io.raftmetrics.gateway;

import io.vertx.core.json.JsonObject;

/**
 * The {@code gateway} section, validated. Keys and defaults are listed in the README's configuration reference.
 *
 * @param host HTTP bind host
 * @param port HTTP port (0 = any free port)
 * @param requestTimeoutMs event-bus timeout of every call the gateway makes
 * @param parseThreads size of the worker pool that gunzips and parses ingest bodies
 * @param compression gzip responses when asked
 * @param shards number of shards (derived from the top-level {@code shards})
 * @param limits the {@code limits} subsection
 * @param auth the {@code auth} subsection
 * @param kairosVersion the text of {@code GET /api/v1/version} and the telnet {@code version} reply
 */
public record GatewayConfig(String host, int port, long requestTimeoutMs, int parseThreads, boolean compression,
                            int shards, JsonObject limits, JsonObject auth, String kairosVersion) {

  public static final String DEFAULT_VERSION = "KairosDB 1.3.2 (raftmetrics 0.1.0)";

  public static GatewayConfig from(JsonObject c) {
    return new GatewayConfig(
      c.getString("host", "0.0.0.0"),
      positiveOrZero(c, "port", 8080),
      positive(c, "request_timeout_ms", 15_000),
      (int) positive(c, "parse_threads", 2),
      c.getBoolean("compression", true),
      (int) positive(c, "shards", 1),
      c.getJsonObject("limits", new JsonObject()),
      c.getJsonObject("auth", new JsonObject()),
      c.getString("kairos_version", DEFAULT_VERSION));
  }

  public boolean authEnabled() {
    return auth.getBoolean("enabled", true);
  }

  public boolean openHealth() {
    return auth.getBoolean("open_health", true);
  }

  public boolean openMetrics() {
    return auth.getBoolean("open_metrics", true);
  }

  private static int positiveOrZero(JsonObject c, String key, int def) {
    Object v = c.getValue(key, def);
    if (!(v instanceof Number n) || n.longValue() < 0 || n.longValue() > 65535) {
      throw new IllegalArgumentException("gateway." + key + ": must be a port number, got '" + v + "'");
    }
    return n.intValue();
  }

  private static long positive(JsonObject c, String key, long def) {
    Object v = c.getValue(key, def);
    if (!(v instanceof Number n) || n.longValue() <= 0) {
      throw new IllegalArgumentException("gateway." + key + ": must be a positive integer, got '" + v + "'");
    }
    return n.longValue();
  }
}
