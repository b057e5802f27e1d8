package io.raftmetrics.api.query;

import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * The latest point of a metric, optionally restricted to series having all the given tags. Reply:
 * {@link LatestPoint}; fails with 404 when the metric has no matching point.
 *
 * @param metric metric name
 * @param tags exact tag matches, may be empty
 * @param linearizable if true, answer only after this replica applied everything committed when the request arrived
 */
public record LatestRequest(String metric, Map<String, String> tags, boolean linearizable) {

  public LatestRequest {
    tags = Map.copyOf(tags);
  }

  public JsonObject toJson() {
    return new JsonObject().put("metric", metric).put("tags", Records.toJson(tags)).put("linearizable", linearizable);
  }

  public static LatestRequest fromJson(JsonObject j) {
    return new LatestRequest(j.getString("metric"), Records.stringMap(j.getJsonObject("tags")),
      j.getBoolean("linearizable", false));
  }
}
