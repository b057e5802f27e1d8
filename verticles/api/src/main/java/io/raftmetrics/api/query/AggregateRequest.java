package io.raftmetrics.api.query;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;

/**
 * Aggregates of a metric's numeric points with timestamps in {@code [from, to)}, optionally in fixed windows and
 * per group of tag values. Reply: {@link AggregateResult}.
 *
 * @param metric metric name
 * @param from inclusive lower bound, epoch ms ({@link Long#MIN_VALUE} for none)
 * @param to exclusive upper bound, epoch ms ({@link Long#MAX_VALUE} for none)
 * @param windowMs window width in ms, 0 for no windows; windows are aligned to multiples of the width since the epoch
 * @param aggs aggregate names, see {@link Aggregate}
 * @param groupBy tag names to group by, may be empty
 * @param tags exact tag matches, may be empty
 * @param orderBy aggregate to order groups (or windows when not grouping) by, or null for natural order
 * @param descending order direction for {@code orderBy}
 * @param limit maximum number of groups (or windows), 0 for no limit
 * @param linearizable if true, answer only after this replica applied everything committed when the request arrived
 */
public record AggregateRequest(String metric, long from, long to, long windowMs, List<Aggregate> aggs,
                               List<String> groupBy, Map<String, String> tags, Aggregate orderBy, boolean descending,
                               int limit, boolean linearizable) {

  public AggregateRequest {
    aggs = List.copyOf(aggs);
    groupBy = List.copyOf(groupBy);
    tags = Map.copyOf(tags);
  }

  public JsonObject toJson() {
    JsonArray a = new JsonArray();
    aggs.forEach(x -> a.add(x.key()));
    return new JsonObject().put("metric", metric).put("from", from).put("to", to).put("windowMs", windowMs)
      .put("aggs", a).put("groupBy", new JsonArray(groupBy)).put("tags", Records.toJson(tags))
      .put("orderBy", orderBy == null ? null : orderBy.key()).put("descending", descending).put("limit", limit)
      .put("linearizable", linearizable);
  }

  public static AggregateRequest fromJson(JsonObject j) {
    List<Aggregate> aggs = j.getJsonArray("aggs").stream().map(x -> Aggregate.of((String) x)).toList();
    String orderBy = j.getString("orderBy");
    return new AggregateRequest(j.getString("metric"), j.getLong("from"), j.getLong("to"), j.getLong("windowMs"),
      aggs, Records.stringList(j.getJsonArray("groupBy")), Records.stringMap(j.getJsonObject("tags")),
      orderBy == null ? null : Aggregate.of(orderBy), j.getBoolean("descending"), j.getInteger("limit"),
      j.getBoolean("linearizable", false));
  }
}
