package io.raftmetrics.api.kairos;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of a KairosDB query's {@code metrics[]}, parsed and validated by the gateway (so every field is valid
 * and defaults are filled in), with the query-level times resolved. The query role of the metric's shard runs it.
 *
 * @param position index in the request's {@code metrics[]}, for messages
 * @param name metric name
 * @param tags tag filter in request order: values OR'ed within a tag, AND'ed across tags; a value starting with
 *   {@code regex:} is a full-match Java regular expression
 * @param groupBy group-by objects, normalised ({@code {"name":"tag","tags":[...]}}, ...), in request order
 * @param aggregators aggregator objects, normalised (every parameter present, snake_case keys), in request order
 * @param excludeTags omit {@code tags} from the results
 * @param limit maximum number of points read (KairosDB applies it per stored row), 0 for none
 * @param descending {@code "order":"desc"}
 * @param alias echoed after {@code name} in results, or null
 * @param startMs start of the range, inclusive, epoch ms
 * @param endMs end of the range, inclusive, epoch ms ({@link Long#MAX_VALUE} when the query gives no end)
 * @param timeZone the query's {@code time_zone} (an IANA id), or null for the server's default (UTC)
 */
public record KairosMetricQuery(int position, String name, Map<String, List<String>> tags, List<JsonObject> groupBy,
                                List<JsonObject> aggregators, boolean excludeTags, int limit, boolean descending,
                                String alias, long startMs, long endMs, String timeZone) {

  public KairosMetricQuery {
    Map<String, List<String>> t = new LinkedHashMap<>();
    tags.forEach((k, v) -> t.put(k, List.copyOf(v)));
    tags = Collections.unmodifiableMap(t);
    groupBy = groupBy.stream().map(JsonObject::copy).toList();
    aggregators = aggregators.stream().map(JsonObject::copy).toList();
  }

  public JsonObject toJson() {
    JsonObject t = new JsonObject();
    tags.forEach((k, v) -> t.put(k, new JsonArray(v)));
    return new JsonObject().put("position", position).put("name", name).put("tags", t)
      .put("group_by", new JsonArray(new ArrayList<>(groupBy))).put("aggregators", new JsonArray(new ArrayList<>(aggregators)))
      .put("exclude_tags", excludeTags).put("limit", limit).put("descending", descending).put("alias", alias)
      .put("start", startMs).put("end", endMs).put("time_zone", timeZone);
  }

  public static KairosMetricQuery fromJson(JsonObject j) {
    Map<String, List<String>> tags = new LinkedHashMap<>();
    j.getJsonObject("tags").forEach(e -> {
      List<String> values = new ArrayList<>();
      ((JsonArray) e.getValue()).forEach(v -> values.add((String) v));
      tags.put(e.getKey(), values);
    });
    List<JsonObject> groupBy = new ArrayList<>();
    j.getJsonArray("group_by").forEach(o -> groupBy.add((JsonObject) o));
    List<JsonObject> aggs = new ArrayList<>();
    j.getJsonArray("aggregators").forEach(o -> aggs.add((JsonObject) o));
    return new KairosMetricQuery(j.getInteger("position"), j.getString("name"), tags, groupBy, aggs,
      j.getBoolean("exclude_tags"), j.getInteger("limit"), j.getBoolean("descending"), j.getString("alias"),
      j.getLong("start"), j.getLong("end"), j.getString("time_zone"));
  }
}
