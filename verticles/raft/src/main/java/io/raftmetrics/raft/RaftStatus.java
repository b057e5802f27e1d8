package io.raftmetrics.raft;

import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.util.LifeCycle;

import java.io.IOException;
import java.util.function.Supplier;

/**
 * The raft role's status: per shard {@code role}, {@code term}, {@code leader_id}, {@code commit_index},
 * {@code applied_index}, {@code last_log_index}, {@code snapshot_index} and {@code lag} (commit - applied). The first
 * shard's fields are repeated at the top level, which is the single-group view of the RaftMetrics {@code /health}
 * {@code raft_status}. Published in {@code NodeServices} under {@link RaftVerticle#STATUS_KEY} and as the data of the
 * {@code raft} health check, which is DOWN when the server is not running, a shard's replica failed, or a group has
 * had no leader for longer than elections take.
 */
final class RaftStatus implements Supplier<JsonObject> {

  private final RaftNode node;

  RaftStatus(RaftNode node) {
    this.node = node;
  }

  @Override
  public JsonObject get() {
    return status(new JsonArray());
  }

  /** Health procedure of the {@code raft} check. */
  void check(Promise<Status> promise) {
    JsonArray problems = new JsonArray();
    JsonObject data = status(problems);
    if (!problems.isEmpty()) {
      promise.complete(Status.KO(data.put("problems", problems)));
    } else {
      promise.complete(Status.OK(data));
    }
  }

  private JsonObject status(JsonArray problems) {
    RaftConfig config = node.config();
    LifeCycle.State state = node.server().getLifeCycleState();
    if (state != LifeCycle.State.RUNNING) {
      problems.add("the Raft server is " + state);
    }
    JsonArray shards = new JsonArray();
    for (int shard = 0; shard < config.shards(); shard++) {
      shards.add(shard(shard, problems));
    }
    JsonObject first = shards.getJsonObject(0);
    return new JsonObject()
      .put("node_id", config.nodeId())
      .put("role", first.getString("role"))
      .put("term", first.getLong("term"))
      .put("leader_id", first.getString("leader_id"))
      .put("last_log_index", first.getLong("last_log_index"))
      .put("applied_index", first.getLong("applied_index"))
      .put("shards", shards);
  }

  private JsonObject shard(int shard, JsonArray problems) {
    JsonObject json = new JsonObject().put("shard", shard);
    RaftServer.Division division;
    try {
      division = node.division(shard);
    } catch (IOException e) {
      problems.add("shard " + shard + ": not hosted (" + e.getMessage() + ")");
      return json.put("role", "NONE");
    }
    DivisionInfo info = division.getInfo();
    RaftLog log = division.getRaftLog();
    ReplicaStateMachine machine = node.machine(shard);
    TermIndex last = log.getLastEntryTermIndex();
    long commit = log.getLastCommittedIndex();
    long applied = info.getLastAppliedIndex();
    String leader = info.getLeaderId() == null ? null : info.getLeaderId().toString();
    json.put("role", info.getCurrentRole().name())
      .put("term", info.getCurrentTerm())
      .put("leader_id", leader)
      .put("commit_index", commit)
      .put("applied_index", applied)
      .put("last_log_index", last == null ? log.getSnapshotIndex() : last.getIndex())
      .put("snapshot_index", machine.snapshotIndex())
      .put("first_log_index", log.getStartIndex())
      .put("lag", Math.max(0, commit - applied));
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
    return json;
  }
}
