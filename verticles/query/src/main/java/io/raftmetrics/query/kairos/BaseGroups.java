package io.raftmetrics.query.kairos;

import io.raftmetrics.api.ingest.DataType;
import io.raftmetrics.store.SeriesInfo;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * KairosDB's first grouping of a query's series ({@code groupByTypeAndTag}): by type group ({@code number} for long
 * and double series, {@code text} for strings, in that order), then, with a {@code tag} group-by, by the values of
 * its tags: the group key is the concatenation of name and value of each group-by tag the series has (in the
 * group-by's order), and groups are sorted by that key.
 */
final class BaseGroups {

  /** A group of series, with the rendered {@code tag} and {@code type} group-by results. */
  record Base(String type, List<String> groupBy, List<SeriesInfo> series) {
  }

  private BaseGroups() {
  }

  /**
   * @param series the selected series
   * @param tagGroupBy the query's first {@code tag} group-by, or null
   * @return the groups in KairosDB's order
   */
  static List<Base> build(List<SeriesInfo> series, JsonObject tagGroupBy) {
    TreeMap<String, TreeMap<String, List<SeriesInfo>>> byType = new TreeMap<>();
    Map<String, String> tagResults = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    if (tagGroupBy != null) {
      tagGroupBy.getJsonArray("tags").forEach(n -> names.add((String) n));
    }
    for (SeriesInfo s : series) {
      String type = s.type() == DataType.STRING ? KairosAggregator.TEXT : KairosAggregator.NUMBER;
      String key = "";
      if (tagGroupBy != null) {
        StringBuilder k = new StringBuilder();
        KairosJson group = new KairosJson(64).raw('{');
        boolean first = true;
        for (String name : names) {
          String value = s.tags().get(name);
          if (value != null) {
            k.append(name).append(value);
            group.raw(first ? "" : ",").string(name).raw(':').string(value);
            first = false;
          }
        }
        key = k.toString();
        tagResults.putIfAbsent(type + "\u0000" + key, group.raw('}').toString());
      }
      byType.computeIfAbsent(type, t -> new TreeMap<>()).computeIfAbsent(key, x -> new ArrayList<>()).add(s);
    }
    List<Base> out = new ArrayList<>();
    byType.forEach((type, groups) -> groups.forEach((key, members) -> {
      List<String> groupBy = new ArrayList<>(2);
      if (tagGroupBy != null) {
        groupBy.add(tagResult(names, tagResults.get(type + "\u0000" + key)));
      }
      groupBy.add("{\"name\":\"type\",\"type\":\"" + type + "\"}");
      out.add(new Base(type, groupBy, members));
    }));
    return out;
  }

  private static String tagResult(List<String> names, String group) {
    KairosJson j = new KairosJson(64).raw("{\"name\":\"tag\",\"tags\":[");
    for (int i = 0; i < names.size(); i++) {
      j.raw(i == 0 ? "" : ",").string(names.get(i));
    }
    return j.raw("],\"group\":").raw(group).raw('}').toString();
  }
}
