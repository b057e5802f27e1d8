package io.raftmetrics.launcher.config;

import io.raftmetrics.launcher.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A validated node configuration: who this node is, which roles it runs, and each role's section as its verticle
 * will receive it through {@code config()}.
 *
 * @param nodeId this node's id (also its Raft peer id)
 * @param roles roles to deploy, in deployment order
 * @param shards number of shards (Raft groups) of the cluster
 * @param dataDir root of the node's data
 * @param conf the whole merged configuration
 */
public record NodeConfig(String nodeId, List<Role> roles, int shards, Path dataDir, JsonObject conf) {

  /** Checks at load time what {@link #section} derives, so a bad derived key stops start-up like any other. */
  public NodeConfig {
    if (roles.contains(Role.RAFT)) {
      section(Role.RAFT, conf, nodeId, shards, dataDir);
    }
  }

  /**
   * The section a role's verticle receives: its own keys plus what it derives from the node ({@code node_id},
   * {@code shards}, data directories), which the section may override.
   */
  public JsonObject section(Role role) {
    return section(role, conf, nodeId, shards, dataDir);
  }

  private static JsonObject section(Role role, JsonObject conf, String nodeId, int shards, Path dataDir) {
    JsonObject own = conf.getJsonObject(role.key(), new JsonObject()).copy();
    JsonObject derived = new JsonObject().put("node_id", nodeId).put("shards", shards);
    switch (role) {
      case RAFT:
        derived.put("storage_dir", dataDir.resolve("raft").toString())
          .put("replica_dir", dataDir.resolve("replica").toString());
        if (!own.containsKey("peers") && own.getValue(StatefulSetPeers.KEY) instanceof JsonObject set) {
          own.put("peers", StatefulSetPeers.peers(set));
          // the advertised address is a DNS name that may not resolve before the pod is ready: bind every interface
          derived.put("bind_host", "0.0.0.0");
        }
        own.remove(StatefulSetPeers.KEY);
        ownAddress(own, nodeId).ifPresent(a -> derived.put("address", a));
        break;
      case QUERY:
        JsonArray all = new JsonArray();
        for (int i = 0; i < shards; i++) {
          all.add(i);
        }
        derived.put("shards", all);
        break;
      default:
        break;
    }
    return derived.mergeIn(own, true);
  }

  /** This node's Raft address, when the peer list names it and the section does not give one. */
  private static Optional<String> ownAddress(JsonObject raft, String nodeId) {
    if (raft.containsKey("address") || !(raft.getValue("peers") instanceof JsonArray peers)) {
      return Optional.empty();
    }
    for (Object p : peers) {
      if (p instanceof JsonObject peer && nodeId.equals(peer.getString("id"))) {
        return Optional.ofNullable(peer.getString("address"));
      }
    }
    return Optional.empty();
  }

  /** The management server's section ({@code host}, {@code port}; port 0 disables it). */
  public JsonObject management() {
    return conf.getJsonObject("management", new JsonObject());
  }

  /** The clustered event bus section. */
  public JsonObject cluster() {
    return conf.getJsonObject("cluster", new JsonObject());
  }

  public boolean has(Role role) {
    return roles.contains(role);
  }
}
