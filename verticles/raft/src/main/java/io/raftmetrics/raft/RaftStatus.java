package io.raftmetrics.raft;

import io.raftmetrics.api.raft.GroupStatus;
import io.raftmetrics.api.raft.Member;
import io.raftmetrics.api.raft.RaftNodeStatus;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import org.apache.ratis.proto.RaftProtos.CommitInfoProto;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.util.LifeCycle;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The raft role's status as a {@link RaftNodeStatus}: per shard {@code role}, {@code term}, {@code leader_id},
 * {@code commit_index}, {@code applied_index}, {@code last_log_index}, {@code first_log_index},
 * {@code snapshot_index}, {@code lag} (commit - applied), the group's {@code members} with the commit index this node
 * knows of each (exact on the leader), and the registered consumers' {@code watermarks}. The JSON form repeats the
 * first shard's fields at the top level, which is the single-group view of the RaftMetrics {@code /health}
 * {@code raft_status}. Published in {@code NodeServices} under {@link RaftVerticle#STATUS_KEY}, as the data of the
 * {@code raft} health check, which is DOWN when the server is not running, a shard's replica failed, or a group has
 * had no leader for longer than elections take, and on the event bus by {@link StatusPublisher}. Reads only memory.
 */
final class RaftStatus implements Supplier<JsonObject> {

  private final RaftNode node;

  RaftStatus(RaftNode node) {
    this.node = node;
  }

  @Override
  public JsonObject get() {
    return json(report());
  }

  /** Health procedure of the {@code raft} check. */
  void check(Promise<Status> promise) {
    RaftNodeStatus report = report();
    JsonObject data = json(report);
    if (!report.healthy()) {
      promise.complete(Status.KO(data.put("problems", new JsonArray(report.problems()))));
    } else {
      promise.complete(Status.OK(data));
    }
  }

  /** This node's report, as published on the event bus. */
  RaftNodeStatus report() {
    RaftConfig config = node.config();
    List<String> problems = new ArrayList<>();
    LifeCycle.State state = node.server().getLifeCycleState();
    if (state != LifeCycle.State.RUNNING) {
      problems.add("the Raft server is " + state);
    }
    List<GroupStatus> groups = new ArrayList<>();
    for (int shard = 0; shard < config.shards(); shard++) {
      groups.add(shard(shard, problems));
    }
    return new RaftNodeStatus(config.nodeId(), config.address().toString(), System.currentTimeMillis(),
      config.statusIntervalMs(), problems.isEmpty(), problems, groups);
  }

  private static JsonObject json(RaftNodeStatus report) {
    JsonArray shards = new JsonArray();
    report.groups().forEach(g -> shards.add(g.toJson()));
    GroupStatus first = report.groups().get(0);
    return new JsonObject()
      .put("node_id", report.nodeId())
      .put("role", first.role())
      .put("term", first.term())
      .put("leader_id", first.leaderId())
      .put("last_log_index", first.lastLogIndex())
      .put("applied_index", first.appliedIndex())
      .put("shards", shards);
  }

  private GroupStatus shard(int shard, List<String> problems) {
    String groupId = ShardGroups.groupId(shard).getUuid().toString();
    ReplicaStateMachine machine = node.machine(shard);
    RaftServer.Division division;
    try {
      division = node.division(shard);
    } catch (IOException e) {
      problems.add("shard " + shard + ": not hosted (" + e.getMessage() + ")");
      return new GroupStatus(shard, groupId, "NONE", 0, null, -1, -1, -1, -1, machine.snapshotIndex(), 0, List.of(),
        machine.replica().watermarks());
    }
    DivisionInfo info = division.getInfo();
    RaftLog log = division.getRaftLog();
    TermIndex last = log.getLastEntryTermIndex();
    long commit = log.getLastCommittedIndex();
    long applied = info.getLastAppliedIndex();
    String leader = info.getLeaderId() == null ? null : info.getLeaderId().toString();
    if (!info.isAlive()) {
      problems.add("shard " + shard + ": the group is " + info.getLifeCycleState());
    }
    if (machine.failure() != null) {
      problems.add("shard " + shard + ": the replica failed: " + machine.failure().getMessage());
    }
    if (leader == null && machine.leaderlessTooLong()) {
      problems.add("shard " + shard + ": no leader for more than " + RatisProperties.noLeaderTimeoutMs(node.config())
        + " ms");
    }
    return new GroupStatus(shard, groupId, info.getCurrentRole().name(), info.getCurrentTerm(), leader, commit,
      applied, last == null ? log.getSnapshotIndex() : last.getIndex(), log.getStartIndex(), machine.snapshotIndex(),
      Math.max(0, commit - applied), members(division), machine.replica().watermarks());
  }

  private static List<Member> members(RaftServer.Division division) {
    Map<String, Long> commits = new HashMap<>();
    for (CommitInfoProto c : division.getCommitInfos()) {
      commits.put(c.getServer().getId().toStringUtf8(), c.getCommitIndex());
    }
    List<Member> members = new ArrayList<>();
    for (RaftPeer p : division.getRaftConf().getCurrentPeers()) {
      String id = p.getId().toString();
      members.add(new Member(id, p.getAddress(), commits.getOrDefault(id, -1L)));
    }
    return members;
  }
}
