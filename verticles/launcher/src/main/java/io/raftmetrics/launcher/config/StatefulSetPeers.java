package io.raftmetrics.launcher.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Raft peers from the pod names of a Kubernetes StatefulSet, so a raft StatefulSet's configuration needs no list
 * that must change with {@code replicas}:
 *
 * <pre>
 * raft:
 *   statefulset:
 *     name: raftmetrics-raft        # pods raftmetrics-raft-0 .. raftmetrics-raft-(replicas-1), also the peer ids
 *     replicas: 3
 *     service: raftmetrics-raft     # the headless service: peer address &lt;pod&gt;.&lt;service&gt;:port
 *     namespace: metrics            # optional: &lt;pod&gt;.&lt;service&gt;.&lt;namespace&gt;.svc.&lt;cluster_domain&gt;
 *     cluster_domain: cluster.local # optional, with namespace
 *     port: 9872                    # optional
 * </pre>
 *
 * An explicit {@code raft.peers} (or {@code WORKER_HOSTS}) wins. The node id must then be the pod name
 * ({@code NODE_ID} from {@code metadata.name}).
 */
final class StatefulSetPeers {

  static final String KEY = "statefulset";

  private StatefulSetPeers() {
  }

  /** @return the peers the {@code raft.statefulset} section describes */
  static JsonArray peers(JsonObject statefulSet) {
    String name = string(statefulSet, "name");
    String service = string(statefulSet, "service");
    int replicas = integer(statefulSet, "replicas", -1, 1, 99);
    int port = integer(statefulSet, "port", Overrides.DEFAULT_RAFT_PORT, 1, 65535);
    String namespace = statefulSet.getString("namespace");
    String domain = statefulSet.getString("cluster_domain", "cluster.local");
    String suffix = namespace == null || namespace.isBlank() ? "" : "." + namespace.trim() + ".svc." + domain;
    JsonArray peers = new JsonArray();
    for (int i = 0; i < replicas; i++) {
      String pod = name + "-" + i;
      peers.add(new JsonObject().put("id", pod).put("address", pod + "." + service + suffix + ":" + port));
    }
    return peers;
  }

  private static String string(JsonObject o, String key) {
    Object v = o.getValue(key);
    if (!(v instanceof String s) || s.isBlank()) {
      throw new ConfigException("raft.statefulset." + key, "missing");
    }
    return s.trim();
  }

  private static int integer(JsonObject o, String key, int def, int min, int max) {
    Object v = o.getValue(key);
    if (v == null && def >= 0) {
      return def;
    }
    if (!(v instanceof Integer || v instanceof Long)) {
      throw new ConfigException("raft.statefulset." + key, v == null ? "missing" : "must be an integer, got '" + v + "'");
    }
    long n = ((Number) v).longValue();
    if (n < min || n > max) {
      throw new ConfigException("raft.statefulset." + key, "must be between " + min + " and " + max + ", got " + n);
    }
    return (int) n;
  }
}
