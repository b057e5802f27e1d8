package io.raftmetrics.api.raft;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * What one raft node reports about itself and the groups it hosts. Every raft node publishes it on
 * {@link io.raftmetrics.api.Addresses#RAFT_STATUS} at a fixed interval (one message per interval, whatever the
 * number of shards); gateways keep the latest report of each node to show the cluster in {@code /health}. A node
 * that stopped reporting has left or died.
 *
 * @param nodeId the node's id (its Raft peer id)
 * @param address {@code host:port} of its Ratis server
 * @param sentAtMs the node's clock when it sent the report, epoch ms
 * @param intervalMs the node's reporting interval, so a receiver knows when a report is stale
 * @param healthy false if the node's raft health check is DOWN
 * @param problems why it is not healthy, empty otherwise
 * @param groups one entry per shard, in shard order
 */
public record RaftNodeStatus(String nodeId, String address, long sentAtMs, long intervalMs, boolean healthy,
                             List<String> problems, List<GroupStatus> groups) {

  public RaftNodeStatus {
    problems = List.copyOf(problems);
    groups = List.copyOf(groups);
  }

  public JsonObject toJson() {
    JsonArray g = new JsonArray();
    groups.forEach(x -> g.add(x.toJson()));
    return new JsonObject().put("node_id", nodeId).put("address", address).put("sent_at_ms", sentAtMs)
      .put("interval_ms", intervalMs).put("healthy", healthy).put("problems", new JsonArray(problems))
      .put("groups", g);
  }

  public static RaftNodeStatus fromJson(JsonObject j) {
    List<GroupStatus> groups = new ArrayList<>();
    j.getJsonArray("groups", new JsonArray()).forEach(o -> groups.add(GroupStatus.fromJson((JsonObject) o)));
    List<String> problems = new ArrayList<>();
    j.getJsonArray("problems", new JsonArray()).forEach(o -> problems.add(String.valueOf(o)));
    return new RaftNodeStatus(j.getString("node_id"), j.getString("address"), j.getLong("sent_at_ms"),
      j.getLong("interval_ms"), j.getBoolean("healthy"), problems, groups);
  }
}
