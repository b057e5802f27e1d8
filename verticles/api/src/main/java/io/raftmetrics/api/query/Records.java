package io.raftmetrics.api.query;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON conversions shared by the query records. */
final class Records {

  private Records() {
  }

  static JsonObject toJson(Map<String, String> map) {
    JsonObject o = new JsonObject();
    map.forEach(o::put);
    return o;
  }

  static Map<String, String> stringMap(JsonObject o) {
    Map<String, String> m = new LinkedHashMap<>();
    if (o != null) {
      o.forEach(e -> m.put(e.getKey(), String.valueOf(e.getValue())));
    }
    return m;
  }

  static Map<String, Object> valueMap(JsonObject o) {
    Map<String, Object> m = new LinkedHashMap<>();
    o.forEach(e -> {
      Object v = e.getValue();
      // Integers come back from the wire for small longs; counts are longs, everything else a double.
      if (v instanceof Number n) {
        v = e.getKey().equals("count") ? (Object) n.longValue() : (Object) n.doubleValue();
      }
      m.put(e.getKey(), v);
    });
    return m;
  }

  static List<String> stringList(JsonArray a) {
    List<String> l = new ArrayList<>(a.size());
    a.forEach(x -> l.add((String) x));
    return l;
  }

  /** Keeps insertion order (aggregates appear as asked) and allows null values, unlike Map.copyOf. */
  static <V> Map<String, V> orderedCopy(Map<String, V> m) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }
}
