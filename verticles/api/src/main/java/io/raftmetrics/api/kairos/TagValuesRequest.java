package io.raftmetrics.api.kairos;

import io.vertx.core.json.JsonObject;

/**
 * Tag values of a shard ({@code GET /api/v1/tagvalues}), optionally only of one tag name, one metric, and starting
 * with a prefix. Reply: {@link io.raftmetrics.api.query.NameList}, sorted.
 *
 * @param metric restrict to this metric, or null
 * @param tag restrict to values of this tag name, or null for every tag
 * @param prefix restrict to values starting with it, or null
 */
public record TagValuesRequest(String metric, String tag, String prefix) {

  public JsonObject toJson() {
    return new JsonObject().put("metric", metric).put("tag", tag).put("prefix", prefix);
  }

  public static TagValuesRequest fromJson(JsonObject j) {
    return new TagValuesRequest(j.getString("metric"), j.getString("tag"), j.getString("prefix"));
  }
}
