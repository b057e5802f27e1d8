package io.raftmetrics.launcher.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Applies environment variables and system properties over the configuration files.
 *
 * <ul>
 *   <li>The simple variables of the RaftMetrics contract: {@code NODE_ID}, {@code NODE_ROLE}
 *       ({@code control} = gateway, {@code worker} = raft + query (+ cassandra when {@code cassandra.enabled}),
 *       {@code all}, or a comma list of roles), {@code PORT} (the gateway's HTTP port, or the management port on a
 *       node without gateway), {@code AUTH_TOKEN} (one more static token with every scope) and
 *       {@code WORKER_HOSTS} (Raft peers, {@code [id@]host[:port]} comma-separated; the id defaults to the host and
 *       the port to 9872).</li>
 *   <li>Any key: environment variable {@code RAFTMETRICS_<PATH>} where the path's segments are joined by {@code __}
 *       ({@code RAFTMETRICS_GATEWAY__LIMITS__MAX_BODY_BYTES=1048576}), or system property
 *       {@code -Draftmetrics.<dotted.path>=value}. Values are read as YAML ({@code 8080}, {@code true},
 *       {@code [a, b]}).</li>
 * </ul>
 * Order, last wins: files, simple variables, {@code RAFTMETRICS_*} variables, system properties.
 */
final class Overrides {

  static final String ENV_PREFIX = "RAFTMETRICS_";
  static final String PROP_PREFIX = "raftmetrics.";
  static final int DEFAULT_RAFT_PORT = 9872;

  private Overrides() {
  }

  static void apply(JsonObject conf, Map<String, String> env, Properties props) {
    simple(conf, env);
    env.forEach((k, v) -> {
      if (k.startsWith(ENV_PREFIX) && k.length() > ENV_PREFIX.length()) {
        String path = k.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace("__", ".");
        set(conf, path, YamlFiles.scalar(k, v));
      }
    });
    for (String name : props.stringPropertyNames()) {
      if (name.startsWith(PROP_PREFIX) && name.length() > PROP_PREFIX.length()) {
        set(conf, name.substring(PROP_PREFIX.length()), YamlFiles.scalar("-D" + name, props.getProperty(name)));
      }
    }
  }

  private static void simple(JsonObject conf, Map<String, String> env) {
    String nodeId = env.get("NODE_ID");
    if (nonBlank(nodeId)) {
      set(conf, "node.id", nodeId.trim());
    }
    String role = env.get("NODE_ROLE");
    if (nonBlank(role)) {
      set(conf, "node.roles", roles(role.trim(), conf));
    }
    String hosts = env.get("WORKER_HOSTS");
    if (nonBlank(hosts)) {
      set(conf, "raft.peers", peers(hosts));
    }
    String token = env.get("AUTH_TOKEN");
    if (nonBlank(token)) {
      JsonObject auth = section(section(conf, "gateway"), "auth");
      JsonArray tokens = auth.getJsonArray("tokens", new JsonArray());
      tokens.add(new JsonObject().put("name", "AUTH_TOKEN").put("token", token.trim())
        .put("scopes", new JsonArray().add("read").add("write").add("delete").add("admin")));
      auth.put("tokens", tokens);
    }
    String port = env.get("PORT");
    if (nonBlank(port)) {
      Object value = YamlFiles.scalar("PORT", port.trim());
      JsonArray roles = section(conf, "node").getJsonArray("roles", new JsonArray());
      set(conf, roles.contains("gateway") ? "gateway.port" : "management.port", value);
    }
  }

  private static JsonArray roles(String role, JsonObject conf) {
    JsonArray roles = new JsonArray();
    switch (role.toLowerCase(Locale.ROOT)) {
      case "control":
        return roles.add("gateway");
      case "worker":
        roles.add("raft").add("query");
        if (section(conf, "cassandra").getBoolean("enabled", false)) {
          roles.add("cassandra");
        }
        return roles;
      case "all":
        roles.add("gateway").add("raft").add("query");
        if (section(conf, "cassandra").getBoolean("enabled", false)) {
          roles.add("cassandra");
        }
        return roles;
      default:
        for (String r : role.split(",")) {
          roles.add(r.trim());
        }
        return roles;
    }
  }

  static JsonArray peers(String hosts) {
    JsonArray peers = new JsonArray();
    for (String raw : hosts.split(",")) {
      String entry = raw.trim();
      if (entry.isEmpty()) {
        continue;
      }
      String id = null;
      int at = entry.indexOf('@');
      if (at >= 0) {
        id = entry.substring(0, at);
        entry = entry.substring(at + 1);
      }
      String host = entry;
      int port = DEFAULT_RAFT_PORT;
      int colon = entry.lastIndexOf(':');
      if (colon > 0) {
        host = entry.substring(0, colon);
        try {
          port = Integer.parseInt(entry.substring(colon + 1));
        } catch (NumberFormatException e) {
          throw new ConfigException("WORKER_HOSTS", "bad port in '" + raw.trim() + "'");
        }
      }
      if (host.isEmpty()) {
        throw new ConfigException("WORKER_HOSTS", "empty host in '" + raw.trim() + "'");
      }
      peers.add(new JsonObject().put("id", id == null || id.isEmpty() ? host : id).put("address", host + ":" + port));
    }
    if (peers.isEmpty()) {
      throw new ConfigException("WORKER_HOSTS", "no peer given");
    }
    return peers;
  }

  /** Sets a dotted path, creating intermediate objects. */
  static void set(JsonObject conf, String path, Object value) {
    String[] parts = path.split("\\.");
    JsonObject cur = conf;
    for (int i = 0; i < parts.length - 1; i++) {
      if (parts[i].isEmpty()) {
        throw new ConfigException(path, "empty path segment");
      }
      cur = section(cur, parts[i]);
    }
    cur.put(parts[parts.length - 1], value);
  }

  static JsonObject section(JsonObject parent, String key) {
    Object o = parent.getValue(key);
    if (o instanceof JsonObject j) {
      return j;
    }
    JsonObject j = new JsonObject();
    parent.put(key, j);
    return j;
  }

  private static boolean nonBlank(String s) {
    return s != null && !s.isBlank();
  }
}
