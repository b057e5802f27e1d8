package io.raftmetrics.raft;

import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The Raft groups of the shards. A group id is the name-based UUID of {@code raftmetrics-shard-N}, so every node
 * derives the same ids from the shard count alone, and a group's storage directory (named by its UUID) is found again
 * after a restart.
 */
public final class ShardGroups {

  private ShardGroups() {
  }

  /** @return the Raft group id of a shard */
  public static RaftGroupId groupId(int shard) {
    byte[] name = ("raftmetrics-shard-" + shard).getBytes(StandardCharsets.UTF_8);
    return RaftGroupId.valueOf(UUID.nameUUIDFromBytes(name));
  }

  /** @return the peers of the configuration as Ratis peers */
  public static List<RaftPeer> peers(RaftConfig config) {
    return config.peers().stream()
      .map(p -> RaftPeer.newBuilder().setId(p.id()).setAddress(p.address().toString()).build())
      .toList();
  }

  /** @return the group of a shard: every configured peer is a member of every shard */
  public static RaftGroup group(int shard, List<RaftPeer> peers) {
    return RaftGroup.valueOf(groupId(shard), peers);
  }

  /**
   * The configuration a group starts with on this node when its storage does not hold it yet. A joining node (a new
   * peer, or one whose disk was lost) starts it empty: the group then neither votes nor elects until the leader
   * contacts it with the real configuration, a snapshot and the log. Otherwise every configured peer is a member,
   * and with {@code spread_leaders} the peer at position {@code shard mod peers} gets a higher Ratis priority: the
   * leader hands leadership over to it once it is up to date, so the shards' leaders spread over the nodes.
   */
  public static RaftGroup initialGroup(int shard, RaftConfig config) {
    if (config.join()) {
      return RaftGroup.valueOf(groupId(shard));
    }
    List<RaftPeer> peers = peers(config);
    if (!config.spreadLeaders() || peers.size() < 2) {
      return group(shard, peers);
    }
    int preferred = shard % peers.size();
    List<RaftPeer> prioritised = new ArrayList<>(peers.size());
    for (int i = 0; i < peers.size(); i++) {
      RaftPeer p = peers.get(i);
      prioritised.add(i == preferred ? RaftPeer.newBuilder(p).setPriority(1).build() : p);
    }
    return group(shard, prioritised);
  }

  /** @return the shard of a group id, or -1 if it is none of the first {@code shards} shards */
  public static int shardOf(RaftGroupId id, int shards) {
    for (int i = 0; i < shards; i++) {
      if (groupId(i).equals(id)) {
        return i;
      }
    }
    return -1;
  }

  /** @return this node's peer id */
  public static RaftPeerId self(RaftConfig config) {
    return RaftPeerId.valueOf(config.nodeId());
  }
}
