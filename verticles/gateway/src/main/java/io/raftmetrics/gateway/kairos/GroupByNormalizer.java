package io.raftmetrics.gateway.kairos;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.vertx.core.json.JsonArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Validates one {@code group_by} entry as KairosDB does and returns its normalised form (every parameter present;
 * see {@code docs/kairos-query.md}):
 * <ul>
 *   <li>{@code {"name":"tag","tags":["host"]}}</li>
 *   <li>{@code {"name":"time","range_size":{"value":1,"unit":"MINUTES"},"group_count":3,"start_date":ms}}</li>
 *   <li>{@code {"name":"value","range_size":25}}</li>
 *   <li>{@code {"name":"bin","bins":[2.0,5.0]}}</li>
 * </ul>
 */
final class GroupByNormalizer {

  private GroupByNormalizer() {
  }

  /**
   * @param metricContext e.g. {@code query.metric[0]}
   * @param index position in {@code group_by}
   * @param element the entry
   * @param start the query start (the time group-by counts from it)
   */
  static io.vertx.core.json.JsonObject normalize(String metricContext, int index, JsonElement element, long start)
    throws QueryError {
    String groupContext = "group_by[" + index + "]";
    if (!element.isJsonObject()) {
      throw QueryError.violation(metricContext, groupContext, "must be an object");
    }
    JsonObject js = element.getAsJsonObject();
    String name = MetricReader.nameOf(js);
    if (name == null || name.isEmpty()) {
      throw QueryError.violation(metricContext, groupContext, "must have a name");
    }
    ComponentSpec spec = Components.GROUP_BYS.get(name);
    if (spec == null) {
      throw QueryError.violation(metricContext, groupContext + "." + name, "invalid group_by name");
    }
    String context = metricContext + "." + groupContext;
    Map<String, Object> v = PropertyBinder.bind(context, js, spec);
    io.vertx.core.json.JsonObject out = new io.vertx.core.json.JsonObject().put("name", name);
    List<String> violations = new ArrayList<>();
    switch (name) {
      case "tag": {
        Object tags = v.get("tags");
        if (tags == null) {
          violations.add(Violations.format(context, "tags", Violations.MAY_NOT_BE_NULL));
        } else if (((List<?>) tags).isEmpty()) {
          violations.add(Violations.format(context, "tags", Violations.MAY_NOT_BE_EMPTY));
        } else {
          JsonArray names = new JsonArray();
          for (Object t : (List<?>) tags) {
            if (!(t instanceof String s)) {
              throw QueryError.violation(context, "tags", "must be a list of tag names (strings)");
            }
            names.add(s);
          }
          out.put("tags", names);
        }
        break;
      }
      case "time": {
        QueryFields.Duration range = (QueryFields.Duration) v.get("range_size");
        int count = (Integer) v.getOrDefault("group_count", 0);
        if (range == null) {
          violations.add(Violations.format(context, "rangeSize", Violations.MAY_NOT_BE_NULL));
        }
        if (count < 1) {
          violations.add(Violations.format(context, "groupCount", Violations.atLeast(1)));
        }
        if (range != null && range.value == 0 && range.unit != KairosTimeUnit.MONTHS) {
          // KairosDB divides by the range in milliseconds: 500 "/ by zero".
          violations.add(Violations.format(context, "range_size.value", Violations.MAY_NOT_BE_ZERO));
        }
        if (violations.isEmpty()) {
          out.put("range_size", new io.vertx.core.json.JsonObject().put("value", range.value)
            .put("unit", range.unit.name())).put("group_count", count).put("start_date", start);
        }
        break;
      }
      case "value": {
        int range = (Integer) v.getOrDefault("range_size", 0);
        if (range < 1) {
          violations.add(Violations.format(context, "rangeSize", Violations.atLeast(1)));
        }
        out.put("range_size", range);
        break;
      }
      default: {
        double[] bins = (double[]) v.get("bins");
        if (bins == null) {
          violations.add(Violations.format(context, "bins", Violations.MAY_NOT_BE_NULL));
        } else if (bins.length == 0) {
          violations.add(Violations.format(context, "bins", Violations.MAY_NOT_BE_EMPTY));
        } else {
          JsonArray a = new JsonArray();
          for (double b : bins) {
            a.add(b);
          }
          out.put("bins", a);
        }
      }
    }
    if (!violations.isEmpty()) {
      throw new QueryError(400, violations);
    }
    return out;
  }
}
