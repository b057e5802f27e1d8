package io.raftmetrics.raft;

import io.raftmetrics.api.ErrorCode;
import io.raftmetrics.api.ingest.IngestAck;
import io.raftmetrics.api.node.LinearizableReads;
import io.raftmetrics.api.node.NodeServices;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.raftmetrics.raft.RaftTestSupport.batch;
import static io.raftmetrics.raft.RaftTestSupport.doublePoints;
import static io.raftmetrics.raft.RaftTestSupport.ingest;
import static io.raftmetrics.raft.RaftTestSupport.replica;
import static org.assertj.core.api.Assertions.assertThat;

/** Three peers in one JVM, each in its own Vert.x instance with its own directories and Ratis port. */
class ThreePeerTest {

  @TempDir
  Path dir;
  private final Vertx[] nodes = new Vertx[3];
  private final String[] deployments = new String[3];
  private final JsonObject[] configs = new JsonObject[3];

  @BeforeEach
  void start() throws Exception {
    JsonArray peers = RaftTestSupport.peers(3);
    List<Future<String>> deployed = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      nodes[i] = RaftTestSupport.newVertx();
      configs[i] = RaftTestSupport.config(peers, i, dir).put("snapshot_interval_entries", 5)
        .put("log_segment_size_bytes", 16 << 10).put("log_purge_gap", 1).put("purge_up_to_snapshot", true);
      deployed.add(RaftTestSupport.deploy(nodes[i], configs[i]));
    }
    Future.all(deployed).await(60, TimeUnit.SECONDS);
    for (int i = 0; i < 3; i++) {
      deployments[i] = deployed.get(i).result();
    }
    RaftTestSupport.await("a leader", 10_000, () -> leader() >= 0);
  }

  @AfterEach
  void stop() throws Exception {
    for (Vertx v : nodes) {
      if (v != null) {
        v.close().await(60, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void writesThroughAFollowerReachTheLeaderAndAllReplicasConverge() throws Exception {
    int leader = leader();
    int follower = (leader + 1) % 3;
    List<Future<IngestAck>> acks = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      acks.add(ingest(nodes[i % 2 == 0 ? follower : leader], batch(0, "cpu", i * 100L, 30)));
    }
    Future.all(acks).await(60, TimeUnit.SECONDS);
    long last = acks.stream().mapToLong(f -> f.result().index()).max().orElseThrow();
    // the leader applied before acknowledging; the others catch up
    assertThat(doublePoints(replica(nodes[leader], 0))).hasSize(300);
    awaitApplied(last, 0, 1, 2);
    List<String> expected = doublePoints(replica(nodes[leader], 0));
    for (int i = 0; i < 3; i++) {
      assertThat(doublePoints(replica(nodes[i], 0))).as("replica of n" + (i + 1)).isEqualTo(expected);
    }
    LinearizableReads reads = NodeServices.of(nodes[follower]).get(NodeServices.LINEARIZABLE_READS,
      LinearizableReads.class).orElseThrow();
    reads.barrier(0).await(30, TimeUnit.SECONDS);
  }

  @Test
  void aNewLeaderTakesOverAndWritesFailFastWithoutQuorum() throws Exception {
    int leader = leader();
    ingest(nodes[leader], batch(0, "cpu", 0, 10)).await(30, TimeUnit.SECONDS);
    nodes[leader].undeploy(deployments[leader]).await(60, TimeUnit.SECONDS);

    int survivor = (leader + 1) % 3;
    int other = (leader + 2) % 3;
    String oldLeader = "n" + (leader + 1);
    RaftTestSupport.await("a new leader", 15_000, () -> {
      String now = RaftTestSupport.status(nodes[survivor]).getString("leader_id");
      return now != null && !now.equals(oldLeader);
    });
    IngestAck afterFailover = ingest(nodes[survivor], batch(0, "cpu", 1000, 10)).await(30, TimeUnit.SECONDS);
    assertThat(afterFailover.points()).isEqualTo(10);
    assertThat(RaftTestSupport.status(nodes[survivor]).getString("leader_id"))
      .isIn("n" + (survivor + 1), "n" + (other + 1));
    awaitApplied(afterFailover.index(), survivor, other);
    assertThat(doublePoints(replica(nodes[other], 0))).hasSize(20);

    nodes[other].undeploy(deployments[other]).await(60, TimeUnit.SECONDS);
    long started = System.nanoTime();
    SinglePeerTest.assertFailure(ingest(nodes[survivor], batch(0, "cpu", 2000, 10)), ErrorCode.UNAVAILABLE,
      "shard 0");
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertThat(elapsedMs).as("503 within the request timeout").isLessThan(configs[survivor].getLong(
      "request_timeout_ms") + 2000);
    RaftTestSupport.await("the raft health check to go DOWN", 10_000,
      () -> !NodeServices.of(nodes[survivor]).health().checkStatus().await().getUp());
  }

  @Test
  void aLaggingFollowerCatchesUpFromASnapshot() throws Exception {
    int leader = leader();
    int lagging = (leader + 1) % 3;
    nodes[lagging].undeploy(deployments[lagging]).await(60, TimeUnit.SECONDS);
    long last = 0;
    for (int i = 0; i < 80; i++) {
      last = ingest(nodes[leader], batch(0, "net", i * 1000L, 100)).await(30, TimeUnit.SECONDS).index();
    }
    int leaderNow = leader;
    RaftTestSupport.await("the leader to purge its log", 20_000, () -> RaftTestSupport.status(nodes[leaderNow])
      .getJsonArray("shards").getJsonObject(0).getLong("first_log_index") > 1);

    deployments[lagging] = RaftTestSupport.deploy(nodes[lagging], configs[lagging]).await(60, TimeUnit.SECONDS);
    awaitApplied(last, lagging);
    assertThat(doublePoints(replica(nodes[lagging], 0))).isEqualTo(doublePoints(replica(nodes[leader], 0)))
      .hasSize(80 * 100);
  }

  private int leader() {
    for (int i = 0; i < 3; i++) {
      if (nodes[i] != null && NodeServices.of(nodes[i]).get(RaftVerticle.STATUS_KEY, Object.class).isPresent()
        && "LEADER".equals(RaftTestSupport.status(nodes[i]).getString("role"))) {
        return i;
      }
    }
    return -1;
  }

  private void awaitApplied(long index, int... members) throws InterruptedException {
    for (int m : members) {
      RaftTestSupport.await("n" + (m + 1) + " to apply " + index, 20_000,
        () -> replica(nodes[m], 0).lastApplied().index() >= index);
    }
  }
}
