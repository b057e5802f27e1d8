package io.raftmetrics.cassandra.schema;

import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A keyspace replication map, from configuration (KairosDB's string form
 * {@code {'class': 'SimpleStrategy','replication_factor' : 1}} or a JSON object) or from
 * {@code system_schema.keyspaces}, comparable regardless of how the class is spelled.
 *
 * @param options the map; {@code class} is the short strategy name, every value a string
 */
public record Replication(Map<String, String> options) {

  private static final Pattern ENTRY = Pattern.compile("'([^']*)'\\s*:\\s*(?:'([^']*)'|([0-9]+))");
  private static final Pattern STRATEGY_PACKAGE = Pattern.compile("^org\\.apache\\.cassandra\\.locator\\.");

  /** KairosDB's default. */
  public static final Replication DEFAULT = new Replication(Map.of("class", "SimpleStrategy",
    "replication_factor", "1"));

  public Replication {
    TreeMap<String, String> copy = new TreeMap<>();
    // Datacenter names are case-sensitive; only the strategy key is matched loosely.
    options.forEach((k, v) -> copy.put(k.equalsIgnoreCase("class") ? "class" : k, v));
    String cls = copy.get("class");
    if (cls == null || cls.isBlank()) {
      throw new IllegalArgumentException("replication needs a 'class'");
    }
    copy.put("class", STRATEGY_PACKAGE.matcher(cls.trim()).replaceFirst(""));
    options = Map.copyOf(copy);
  }

  /**
   * @param literal a CQL map literal such as KairosDB's {@code replication} setting
   * @throws IllegalArgumentException if it is not one
   */
  public static Replication parse(String literal) {
    String s = literal.trim();
    if (!s.startsWith("{") || !s.endsWith("}")) {
      throw new IllegalArgumentException("not a CQL map literal: " + literal);
    }
    Map<String, String> map = new TreeMap<>();
    Matcher m = ENTRY.matcher(s);
    int consumed = 0;
    while (m.find()) {
      map.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
      consumed++;
    }
    if (consumed == 0) {
      throw new IllegalArgumentException("no 'key': value entries in " + literal);
    }
    return new Replication(map);
  }

  /** @param json a JSON object such as {@code {"class": "SimpleStrategy", "replication_factor": 1}} */
  public static Replication of(JsonObject json) {
    Map<String, String> map = new TreeMap<>();
    json.forEach(e -> map.put(e.getKey(), String.valueOf(e.getValue())));
    return new Replication(map);
  }

  /** @return the CQL map literal for {@code CREATE KEYSPACE ... WITH REPLICATION = } */
  public String toCql() {
    StringBuilder sb = new StringBuilder("{");
    options.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      if (sb.length() > 1) {
        sb.append(", ");
      }
      sb.append('\'').append(e.getKey().replace("'", "''")).append("': '")
        .append(e.getValue().replace("'", "''")).append('\'');
    });
    return sb.append('}').toString();
  }

  @Override
  public String toString() {
    return toCql();
  }
}
