package io.raftmetrics.api.raft;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * A member of a shard's Raft group.
 *
 * @param id Raft peer id (the node id)
 * @param address {@code host:port} of its Ratis server
 * @param commitIndex the member's commit index as last reported to the node describing the group (exact on the
 *   leader, which hears from every follower), or -1 if unknown
 */
public record Member(String id, String address, long commitIndex) {

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("address", address).put("commit_index", commitIndex);
  }

  public static Member fromJson(JsonObject j) {
    return new Member(j.getString("id"), j.getString("address"), j.getLong("commit_index", -1L));
  }

  static JsonArray toJson(List<Member> members) {
    JsonArray a = new JsonArray();
    members.forEach(m -> a.add(m.toJson()));
    return a;
  }

  static List<Member> listFromJson(JsonArray a) {
    List<Member> members = new ArrayList<>();
    if (a != null) {
      a.forEach(o -> members.add(fromJson((JsonObject) o)));
    }
    return members;
  }
}
