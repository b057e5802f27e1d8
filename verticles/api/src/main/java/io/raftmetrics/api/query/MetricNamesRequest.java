package io.raftmetrics.api.query;

import io.vertx.core.json.JsonObject;

/**
 * Metric names of a shard that start with {@code prefix} (all names if null or empty). Reply: {@link NameList}.
 */
public record MetricNamesRequest(String prefix) {

  public JsonObject toJson() {
    return new JsonObject().put("prefix", prefix);
  }

  public static MetricNamesRequest fromJson(JsonObject j) {
    return new MetricNamesRequest(j.getString("prefix"));
  }
}
