package io.raftmetrics.api.query;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answer to {@link AggregateRequest}. Aggregate values are {@link Long} for {@code count}, {@link Double} otherwise,
 * and null where there is no data (e.g. {@code avg} of nothing).
 *
 * @param aggregations over every matching point
 * @param windows per window when a window was asked for (otherwise empty), in time order unless ordered by an aggregate
 * @param groups per tag group when {@code groupBy} was given (otherwise empty)
 */
public record AggregateResult(Map<String, Object> aggregations, List<Window> windows, List<Group> groups) {

  public AggregateResult {
    aggregations = Records.orderedCopy(aggregations);
    windows = List.copyOf(windows);
    groups = List.copyOf(groups);
  }

  /** One window {@code [start, end)}. */
  public record Window(long start, long end, Map<String, Object> aggregations) {
    public Window {
      aggregations = Records.orderedCopy(aggregations);
    }

    JsonObject toJson() {
      return new JsonObject().put("start", start).put("end", end).put("aggregations", new JsonObject(new LinkedHashMap<>(aggregations)));
    }

    static Window fromJson(JsonObject j) {
      return new Window(j.getLong("start"), j.getLong("end"), Records.valueMap(j.getJsonObject("aggregations")));
    }
  }

  /** One group of series sharing the values of the group-by tags. */
  public record Group(Map<String, String> tags, Map<String, Object> aggregations, List<Window> windows) {
    public Group {
      tags = Records.orderedCopy(tags);
      aggregations = Records.orderedCopy(aggregations);
      windows = List.copyOf(windows);
    }

    JsonObject toJson() {
      JsonArray w = new JsonArray();
      windows.forEach(x -> w.add(x.toJson()));
      return new JsonObject().put("tags", new JsonObject(new LinkedHashMap<>(tags)))
        .put("aggregations", new JsonObject(new LinkedHashMap<>(aggregations))).put("windows", w);
    }

    static Group fromJson(JsonObject j) {
      List<Window> ws = new ArrayList<>();
      j.getJsonArray("windows").forEach(x -> ws.add(Window.fromJson((JsonObject) x)));
      return new Group(Records.stringMap(j.getJsonObject("tags")), Records.valueMap(j.getJsonObject("aggregations")), ws);
    }
  }

  public JsonObject toJson() {
    JsonArray w = new JsonArray();
    windows.forEach(x -> w.add(x.toJson()));
    JsonArray g = new JsonArray();
    groups.forEach(x -> g.add(x.toJson()));
    return new JsonObject().put("aggregations", new JsonObject(new LinkedHashMap<>(aggregations))).put("windows", w)
      .put("groups", g);
  }

  public static AggregateResult fromJson(JsonObject j) {
    List<Window> ws = new ArrayList<>();
    j.getJsonArray("windows").forEach(x -> ws.add(Window.fromJson((JsonObject) x)));
    List<Group> gs = new ArrayList<>();
    j.getJsonArray("groups").forEach(x -> gs.add(Group.fromJson((JsonObject) x)));
    return new AggregateResult(Records.valueMap(j.getJsonObject("aggregations")), ws, gs);
  }
}
