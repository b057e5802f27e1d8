package io.raftmetrics.gateway.kairos;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the simple fields of one {@code metrics[]} entry in the order and with the conversions of KairosDB's metric
 * deserializer: {@code name}, {@code exclude_tags}, {@code tags} (a value or a list of values per tag; an empty list
 * filters nothing), {@code limit}; then checks the name.
 */
final class MetricReader {

  /** The fields read; tags are sorted by name and value, without duplicates. */
  record Fields(String name, boolean excludeTags, Map<String, List<String>> tags, int limit) {
  }

  private MetricReader() {
  }

  static Fields read(String context, JsonElement element) throws QueryError {
    if (!element.isJsonObject()) {
      // Gson wraps the IllegalStateException of getAsJsonObject: KairosDB answers 400 with this text.
      throw QueryError.of("java.lang.IllegalStateException: Not a JSON Object: " + element);
    }
    JsonObject o = element.getAsJsonObject();
    String name = null;
    JsonElement n = o.get("name");
    if (n != null && !n.isJsonNull()) {
      if (!n.isJsonPrimitive()) {
        throw QueryError.violation(context, "name", "must be a string");
      }
      name = n.getAsString();
    }
    boolean excludeTags = false;
    JsonElement x = o.get("exclude_tags");
    if (x != null && !x.isJsonNull()) {
      if (!x.isJsonPrimitive()) {
        throw QueryError.violation(context, "exclude_tags", "must be a boolean");
      }
      excludeTags = x.getAsBoolean();
    }
    Map<String, List<String>> tags = tags(context, o.get("tags"));
    int limit = 0;
    JsonElement l = o.get("limit");
    if (l != null) {
      try {
        if (!l.isJsonPrimitive()) {
          throw new NumberFormatException();
        }
        limit = l.getAsInt();
      } catch (NumberFormatException e) {
        // KairosDB: 500 For input string: "ten"
        throw QueryError.violation(context, "limit", "must be an integer, got " + l);
      }
    }
    if (name == null) {
      throw QueryError.violation(context, "name", Violations.MAY_NOT_BE_NULL);
    }
    if (name.isEmpty()) {
      throw QueryError.violation(context, "name", Violations.MAY_NOT_BE_EMPTY);
    }
    return new Fields(name, excludeTags, tags, limit);
  }

  private static Map<String, List<String>> tags(String context, JsonElement json) throws QueryError {
    TreeMap<String, TreeSet<String>> tags = new TreeMap<>();
    if (json == null) {
      return Map.of();
    }
    if (!json.isJsonObject()) {
      throw QueryError.of("java.lang.IllegalStateException: Not a JSON Object: " + json);
    }
    int count = 0;
    for (Map.Entry<String, JsonElement> e : json.getAsJsonObject().entrySet()) {
      String tagContext = "tags[" + count + "]";
      if (e.getKey().isEmpty()) {
        throw QueryError.violation(context, tagContext, "name must not be empty");
      }
      List<JsonElement> values = new ArrayList<>();
      if (e.getValue().isJsonArray()) {
        e.getValue().getAsJsonArray().forEach(values::add);
      } else {
        values.add(e.getValue());
      }
      for (JsonElement v : values) {
        if (v.isJsonNull() || (v.isJsonPrimitive() && v.getAsString().isEmpty())) {
          throw QueryError.violation(context, tagContext + "." + e.getKey(), "value must not be null or empty");
        }
        if (!v.isJsonPrimitive()) {
          throw QueryError.violation(context, tagContext + "." + e.getKey(), "value must be a string");
        }
        String value = v.getAsString();
        checkRegex(context, tagContext + "." + e.getKey(), value);
        tags.computeIfAbsent(e.getKey(), k -> new TreeSet<>()).add(value);
      }
      count++;
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    tags.forEach((k, v) -> out.put(k, List.copyOf(v)));
    return out;
  }

  private static void checkRegex(String context, String path, String value) throws QueryError {
    if (value.startsWith("regex:")) {
      try {
        Pattern.compile(value.substring("regex:".length()));
      } catch (PatternSyntaxException e) {
        // KairosDB compiles it while reading rows: 500.
        throw QueryError.violation(context, path, "value is not a valid regular expression: " + e.getDescription());
      }
    }
  }

  /** KairosDB's test for a component name: absent or empty means no name. */
  static String nameOf(JsonObject js) {
    JsonElement name = js.get("name");
    if (name == null || !name.isJsonPrimitive()) {
      return null;
    }
    return name.getAsString();
  }
}
