package io.raftmetrics.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ColumnDefinition;
import com.datastax.oss.driver.api.core.cql.Row;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Dumps a table the way the fixture recordings were dumped ({@code storage.json}): the recorded {@code SELECT} (all
 * columns, plus {@code WRITETIME}/{@code TTL} of every regular and static column) on our keyspace, with blobs as
 * lowercase hex, timestamps as epoch milliseconds, timeuuids as strings and maps as sorted maps, rows in CQL (token)
 * order. Fixture rows convert to the same shapes with {@link #fromJson}.
 */
final class TableDump {

  private TableDump() {
  }

  /**
   * @param select the recorded select of the fixture keyspace
   * @param fixtureKeyspace the keyspace name in that select
   */
  static List<Map<String, Object>> dump(CqlSession session, String select, String fixtureKeyspace, String keyspace) {
    String cql = select.replace("\"" + fixtureKeyspace + "\".", "\"" + keyspace + "\".");
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Row r : session.execute(cql)) {
      Map<String, Object> row = new LinkedHashMap<>();
      int i = 0;
      for (ColumnDefinition c : r.getColumnDefinitions()) {
        String name = c.getName().asInternal().toLowerCase().replace("(", "_").replace(")", "").replace("\"", "");
        row.put(name, normalize(r.getObject(i++)));
      }
      if (row.containsKey("key") && "string_index".equals(tableOf(cql))) {
        row.put("key_text", new String(HexFormat.of().parseHex((String) row.get("key")), StandardCharsets.UTF_8));
      }
      rows.add(row);
    }
    return rows;
  }

  static Object normalize(Object v) {
    if (v instanceof ByteBuffer) {
      return HexFormat.of().formatHex(KairosReader.bytes((ByteBuffer) v));
    }
    if (v instanceof Instant) {
      return ((Instant) v).toEpochMilli();
    }
    if (v instanceof UUID) {
      return v.toString();
    }
    if (v instanceof Integer) {
      return ((Integer) v).longValue();
    }
    if (v instanceof Map) {
      Map<String, Object> m = new TreeMap<>();
      ((Map<?, ?>) v).forEach((k, x) -> m.put(k.toString(), normalize(x)));
      return m;
    }
    return v;
  }

  /** A fixture row in the shapes {@link #dump} produces. */
  static Map<String, Object> fromJson(JsonObject row) {
    Map<String, Object> out = new LinkedHashMap<>();
    row.entrySet().forEach(e -> out.put(e.getKey(), value(e.getValue())));
    return out;
  }

  private static Object value(JsonElement e) {
    if (e == null || e.isJsonNull()) {
      return null;
    }
    if (e.isJsonObject()) {
      Map<String, Object> m = new TreeMap<>();
      e.getAsJsonObject().entrySet().forEach(x -> m.put(x.getKey(), value(x.getValue())));
      return m;
    }
    if (e.getAsJsonPrimitive().isNumber()) {
      return e.getAsLong();
    }
    if (e.getAsJsonPrimitive().isBoolean()) {
      return e.getAsBoolean();
    }
    return e.getAsString();
  }

  private static String tableOf(String cql) {
    int from = cql.indexOf("FROM ");
    String qualified = cql.substring(from + 5).trim().split("\\s")[0];
    return qualified.substring(qualified.indexOf('.') + 1).replace("\"", "");
  }
}
