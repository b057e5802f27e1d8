package io.raftmetrics.api.raft;

import io.vertx.core.json.JsonObject;

import java.util.Locale;

/**
 * Request on {@link io.raftmetrics.api.Addresses#RAFT_MEMBERSHIP}: add one peer to, or remove one peer from, every
 * shard's Raft group, through Ratis' admin API ({@code setConfiguration}), one group after the other. One peer per
 * request: Raft changes membership safely one server at a time. Reply: {@link MembershipResult}.
 *
 * <p>A peer being added must already run with {@code raft.join: true} (its groups wait, empty, to be contacted by
 * the leader); the leader brings it up to date (a snapshot, then the log) before the new configuration commits, so
 * the request can take as long as that transfer.
 *
 * @param op {@link Op#ADD} or {@link Op#REMOVE}
 * @param peerId the peer's id (its node id)
 * @param address {@code host:port} of its Ratis server; required to add, ignored to remove
 */
public record MembershipChange(Op op, String peerId, String address) {

  /** The operation. */
  public enum Op {
    ADD, REMOVE;

    static Op of(String s) {
      return valueOf(s.toUpperCase(Locale.ROOT));
    }
  }

  public JsonObject toJson() {
    return new JsonObject().put("op", op.name()).put("peer_id", peerId).put("address", address);
  }

  public static MembershipChange fromJson(JsonObject j) {
    return new MembershipChange(Op.of(j.getString("op")), j.getString("peer_id"), j.getString("address"));
  }
}
