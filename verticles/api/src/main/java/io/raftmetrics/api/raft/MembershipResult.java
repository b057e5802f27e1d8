package io.raftmetrics.api.raft;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * Reply to a {@link MembershipChange}: the configuration of every shard's group afterwards.
 *
 * @param groups one entry per shard, in shard order
 */
public record MembershipResult(List<Group> groups) {

  /**
   * A shard's group after the change.
   *
   * @param shard shard number
   * @param changed false if the group already had the requested membership (the request is idempotent)
   * @param members the group's members now
   */
  public record Group(int shard, boolean changed, List<Member> members) {

    public Group {
      members = List.copyOf(members);
    }
  }

  public MembershipResult {
    groups = List.copyOf(groups);
  }

  public JsonObject toJson() {
    JsonArray a = new JsonArray();
    groups.forEach(g -> a.add(new JsonObject().put("shard", g.shard()).put("changed", g.changed())
      .put("members", Member.toJson(g.members()))));
    return new JsonObject().put("groups", a);
  }

  public static MembershipResult fromJson(JsonObject j) {
    List<Group> groups = new ArrayList<>();
    j.getJsonArray("groups", new JsonArray()).forEach(o -> {
      JsonObject g = (JsonObject) o;
      groups.add(new Group(g.getInteger("shard"), g.getBoolean("changed"),
        Member.listFromJson(g.getJsonArray("members"))));
    });
    return new MembershipResult(groups);
  }
}
