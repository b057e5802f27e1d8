package io.raftmetrics.raft;

import io.raftmetrics.api.Addresses;
import io.raftmetrics.api.ErrorCode;
import io.raftmetrics.api.ingest.IngestAck;
import io.raftmetrics.api.raft.Member;
import io.raftmetrics.api.raft.MembershipChange;
import io.raftmetrics.api.raft.MembershipResult;
import io.raftmetrics.api.raft.RaftNodeStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static io.raftmetrics.raft.RaftTestSupport.batch;
import static io.raftmetrics.raft.RaftTestSupport.doublePoints;
import static io.raftmetrics.raft.RaftTestSupport.ingest;
import static io.raftmetrics.raft.RaftTestSupport.replica;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Membership through Ratis' admin API with real servers in one JVM: a peer started with {@code join} is added to a
 * running group, catches up from a snapshot and the log, and is removed again; the preferred leader of a shard takes
 * the lead; a node that saw its group lose quorum forwards writes again once the quorum is back; the node publishes
 * its status on the event bus.
 */
class MembershipTest {

  @TempDir
  Path dir;
  private final List<Vertx> nodes = new ArrayList<>();
  private JsonArray peers;

  @BeforeEach
  void start() throws Exception {
    peers = RaftTestSupport.peers(4);
    JsonArray founders = new JsonArray(peers.getList().subList(0, 3));
    List<Future<String>> deployed = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Vertx v = RaftTestSupport.newVertx();
      nodes.add(v);
      deployed.add(RaftTestSupport.deploy(v, config(founders, i)));
    }
    Future.all(deployed).await(60, TimeUnit.SECONDS);
    // spread_leaders: shard 0 prefers the first peer, which takes the lead once it is up to date
    RaftTestSupport.await("n1 to lead shard 0", 20_000,
      () -> "n1".equals(RaftTestSupport.status(nodes.get(0)).getString("leader_id"))
        && "LEADER".equals(RaftTestSupport.status(nodes.get(0)).getString("role")));
  }

  @AfterEach
  void stop() throws Exception {
    for (Vertx v : nodes) {
      if (v != null) {
        v.close().await(60, TimeUnit.SECONDS);
      }
    }
  }

  private JsonObject config(JsonArray members, int index) {
    // elections slower than the other tests': leadership moves here (preferred leaders), on a machine that may be busy
    return RaftTestSupport.config(members, index, dir).put("snapshot_interval_entries", 5)
      .put("log_segment_size_bytes", 16 << 10).put("log_purge_gap", 1).put("purge_up_to_snapshot", true)
      .put("status_interval_ms", 200).put("election_timeout_min_ms", 600).put("election_timeout_max_ms", 1200)
      .put("request_timeout_ms", 10_000);
  }

  @Test
  void aJoiningPeerIsAddedCatchesUpAndIsRemovedOneAtATime() throws Exception {
    long last = 0;
    for (int i = 0; i < 40; i++) {
      last = ingest(nodes.get(i % 3), batch(0, "mem", i * 100L, 50)).await(30, TimeUnit.SECONDS).index();
    }
    long written = last;
    RaftTestSupport.await("the leader to purge its log", 20_000, () -> RaftTestSupport.status(nodes.get(0))
      .getJsonArray("shards").getJsonObject(0).getLong("first_log_index") > 1);

    Vertx joiner = RaftTestSupport.newVertx();
    nodes.add(joiner);
    RaftTestSupport.deploy(joiner, config(peers, 3).put("join", true)).await(60, TimeUnit.SECONDS);
    // an empty group neither votes nor campaigns: n4 waits for the leader
    assertThat(RaftTestSupport.status(joiner).getJsonArray("shards").getJsonObject(0).getJsonArray("members"))
      .isEmpty();

    String address = peers.getJsonObject(3).getString("address");
    // the request may reach the joiner itself, which knows no configuration yet: it can only have a peer added
    SinglePeerTest.assertFailure(send(joiner, new MembershipChange(MembershipChange.Op.REMOVE, "n1", null)),
      ErrorCode.UNAVAILABLE, "not a member");
    MembershipResult added = change(joiner, new MembershipChange(MembershipChange.Op.ADD, "n4", address));
    assertThat(added.groups()).hasSize(1);
    assertThat(added.groups().get(0).changed()).isTrue();
    assertThat(added.groups().get(0).members()).extracting(Member::id)
      .containsExactlyInAnyOrder("n1", "n2", "n3", "n4");
    RaftTestSupport.await("n4 to apply " + written, 30_000, () -> replica(joiner, 0).lastApplied().index() >= written);
    assertThat(doublePoints(replica(joiner, 0))).isEqualTo(doublePoints(replica(nodes.get(0), 0))).hasSize(40 * 50);
    // a member now: a write through it is committed by the group, which needs 3 of 4
    IngestAck through = ingest(joiner, batch(0, "mem", 100_000, 50)).await(30, TimeUnit.SECONDS);
    assertThat(through.points()).isEqualTo(50);
    // the same request again changes nothing
    MembershipResult again = change(nodes.get(2), new MembershipChange(MembershipChange.Op.ADD, "n4", address));
    assertThat(again.groups().get(0).changed()).isFalse();

    MembershipResult removed = change(joiner, new MembershipChange(MembershipChange.Op.REMOVE, "n4", null));
    assertThat(removed.groups().get(0).members()).extracting(Member::id).containsExactlyInAnyOrder("n1", "n2", "n3");
    RaftTestSupport.await("n1 to see 3 members", 10_000, () -> RaftTestSupport.status(nodes.get(0))
      .getJsonArray("shards").getJsonObject(0).getJsonArray("members").size() == 3);
    assertThat(ingest(nodes.get(0), batch(0, "mem", 200_000, 50)).await(30, TimeUnit.SECONDS).points()).isEqualTo(50);

    SinglePeerTest.assertFailure(send(nodes.get(0), new MembershipChange(MembershipChange.Op.ADD, "n5", "nohost")),
      ErrorCode.BAD_REQUEST, "host:port");
  }

  @Test
  void aFollowerForwardsWritesAgainAfterItsGroupLostAndRegainedQuorum() throws Exception {
    Vertx survivor = nodes.get(2);
    JsonArray founders = new JsonArray(peers.getList().subList(0, 3));
    nodes.get(0).close().await(60, TimeUnit.SECONDS);
    nodes.get(1).close().await(60, TimeUnit.SECONDS);
    SinglePeerTest.assertFailure(ingest(survivor, batch(0, "q", 0, 10)), ErrorCode.UNAVAILABLE, "shard 0");

    for (int i = 0; i < 2; i++) {
      Vertx v = RaftTestSupport.newVertx();
      nodes.set(i, v);
      RaftTestSupport.deploy(v, config(founders, i)).await(60, TimeUnit.SECONDS);
    }
    RaftTestSupport.await("n1 to lead shard 0 again", 30_000,
      () -> "LEADER".equals(RaftTestSupport.status(nodes.get(0)).getString("role")));
    // a follower knows the leader once the leader's first append reached it; until then it refuses at once
    RaftTestSupport.await("n3 to follow n1", 30_000,
      () -> "n1".equals(RaftTestSupport.status(survivor).getString("leader_id")));
    assertThat(RaftTestSupport.status(survivor).getString("role")).isEqualTo("FOLLOWER");
    // n3's client exhausted its retries during the outage; its next writes must still reach the leader
    for (int i = 1; i <= 5; i++) {
      assertThat(ingest(survivor, batch(0, "q", i * 100L, 10)).await(30, TimeUnit.SECONDS).points()).isEqualTo(10);
    }
  }

  @Test
  void everyNodePublishesItsStatus() throws Exception {
    ConcurrentLinkedQueue<RaftNodeStatus> seen = new ConcurrentLinkedQueue<>();
    nodes.get(0).eventBus().<RaftNodeStatus>consumer(Addresses.RAFT_STATUS, m -> seen.add(m.body()))
      .completion().await(10, TimeUnit.SECONDS);
    RaftTestSupport.await("a status report", 10_000, () -> !seen.isEmpty());
    RaftNodeStatus report = seen.peek();
    assertThat(report.nodeId()).isEqualTo("n1");
    assertThat(report.healthy()).isTrue();
    assertThat(report.groups()).hasSize(1);
    assertThat(report.groups().get(0).role()).isEqualTo("LEADER");
    assertThat(report.groups().get(0).members()).extracting(Member::id)
      .containsExactlyInAnyOrder("n1", "n2", "n3");
    assertThat(report.groups().get(0).groupId()).isEqualTo(ShardGroups.groupId(0).getUuid().toString());
  }

  private static MembershipResult change(Vertx via, MembershipChange change) throws Exception {
    return send(via, change).await(70, TimeUnit.SECONDS);
  }

  private static Future<MembershipResult> send(Vertx via, MembershipChange change) {
    return via.eventBus().<MembershipResult>request(Addresses.RAFT_MEMBERSHIP, change,
      new DeliveryOptions().setSendTimeout(60_000)).map(m -> m.body());
  }
}
