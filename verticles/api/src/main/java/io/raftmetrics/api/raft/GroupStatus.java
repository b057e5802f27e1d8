package io.raftmetrics.api.raft;

import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One shard's Raft group as one member sees it: part of a {@link RaftNodeStatus}.
 *
 * @param shard shard number
 * @param groupId the Ratis group id (a UUID derived from the shard number)
 * @param role this member's role: LEADER, FOLLOWER, CANDIDATE, LISTENER, or NONE when it does not host the group
 * @param term current term
 * @param leaderId the leader this member knows, or null
 * @param commitIndex this member's commit index
 * @param appliedIndex index applied to this member's replica (Ratis' view)
 * @param lastLogIndex last index in this member's log
 * @param firstLogIndex first index still in this member's log (entries below were purged after a snapshot)
 * @param snapshotIndex index declared by this member's latest snapshot, or -1
 * @param lag {@code commitIndex - appliedIndex}
 * @param members the group's current configuration, with each member's commit index as this member knows it
 * @param watermarks registered stream consumers and the log index each has durably processed
 */
public record GroupStatus(int shard, String groupId, String role, long term, String leaderId, long commitIndex,
                          long appliedIndex, long lastLogIndex, long firstLogIndex, long snapshotIndex, long lag,
                          List<Member> members, Map<String, Long> watermarks) {

  public GroupStatus {
    members = List.copyOf(members);
    watermarks = Map.copyOf(watermarks);
  }

  /** The JSON form, also used in {@code /health}. */
  public JsonObject toJson() {
    JsonObject w = new JsonObject();
    watermarks.forEach(w::put);
    return new JsonObject().put("shard", shard).put("group_id", groupId).put("role", role).put("term", term)
      .put("leader_id", leaderId).put("commit_index", commitIndex).put("applied_index", appliedIndex)
      .put("last_log_index", lastLogIndex).put("first_log_index", firstLogIndex).put("snapshot_index", snapshotIndex)
      .put("lag", lag).put("members", Member.toJson(members)).put("watermarks", w);
  }

  public static GroupStatus fromJson(JsonObject j) {
    Map<String, Long> watermarks = new LinkedHashMap<>();
    JsonObject w = j.getJsonObject("watermarks", new JsonObject());
    w.forEach(e -> watermarks.put(e.getKey(), ((Number) e.getValue()).longValue()));
    return new GroupStatus(j.getInteger("shard"), j.getString("group_id"), j.getString("role"), j.getLong("term"),
      j.getString("leader_id"), j.getLong("commit_index"), j.getLong("applied_index"), j.getLong("last_log_index"),
      j.getLong("first_log_index"), j.getLong("snapshot_index"), j.getLong("lag"),
      Member.listFromJson(j.getJsonArray("members")), watermarks);
  }
}
