package io.raftmetrics.api.kairos;

import io.vertx.core.json.JsonObject;

/**
 * Run one metric of a {@code POST /api/v1/datapoints/query}. Reply: {@link RenderedJson} holding that metric's
 * element of {@code queries[]}, exactly as KairosDB prints it: {@code {"sample_size":N,"results":[...]}}.
 *
 * @param query the metric query
 * @param linearizable read only after the replica applied everything committed when the request arrived
 */
public record KairosQuery(KairosMetricQuery query, boolean linearizable) {

  public JsonObject toJson() {
    return new JsonObject().put("query", query.toJson()).put("linearizable", linearizable);
  }

  public static KairosQuery fromJson(JsonObject j) {
    return new KairosQuery(KairosMetricQuery.fromJson(j.getJsonObject("query")), j.getBoolean("linearizable", false));
  }
}
