package io.raftmetrics.query.kairos;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The KairosDB query settings of the query role's configuration section.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code max_points_scanned}</td><td>50000000</td>
 *       <td>most points one metric of a query may read (and an aggregator produce); beyond: 400 "Query exceeded"</td></tr>
 *   <tr><td>{@code max_query_ms}</td><td>60000</td><td>most time one metric of a query may take</td></tr>
 *   <tr><td>{@code total_shards}</td><td>the number of entries of {@code shards}</td>
 *       <td>shard count of the cluster, for {@code save_as} (set it when this node serves only some shards)</td></tr>
 * </table>
 *
 * @param maxPointsScanned points limit
 * @param maxQueryMs time limit
 * @param totalShards shards of the cluster
 */
public record KairosLimits(long maxPointsScanned, long maxQueryMs, int totalShards) {

  public static KairosLimits from(JsonObject config) {
    long points = positive(config, "max_points_scanned", 50_000_000L);
    long ms = positive(config, "max_query_ms", 60_000L);
    Object shards = config.getValue("shards");
    int defaultShards = shards instanceof JsonArray a && !a.isEmpty() ? a.size() : 1;
    long total = positive(config, "total_shards", defaultShards);
    return new KairosLimits(points, ms, (int) total);
  }

  QueryBudget budget() {
    return new QueryBudget(maxPointsScanned, maxQueryMs);
  }

  private static long positive(JsonObject config, String key, long def) {
    Object v = config.getValue(key, def);
    if (!(v instanceof Number n) || n.longValue() < 1) {
      throw new IllegalArgumentException("query." + key + " must be a positive integer, got '" + v + "'");
    }
    return n.longValue();
  }
}
