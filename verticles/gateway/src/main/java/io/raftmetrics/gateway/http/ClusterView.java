package io.raftmetrics.gateway.http;

import io.raftmetrics.api.Addresses;
import io.raftmetrics.api.Sharding;
import io.raftmetrics.api.raft.GroupStatus;
import io.raftmetrics.api.raft.Member;
import io.raftmetrics.api.raft.RaftNodeStatus;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cluster as {@code /health} shows it: the shard mapping and, per shard's Raft group, its leader and each
 * member's role, term, commit and applied index and lag. Built from the reports every raft node publishes on
 * {@link Addresses#RAFT_STATUS} (the latest one per node is kept), so answering costs no request and never waits: a
 * node whose report is older than three of its intervals is shown as not reporting. A member's commit index comes
 * from its own report, or else from what the leader knows of it.
 */
public final class ClusterView {

  static final String SHARDING = "fnv1a64(utf8(metric name)) with a murmur3 finaliser, mod shards";
  private static final long MIN_STALE_MS = 3_000;

  private final int shards;
  private final Map<String, Received> reports = new TreeMap<>();

  private record Received(RaftNodeStatus status, long atMs) {
  }

  /** Starts listening on the caller's context (the verticle's; undeploying it unregisters the consumer). */
  public ClusterView(Vertx vertx, int shards) {
    this.shards = shards;
    vertx.eventBus().<RaftNodeStatus>consumer(Addresses.RAFT_STATUS, msg -> {
      RaftNodeStatus s = msg.body();
      reports.put(s.nodeId(), new Received(s, System.currentTimeMillis()));
    });
  }

  /**
   * @param metric a metric name whose shard the answer names, or null
   * @return the {@code cluster} section of {@code /health}
   */
  public JsonObject json(String metric) {
    long now = System.currentTimeMillis();
    reports.values().removeIf(r -> now - r.atMs() > 10 * staleAfter(r));
    JsonObject out = new JsonObject().put("shards", shards).put("sharding", SHARDING);
    if (metric != null && !metric.isEmpty()) {
      out.put("metric", new JsonObject().put("name", metric).put("shard", Sharding.shardOf(metric, shards)));
    }
    JsonArray nodes = new JsonArray();
    Map<String, Received> fresh = new LinkedHashMap<>();
    reports.forEach((id, r) -> {
      boolean reporting = now - r.atMs() <= staleAfter(r);
      if (reporting) {
        fresh.put(id, r);
      }
      nodes.add(new JsonObject().put("node_id", id).put("address", r.status().address())
        .put("reporting", reporting).put("age_ms", now - r.atMs()).put("healthy", r.status().healthy())
        .put("problems", new JsonArray(r.status().problems())));
    });
    JsonArray groups = new JsonArray();
    for (int shard = 0; shard < shards; shard++) {
      groups.add(group(shard, fresh));
    }
    return out.put("nodes", nodes).put("groups", groups);
  }

  private static long staleAfter(Received r) {
    return Math.max(MIN_STALE_MS, 3 * r.status().intervalMs());
  }

  private static JsonObject group(int shard, Map<String, Received> fresh) {
    Map<String, GroupStatus> byNode = new LinkedHashMap<>();
    GroupStatus leader = null;
    for (Received r : fresh.values()) {
      if (shard < r.status().groups().size()) {
        GroupStatus g = r.status().groups().get(shard);
        byNode.put(r.status().nodeId(), g);
        if ("LEADER".equals(g.role()) && (leader == null || g.term() > leader.term())) {
          leader = g;
        }
      }
    }
    // the configuration as the leader holds it; without a leader, as the most advanced member holds it
    GroupStatus reference = leader;
    for (GroupStatus g : byNode.values()) {
      if (reference == null || g.commitIndex() > reference.commitIndex()) {
        reference = g;
      }
    }
    JsonObject out = new JsonObject().put("shard", shard);
    if (reference == null) {
      return out.put("leader_id", null).put("members", new JsonArray()).put("reporting_members", 0);
    }
    JsonArray members = new JsonArray();
    int reporting = 0;
    List<Member> conf = new ArrayList<>(reference.members());
    for (Member m : conf) {
      GroupStatus own = byNode.get(m.id());
      JsonObject member = new JsonObject().put("node_id", m.id()).put("address", m.address());
      if (own != null) {
        reporting++;
        member.put("reporting", true).put("role", own.role()).put("term", own.term())
          .put("commit_index", own.commitIndex()).put("applied_index", own.appliedIndex()).put("lag", own.lag())
          .put("first_log_index", own.firstLogIndex()).put("snapshot_index", own.snapshotIndex());
      } else {
        long known = leader == null ? -1 : leader.members().stream().filter(x -> x.id().equals(m.id()))
          .mapToLong(Member::commitIndex).findFirst().orElse(-1);
        member.put("reporting", false).put("role", "UNKNOWN").put("commit_index", known);
      }
      members.add(member);
    }
    JsonObject watermarks = new JsonObject();
    reference.watermarks().forEach(watermarks::put);
    return out.put("group_id", reference.groupId())
      .put("leader_id", leader == null ? null : leader.leaderId())
      .put("term", leader == null ? reference.term() : leader.term())
      .put("commit_index", reference.commitIndex())
      .put("reporting_members", reporting)
      .put("members", members)
      .put("watermarks", watermarks);
  }
}
