package io.raftmetrics.launcher.cluster;

import io.raftmetrics.api.Sharding;
import io.raftmetrics.launcher.cluster.ClusterClient.Answer;
import io.raftmetrics.launcher.cluster.ClusterFixture.Node;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static io.raftmetrics.launcher.cluster.ClusterClient.await;
import static io.raftmetrics.launcher.cluster.SharedCluster.SHARDS;
import static io.raftmetrics.launcher.cluster.SharedCluster.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failures of real JVMs ({@code kill -9}) under a cluster that keeps serving: the leader killed again and again during
 * continuous ingest, a follower whose disk is wiped, and a lost majority. Outcomes are counted exactly: every
 * acknowledged request's points are on every replica, once, with their values, and nothing else is.
 */
class FailoverClusterTest extends ClusterTestBase {

  private static final Logger LOG = LoggerFactory.getLogger(FailoverClusterTest.class);
  private static final int KILLS = 3;
  /** Failed attempts must start within this long after a kill or a restart (the failover window, generously). */
  private static final long FAILOVER_WINDOW_MS = 20_000;


  @Test
  void everyAcknowledgedPointSurvivesRepeatedLeaderKillsOnceAndOnEveryReplica() throws Exception {
    String[] metrics = ContinuousIngest.metricsInBothShards("kill", SHARDS);
    long t0 = 1_700_100_000_000L;
    int shard = Sharding.shardOf(metrics[0], SHARDS);
    ContinuousIngest ingest = new ContinuousIngest(client, cluster.gateway, metrics[0], metrics[1], t0);
    ingest.start(4);
    List<Long> events = new ArrayList<>();
    try {
      await("acknowledged writes", WAIT, () -> ingest.acked().size() >= 20);
      for (int k = 0; k < KILLS; k++) {
        Node leader = leader(shard);
        long killedAt = System.currentTimeMillis();
        events.add(killedAt);
        leader.kill9();
        await("a new leader of shard " + shard, WAIT, () -> client.leaderOf(shard, alive()) != null);
        await("writes to resume after killing " + leader.id, WAIT, () -> ingest.ackedStartedSince(killedAt) >= 5);
        LOG.info("kill {} of {} (leader of shard {}): first write acknowledged {} ms later", k + 1, leader.id, shard,
          ingest.firstAckEndSince(killedAt) - killedAt);
        events.add(System.currentTimeMillis());
        leader.start();
        events.add(System.currentTimeMillis());
        long restarted = System.currentTimeMillis();
        await("writes after the restart of " + leader.id, WAIT, () -> ingest.ackedStartedSince(restarted) >= 5);
      }
    } finally {
      ingest.stop();
    }
    Set<Integer> acked = ingest.acked();
    LOG.info("{} requests sent, {} acknowledged, {} attempts", ingest.sent(), acked.size(), ingest.attempts().size());
    assertThat(acked.size()).isGreaterThan(KILLS * 10);
    for (ContinuousIngest.Attempt a : ingest.attempts()) {
      if (a.status() != 204) {
        assertThat(events).as("attempt " + a + " failed outside any failover window")
          .anyMatch(e -> a.startMs() >= e - 5_000 && a.startMs() <= e + FAILOVER_WINDOW_MS);
      }
    }
    for (String metric : metrics) {
      assertReplicasHoldExactly(metric, t0, acked, ingest.sent());
    }
  }

  @Test
  void aFollowerWhoseDiskWasWipedCatchesUpFromASnapshotAndTheLog() throws Exception {
    String[] metrics = ContinuousIngest.metricsInBothShards("wipe", SHARDS);
    long t0 = 1_700_200_000_000L;
    int shard = Sharding.shardOf(metrics[0], SHARDS);
    Node leader = leader(shard);
    Node follower = alive().stream().filter(n -> n != leader).findFirst().orElseThrow();
    ContinuousIngest before = new ContinuousIngest(client, cluster.gateway, metrics[0], metrics[1], t0);
    before.start(2);
    // enough entries for snapshots to purge the leader's log, so that a new replica cannot start from index 0
    await("the leader to purge its log", WAIT, () -> client.shardStatus(leader, shard).getLong("first_log_index") > 1);
    follower.kill9();
    ClusterFixture.wipe(follower);
    await("writes while the follower is away", WAIT, () -> before.acked().size() >= 60);
    before.stop();

    follower.start();
    long commit = client.shardStatus(leader, shard).getLong("commit_index");
    await(follower.id + " to catch up", WAIT, () -> client.shardStatus(follower, shard).getLong("applied_index")
      >= commit);
    // the leader no longer has the first entries, so the follower holds a snapshot it installed from the leader
    // (its own log, empty or not, starts after it)
    JsonObject caughtUp = client.shardStatus(follower, shard);
    assertThat(caughtUp.getLong("snapshot_index")).isGreaterThan(1);
    assertThat(caughtUp.getLong("first_log_index")).isNotIn(0L, 1L);
    for (String metric : metrics) {
      Map<Long, long[]> expected = client.windows(leader, metric, t0, true);
      assertThat(expected).isNotEmpty();
      assertThat(client.windows(follower, metric, t0, true)).as(metric + " on " + follower.id)
        .containsExactlyInAnyOrderEntriesOf(expected);
      assertReplicasHoldExactly(metric, t0, before.acked(), before.sent());
    }
  }

