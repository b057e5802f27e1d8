package io.raftmetrics.launcher.config;

import io.raftmetrics.api.Addresses;
import io.raftmetrics.launcher.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Loads a node's configuration once, before Vert.x starts: built-in defaults, then the YAML files in the order
 * given, then {@link Overrides environment and system properties}; then validates what the launcher itself needs.
 * Each role validates the rest of its own section when it starts.
 */
public final class ConfigLoader {

  static final String DEFAULTS = "/raftmetrics-defaults.yaml";

  private ConfigLoader() {
  }

  /** Loads with this process' environment and system properties. */
  public static NodeConfig load(List<Path> files) {
    return load(files, System.getenv(), System.getProperties());
  }

  public static NodeConfig load(List<Path> files, Map<String, String> env, Properties props) {
    JsonObject conf = defaults();
    for (Path f : files) {
      deepMerge(conf, YamlFiles.read(f));
    }
    Overrides.apply(conf, env, props);
    return validate(conf);
  }

  static JsonObject defaults() {
    try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS)) {
      if (in == null) {
        throw new IllegalStateException("built-in defaults missing from the launcher jar");
      }
      return YamlFiles.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "built-in defaults");
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the built-in defaults", e);
    }
  }

  /** Objects merge key by key; any other value (lists included) replaces. */
  static void deepMerge(JsonObject target, JsonObject source) {
    source.forEach(e -> {
      Object mine = target.getValue(e.getKey());
      if (mine instanceof JsonObject m && e.getValue() instanceof JsonObject s) {
        deepMerge(m, s);
      } else {
        target.put(e.getKey(), e.getValue());
      }
    });
  }

  static NodeConfig validate(JsonObject conf) {
    JsonObject node = object(conf, "node");
    String id = string(node, "node.id");
    List<Role> roles = roles(node);
    int shards = integer(conf, "shards", 1, Addresses.MAX_SHARDS);
    String dataDir = string(node, "node.data_dir");
    if (conf.containsKey("management")) {
      integer(object(conf, "management"), "management.port", 0, 65535);
    }
    if (roles.contains(Role.GATEWAY)) {
      integer(object(conf, "gateway"), "gateway.port", 0, 65535);
    }
    return new NodeConfig(id, roles, shards, Paths.get(dataDir), conf);
  }

  private static List<Role> roles(JsonObject node) {
    Object raw = node.getValue("roles");
    if (raw == null) {
      throw new ConfigException("node.roles", "missing (a list of roles: gateway, raft, query, cassandra)");
    }
    if (!(raw instanceof JsonArray list) || list.isEmpty()) {
      throw new ConfigException("node.roles", "must be a non-empty list of roles (gateway, raft, query, cassandra)");
    }
    Set<Role> seen = EnumSet.noneOf(Role.class);
    for (Object o : list) {
      Role r = o instanceof String s ? Role.of(s.trim()) : null;
      if (r == null) {
        throw new ConfigException("node.roles", "unknown role '" + o + "' (known: gateway, raft, query, cassandra)");
      }
      if (!seen.add(r)) {
        throw new ConfigException("node.roles", "role '" + r.key() + "' listed twice");
      }
    }
    return new ArrayList<>(seen);
  }

  private static JsonObject object(JsonObject parent, String key) {
    Object o = parent.getValue(key);
    if (o == null) {
      throw new ConfigException(key, "missing");
    }
    if (!(o instanceof JsonObject j)) {
      throw new ConfigException(key, "must be a mapping");
    }
    return j;
  }

  private static String string(JsonObject parent, String path) {
    String key = path.substring(path.lastIndexOf('.') + 1);
    Object o = parent.getValue(key);
    if (o == null || (o instanceof String s && s.isBlank())) {
      throw new ConfigException(path, "missing");
    }
    if (!(o instanceof String) && !(o instanceof Number)) {
      throw new ConfigException(path, "must be a string");
    }
    return String.valueOf(o).trim();
  }

  private static int integer(JsonObject parent, String path, int min, int max) {
    String key = path.substring(path.lastIndexOf('.') + 1);
    Object o = parent.getValue(key);
    if (o == null) {
      throw new ConfigException(path, "missing");
    }
    if (!(o instanceof Integer || o instanceof Long)) {
      throw new ConfigException(path, "must be an integer, got '" + o + "'");
    }
    long v = ((Number) o).longValue();
    if (v < min || v > max) {
      throw new ConfigException(path, "must be between " + min + " and " + max + ", got " + v);
    }
    return (int) v;
  }
}
