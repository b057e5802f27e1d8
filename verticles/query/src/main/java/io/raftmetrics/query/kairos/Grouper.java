package io.raftmetrics.query.kairos;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code time}, {@code value} and {@code bin} group-bys, applied to one tag/type group as KairosDB's
 * {@code Grouper} does: every point gets a group id per group-by; groups appear in the order their first point does;
 * each group's {@code group_by} lists these results before the input group's (tag, type). Its tags are those of the
 * input group, in the iteration order of the Guava {@code HashMultimap} KairosDB copies them into (a
 * {@code HashMap} sized for 12 keys whose sets are sized for 2 values), which is the order KairosDB prints.
 */
final class Grouper {

  private Grouper() {
  }

  static List<ResultGroup> group(List<JsonObject> groupBys, ResultGroup in) {
    int k = groupBys.size();
    Map<List<Integer>, ResultGroup> groups = new LinkedHashMap<>();
    Map<String, List<String>> tags = hashMultimapOrder(in.tags);
    Points p = in.points;
    for (int i = 0; i < p.size(); i++) {
      List<Integer> ids = new ArrayList<>(k);
      for (JsonObject g : groupBys) {
        ids.add(groupId(g, p, i));
      }
      ResultGroup group = groups.get(ids);
      if (group == null) {
        List<String> results = new ArrayList<>(k + in.groupBy.size());
        for (int j = 0; j < k; j++) {
          results.add(resultJson(groupBys.get(j), ids.get(j)));
        }
        results.addAll(in.groupBy);
        group = new ResultGroup(results, tags, in.type, new Points());
        groups.put(ids, group);
      }
      group.points.add(p, i);
    }
    return new ArrayList<>(groups.values());
  }

  static int groupId(JsonObject g, Points p, int i) {
    switch (g.getString("name")) {
      case "time":
        return timeGroup(g, p.ts(i));
      case "value": {
        int range = g.getInteger("range_size");
        if (p.kind(i) == Points.LONG) {
          return (int) (p.longValue(i) / range);
        }
        return p.kind(i) == Points.DOUBLE ? ((int) p.doubleValue(i)) / range : -1;
      }
      default: {
        if (!p.isNumber(i)) {
          return -1;
        }
        double v = p.doubleValue(i);
        JsonArray bins = g.getJsonArray("bins");
        if (v < bins.getDouble(0)) {
          return 0;
        }
        for (int b = 0; b < bins.size() - 1; b++) {
          if (v >= bins.getDouble(b) && v < bins.getDouble(b + 1)) {
            return b + 1;
          }
        }
        return bins.size();
      }
    }
  }

  private static int timeGroup(JsonObject g, long ts) {
    JsonObject range = g.getJsonObject("range_size");
    int count = g.getInteger("group_count");
    long start = g.getLong("start_date");
    String unit = range.getString("unit");
    if (unit.equals("MONTHS")) {
      ZonedDateTime t = Instant.ofEpochMilli(ts).atZone(ZoneOffset.UTC);
      ZonedDateTime s = Instant.ofEpochMilli(start).atZone(ZoneOffset.UTC);
      return ((t.getYear() - s.getYear()) * 12 + (t.getMonthValue() - s.getMonthValue())) % count;
    }
    long ms = range.getLong("value");
    switch (unit) {
      case "YEARS": ms *= 52L * 7 * 24 * 60 * 60 * 1000; break;
      case "WEEKS": ms *= 7L * 24 * 60 * 60 * 1000; break;
      case "DAYS": ms *= 24L * 60 * 60 * 1000; break;
      case "HOURS": ms *= 60L * 60 * 1000; break;
      case "MINUTES": ms *= 60L * 1000; break;
      case "SECONDS": ms *= 1000L; break;
      default: break;
    }
    return (int) (((ts - start) / ms) % count);
  }

  static String resultJson(JsonObject g, int id) {
    KairosJson j = new KairosJson(96).raw("{\"name\":").string(g.getString("name"));
    switch (g.getString("name")) {
      case "time" -> {
        JsonObject range = g.getJsonObject("range_size");
        j.raw(",\"range_size\":{\"value\":").number(range.getLong("value")).raw(",\"unit\":")
          .string(range.getString("unit")).raw("},\"group_count\":").number(g.getInteger("group_count"))
          .raw(",\"group\":{\"group_number\":").number(id).raw("}}");
      }
      case "value" -> j.raw(",\"range_size\":").number(g.getInteger("range_size"))
        .raw(",\"group\":{\"group_number\":").number(id).raw("}}");
      default -> {
        j.raw(",\"bins\":[");
        JsonArray bins = g.getJsonArray("bins");
        for (int b = 0; b < bins.size(); b++) {
          if (b > 0) {
            j.raw(',');
          }
          j.number(bins.getDouble(b));
        }
        j.raw("],\"group\":{\"bin_number\":").number(id).raw("}}");
      }
    }
    return j.toString();
  }

  /**
   * The tags in the order a Guava 28 {@code HashMultimap.create()} iterates them after receiving them in
   * {@code sorted} order: keys in a {@code HashMap} with initial capacity 17, values in {@code HashSet}s with
   * initial capacity 3, both filled with {@code put} (insertion at the end of a bucket).
   */
  static Map<String, List<String>> hashMultimapOrder(Map<String, List<String>> sorted) {
    HashMap<String, HashSet<String>> keys = new HashMap<>(17);
    for (Map.Entry<String, List<String>> e : sorted.entrySet()) {
      HashSet<String> values = keys.get(e.getKey());
      if (values == null) {
        values = new HashSet<>(3);
        keys.put(e.getKey(), values);
      }
      values.addAll(e.getValue());
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    keys.forEach((k, v) -> out.put(k, new ArrayList<>(v)));
    return out;
  }
}
