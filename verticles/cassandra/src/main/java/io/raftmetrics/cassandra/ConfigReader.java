package io.raftmetrics.cassandra;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Typed, validated access to one JSON configuration object; every problem becomes a {@link ConfigException} naming
 * the full key ({@code cassandra.batch.max_statements: ...}).
 */
final class ConfigReader {

  private final JsonObject json;
  private final String prefix;

  ConfigReader(JsonObject json, String prefix) {
    this.json = json == null ? new JsonObject() : json;
    this.prefix = prefix;
  }

  ConfigReader section(String key) {
    Object v = json.getValue(key);
    if (v != null && !(v instanceof JsonObject)) {
      throw new ConfigException(prefix + key, "must be an object");
    }
    return new ConfigReader((JsonObject) v, prefix + key + ".");
  }

  boolean has(String key) {
    return json.getValue(key) != null;
  }

  String string(String key, String def) {
    Object v = json.getValue(key);
    if (v == null) {
      if (def == null) {
        throw new ConfigException(prefix + key, "missing");
      }
      return def;
    }
    if (!(v instanceof String) || ((String) v).isBlank()) {
      throw new ConfigException(prefix + key, "must be a non-empty string");
    }
    return ((String) v).trim();
  }

  String optionalString(String key) {
    return has(key) ? string(key, "") : null;
  }

  long number(String key, long def, long min, long max) {
    Object v = json.getValue(key);
    if (v == null) {
      return def;
    }
    long n;
    if (v instanceof Number && ((Number) v).doubleValue() == Math.rint(((Number) v).doubleValue())) {
      n = ((Number) v).longValue();
    } else if (v instanceof String && ((String) v).trim().matches("-?[0-9]{1,18}")) {
      n = Long.parseLong(((String) v).trim());
    } else {
      throw new ConfigException(prefix + key, "must be an integer (got " + v + ")");
    }
    if (n < min || n > max) {
      throw new ConfigException(prefix + key, "must be between " + min + " and " + max + " (got " + n + ")");
    }
    return n;
  }

  int integer(String key, int def, int min, int max) {
    return (int) number(key, def, min, max);
  }

  boolean bool(String key, boolean def) {
    Object v = json.getValue(key);
    if (v == null) {
      return def;
    }
    if (v instanceof Boolean) {
      return (Boolean) v;
    }
    if (v instanceof String && ("true".equalsIgnoreCase((String) v) || "false".equalsIgnoreCase((String) v))) {
      return Boolean.parseBoolean((String) v);
    }
    throw new ConfigException(prefix + key, "must be true or false (got " + v + ")");
  }

  /** A list of strings, given as a JSON array or a comma-separated string. */
  List<String> strings(String key) {
    Object v = json.getValue(key);
    List<String> out = new ArrayList<>();
    if (v instanceof JsonArray) {
      for (Object o : (JsonArray) v) {
        if (!(o instanceof String) || ((String) o).isBlank()) {
          throw new ConfigException(prefix + key, "must be a list of non-empty strings");
        }
        out.add(((String) o).trim());
      }
    } else if (v instanceof String) {
      for (String s : ((String) v).split(",")) {
        if (!s.isBlank()) {
          out.add(s.trim());
        }
      }
    } else if (v != null) {
      throw new ConfigException(prefix + key, "must be a list of strings");
    }
    if (out.isEmpty()) {
      throw new ConfigException(prefix + key, "missing");
    }
    return out;
  }

  <E extends Enum<E>> E enumeration(String key, Class<E> type, E def) {
    String v = string(key, def == null ? null : def.name());
    try {
      return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      List<String> names = new ArrayList<>();
      for (E c : type.getEnumConstants()) {
        names.add(c.name().toLowerCase(Locale.ROOT));
      }
      throw new ConfigException(prefix + key, "must be one of " + names + " (got " + v + ")");
    }
  }

  Object raw(String key) {
    return json.getValue(key);
  }

  String key(String key) {
    return prefix + key;
  }
}
