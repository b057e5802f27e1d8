package io.raftmetrics.api.query;

import io.raftmetrics.api.ingest.DataType;
import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * The latest point of a metric.
 *
 * @param metric metric name
 * @param timestamp epoch milliseconds
 * @param type value type
 * @param value a {@link Long}, {@link Double} or {@link String} according to {@code type}
 * @param tags tags of the series the point belongs to
 */
public record LatestPoint(String metric, long timestamp, DataType type, Object value, Map<String, String> tags) {

  public LatestPoint {
    tags = Map.copyOf(tags);
  }

  public JsonObject toJson() {
    return new JsonObject().put("metric", metric).put("timestamp", timestamp).put("type", type.apiName())
      .put("value", value).put("tags", Records.toJson(tags));
  }

  public static LatestPoint fromJson(JsonObject j) {
    DataType type = DataType.ofApiName(j.getString("type"));
    Object raw = j.getValue("value");
    Object value;
    if (type == DataType.LONG) {
      value = ((Number) raw).longValue();
    } else if (type == DataType.DOUBLE) {
      value = ((Number) raw).doubleValue();
    } else {
      value = raw;
    }
    return new LatestPoint(j.getString("metric"), j.getLong("timestamp"), type, value,
      Records.stringMap(j.getJsonObject("tags")));
  }
}
