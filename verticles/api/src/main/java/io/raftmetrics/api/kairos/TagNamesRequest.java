package io.raftmetrics.api.kairos;

import io.vertx.core.json.JsonObject;

/**
 * Tag names of a shard ({@code GET /api/v1/tagnames}), optionally only of one metric and only those starting with a
 * prefix. Reply: {@link io.raftmetrics.api.query.NameList}, sorted.
 *
 * @param metric restrict to this metric, or null for all
 * @param prefix restrict to names starting with it, or null
 */
public record TagNamesRequest(String metric, String prefix) {

  public JsonObject toJson() {
    return new JsonObject().put("metric", metric).put("prefix", prefix);
  }

  public static TagNamesRequest fromJson(JsonObject j) {
    return new TagNamesRequest(j.getString("metric"), j.getString("prefix"));
  }
}
