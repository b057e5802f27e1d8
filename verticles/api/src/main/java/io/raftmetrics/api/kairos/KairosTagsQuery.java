package io.raftmetrics.api.kairos;

import io.vertx.core.json.JsonObject;

/**
 * One metric of a {@code POST /api/v1/datapoints/query/tags}: the tags of the matching series, no values. Reply:
 * {@link RenderedJson} holding {@code {"results":[{"name":...,"tags":{...},"values":[]}]}}.
 */
public record KairosTagsQuery(KairosMetricQuery query) {

  public JsonObject toJson() {
    return new JsonObject().put("query", query.toJson());
  }

  public static KairosTagsQuery fromJson(JsonObject j) {
    return new KairosTagsQuery(KairosMetricQuery.fromJson(j.getJsonObject("query")));
  }
}
