package io.raftmetrics.query;

import io.raftmetrics.api.Addresses;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The query role's configuration section ({@code query} in the node configuration, the verticle's {@code config()}).
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code shards}</td><td>{@code [0]}</td><td>shards to serve; each needs a local raft replica</td></tr>
 *   <tr><td>{@code duckdb_threads}</td><td>DuckDB's (cores)</td>
 *       <td>DuckDB worker threads (a database-wide setting)</td></tr>
 *   <tr><td>{@code memory_limit}</td><td>DuckDB's (80% of RAM)</td>
 *       <td>e.g. {@code "4GB"} (database-wide)</td></tr>
 *   <tr><td>{@code timeout_seconds}</td><td>30</td><td>a query running longer is cancelled (422)</td></tr>
 *   <tr><td>{@code max_result_rows}</td><td>100000</td>
 *       <td>most windows x groups an aggregate may return (422)</td></tr>
 *   <tr><td>{@code health_timeout_ms}</td><td>5000</td>
 *       <td>time the health procedure waits for a busy instance</td></tr>
 * </table>
 *
 * @param shards shards to serve
 * @param duckdbThreads DuckDB threads, or null to keep DuckDB's default
 * @param memoryLimit DuckDB memory limit, or null to keep DuckDB's default
 * @param timeoutSeconds per-statement time limit
 * @param maxResultRows bound on aggregate result rows
 * @param healthTimeoutMs health procedure timeout
 */
record QueryConfig(List<Integer> shards, Integer duckdbThreads, String memoryLimit, int timeoutSeconds,
                   int maxResultRows, long healthTimeoutMs) {

  private static final Pattern MEMORY = Pattern.compile("\\d+(\\.\\d+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)");

  /** @throws IllegalArgumentException with a message naming the bad key */
  static QueryConfig from(JsonObject json) {
    List<Integer> shards = new ArrayList<>();
    Object raw = json.getValue("shards", new JsonArray().add(0));
    if (!(raw instanceof JsonArray arr) || arr.isEmpty()) {
      throw new IllegalArgumentException("query.shards must be a non-empty JSON array of shard numbers");
    }
    for (Object o : arr) {
      if (!(o instanceof Integer i) || i < 0 || i >= Addresses.MAX_SHARDS) {
        throw new IllegalArgumentException("query.shards: " + o + " is not a shard number in [0, "
          + Addresses.MAX_SHARDS + ")");
      }
      if (!shards.contains(i)) {
        shards.add(i);
      }
    }
    Integer threads = json.getInteger("duckdb_threads");
    if (threads != null && threads < 1) {
      throw new IllegalArgumentException("query.duckdb_threads must be at least 1");
    }
    String memory = json.getString("memory_limit");
    if (memory != null && !MEMORY.matcher(memory.trim()).matches()) {
      throw new IllegalArgumentException("query.memory_limit must look like 4GB or 512MiB, not " + memory);
    }
    int timeout = positive(json, "timeout_seconds", 30);
    int maxRows = positive(json, "max_result_rows", 100_000);
    long health = positive(json, "health_timeout_ms", 5000);
    return new QueryConfig(List.copyOf(shards), threads, memory == null ? null : memory.trim(), timeout, maxRows,
      health);
  }

  private static int positive(JsonObject json, String key, int fallback) {
    Integer v = json.getInteger(key, fallback);
    if (v < 1) {
      throw new IllegalArgumentException("query." + key + " must be at least 1");
    }
    return v;
  }
}