  @Test
  void withoutAMajorityWritesFailFastReadsAreServedAndWritesResumeWhenItReturns() throws Exception {
    String metric = "majority.m";
    long t0 = 1_700_300_000_000L;
    assertThat(write(cluster.gateway, metric, t0, 0).status()).isEqualTo(204);
    Node survivor = cluster.worker("w1");
    await("every replica to apply it", WAIT, () -> cluster.workers.stream()
      .allMatch(w -> client.windows(w, metric, t0, false).size() == 1));
    cluster.worker("w2").kill9();
    cluster.worker("w3").kill9();
    await("the gateway to see w2 and w3 gone", WAIT, () -> {
      JsonObject view = new JsonObject(client.get(cluster.gateway, "/health").body()).getJsonObject("cluster");
      return view.getJsonArray("nodes").stream().map(JsonObject.class::cast)
        .filter(n -> !"w1".equals(n.getString("node_id"))).noneMatch(n -> n.getBoolean("reporting"));
    });

    // a gateway next to a raft node hands the write to that node, which knows the group has no quorum
    long started = System.currentTimeMillis();
    Answer refused = write(survivor, metric, t0, 1);
    long firstMs = System.currentTimeMillis() - started;
    assertThat(refused.status()).as(refused.body()).isEqualTo(503);
    started = System.currentTimeMillis();
    Answer again = write(survivor, metric, t0, 2);
    long secondMs = System.currentTimeMillis() - started;
    assertThat(again.status()).as(again.body()).isEqualTo(503);
    LOG.info("without a majority: first write refused after {} ms, the next after {} ms", firstMs, secondMs);
    // the gateway's own timeout is 15 s: a 503 before it means the cluster refused, nothing hung
    assertThat(firstMs).isLessThan(15_000);
    assertThat(secondMs).isLessThan(15_000);
    // a gateway-only JVM routes over the event bus, which may still hold a dead node's consumers for a few seconds
    // after the crash (a request sent there is lost: 504 at the gateway's timeout); once the cluster dropped them, 503
    await("the gateway-only JVM to refuse writes with 503", WAIT,
      () -> write(cluster.gateway, metric, t0, 2).status() == 503);

    Map<Long, long[]> local = client.windows(survivor, metric, t0, false);
    assertThat(local).containsOnlyKeys(0L);
    assertThat(local.get(0L)).containsExactly(ContinuousIngest.POINTS, 0);
    Answer linearizable = client.get(survivor, "/aggregate?metric=" + metric + "&consistency=linearizable");
    assertThat(linearizable.status()).as(linearizable.body()).isEqualTo(503);

    CompletableFuture.allOf(CompletableFuture.runAsync(() -> cluster.worker("w2").start()),
      CompletableFuture.runAsync(() -> cluster.worker("w3").start())).join();
    await("writes to resume", WAIT, () -> write(cluster.gateway, metric, t0, 3).status() == 204);
    // every node forwards writes again, including the one whose client saw the outage
    int i = 4;
    for (Node via : cluster.workers) {
      Answer a = write(via, metric, t0, i++);
      assertThat(a.status()).as("write via " + via.id + ": " + a.body()).isEqualTo(204);
    }
    // the refused writes may still be applied: an entry a leader appended before it lost its quorum commits once a
    // majority is back, as after a timeout; whatever is there is whole
    Map<Long, long[]> after = client.windows(cluster.worker("w2"), metric, t0, true);
    assertThat(after).containsKeys(0L, 3L, 4L, 5L, 6L);
    after.forEach((k, v) -> assertThat(v).containsExactly(ContinuousIngest.POINTS, (long) ContinuousIngest.POINTS * k));
  }

  /** One request of the continuous-ingest shape, number {@code i}, to one metric. */
  private Answer write(Node via, String metric, long t0, int i) {
    return client.post(via, "/api/v1/datapoints", "[" + ContinuousIngest.metric(metric, t0, i) + "]", null);
  }

  /**
   * Every replica answers the same counts and sums per request window: each acknowledged request's points with its
   * value, no window outside the requests sent, no partial window (a request not acknowledged is there in full or
   * not at all).
   */
  private void assertReplicasHoldExactly(String metric, long t0, Set<Integer> acked, int sent) {
    Map<Long, long[]> first = null;
    for (Node replica : cluster.workers) {
      Map<Long, long[]> windows = client.windows(replica, metric, t0, true);
      for (int i : acked) {
        assertThat(windows.get((long) i)).as(metric + " request " + i + " on " + replica.id)
          .containsExactly(ContinuousIngest.POINTS, (long) ContinuousIngest.POINTS * i);
      }
      windows.forEach((k, v) -> {
        assertThat(k).as(metric + " window on " + replica.id).isBetween(0L, (long) sent - 1);
        assertThat(v).as(metric + " window " + k + " on " + replica.id)
          .containsExactly(ContinuousIngest.POINTS, (long) ContinuousIngest.POINTS * k);
      });
      if (first == null) {
        first = windows;
      } else {
        assertThat(windows).as(metric + " on " + replica.id).containsExactlyInAnyOrderEntriesOf(first);
      }
    }
  }

  private Node leader(int shard) throws InterruptedException {
    Node[] found = new Node[1];
    await("a leader of shard " + shard, WAIT, () -> (found[0] = client.leaderOf(shard, alive())) != null);
    return found[0];
  }

  private static List<Node> alive() {
    return cluster.workers.stream().filter(Node::alive).toList();
  }
}
