package io.raftmetrics.launcher.cluster;

import io.raftmetrics.api.Sharding;
import io.raftmetrics.launcher.cluster.ClusterClient.Answer;
import io.raftmetrics.launcher.cluster.ClusterFixture.Node;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.raftmetrics.launcher.cluster.ClusterClient.await;
import static io.raftmetrics.launcher.cluster.SharedCluster.SHARDS;
import static io.raftmetrics.launcher.cluster.SharedCluster.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster seen through its gateways, with every JVM up: the shard mapping and each group in the gateway-only
 * JVM's {@code /health}; a write through any gateway read back linearizably from every replica; and a write retried
 * with the same {@code Idempotency-Key} applied once.
 */
class ClusterReadsTest extends ClusterTestBase {

  private static final long T0 = 1_700_000_000_000L;

  @Test
  void theGatewaysHealthShowsTheShardMappingAndEveryGroup() throws Exception {
    // spread_leaders: shard s prefers the peer at position s, which takes the lead once it is up to date
    await("the preferred leaders", WAIT, () -> cluster.worker("w1") == client.leaderOf(0, cluster.workers)
      && cluster.worker("w2") == client.leaderOf(1, cluster.workers));
    // an entry in each group, so that every member has something committed and applied
    String[] metrics = ContinuousIngest.metricsInBothShards("view", SHARDS);
    assertThat(client.post(cluster.gateway, "/api/v1/datapoints", "[" + ContinuousIngest.metric(metrics[0], T0, 0) + ","
      + ContinuousIngest.metric(metrics[1], T0, 0) + "]", null).status()).isEqualTo(204);
    await("every member reporting, up to date", WAIT, () -> groups().stream()
      .allMatch(g -> g.getInteger("reporting_members") == 3 && g.getJsonArray("members").stream()
        .allMatch(m -> ((JsonObject) m).getLong("applied_index", -1L) >= 0)));
    JsonObject view = clusterView("?metric=sys.cpu");
    assertThat(view.getInteger("shards")).isEqualTo(SHARDS);
    assertThat(view.getJsonObject("metric").getInteger("shard")).isEqualTo(Sharding.shardOf("sys.cpu", SHARDS));
    assertThat(view.getJsonArray("nodes")).hasSize(3);
    JsonArray groups = view.getJsonArray("groups");
    assertThat(groups).hasSize(SHARDS);
    for (int shard = 0; shard < SHARDS; shard++) {
      JsonObject g = groups.getJsonObject(shard);
      assertThat(g.getString("group_id")).isNotBlank();
      List<String> ids = new ArrayList<>();
      List<String> leaders = new ArrayList<>();
      for (Object o : g.getJsonArray("members")) {
        JsonObject m = (JsonObject) o;
        ids.add(m.getString("node_id"));
        if ("LEADER".equals(m.getString("role"))) {
          leaders.add(m.getString("node_id"));
        }
        assertThat(m.getBoolean("reporting")).isTrue();
        assertThat(m.getLong("commit_index")).isGreaterThanOrEqualTo(0);
        assertThat(m.getLong("applied_index")).isGreaterThanOrEqualTo(0);
        assertThat(m.getLong("lag")).isGreaterThanOrEqualTo(0);
      }
      assertThat(ids).containsExactlyInAnyOrder("w1", "w2", "w3");
      assertThat(leaders).containsExactly(g.getString("leader_id"));
    }
  }

  @Test
  void aLinearizableReadAfterAWriteSeesItOnEveryReplica() {
    List<Node> writers = new ArrayList<>(cluster.workers);
    writers.add(0, cluster.gateway);
    for (int round = 0; round < 8; round++) {
      Node via = writers.get(round % writers.size());
      String body = "{\"metric_name\":\"lin.m\",\"value\":" + round + ",\"timestamp\":" + (T0 + round)
        + ",\"tags\":{\"k\":\"v\"}}";
      Answer written = client.post(via, "/metrics", body, null);
      assertThat(written.status()).as("write via " + via.id + ": " + written.body()).isEqualTo(201);
      for (Node reader : cluster.workers) {
        Answer a = client.get(reader, "/metrics/lin.m?consistency=linearizable");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(new JsonObject(a.body()).getDouble("value")).as("round " + round + " read on " + reader.id)
          .isEqualTo(round);
      }
    }
  }

  @Test
  void aWriteRetriedWithTheSameIdempotencyKeyIsAppliedOnce() {
    String first = points("idem.m", 1);
    assertThat(client.post(cluster.gateway, "/api/v1/datapoints", first, "idem-request-1").status()).isEqualTo(204);
    // another client overwrites the same points
    assertThat(client.post(cluster.gateway, "/api/v1/datapoints", points("idem.m", 2), null).status()).isEqualTo(204);
    // the first client retries, as after a timeout: same key, so the same batch ids, which the replicas skip
    assertThat(client.post(cluster.workers.get(2), "/api/v1/datapoints", first, "idem-request-1").status())
      .isEqualTo(204);
    for (Node reader : cluster.workers) {
      Map<Long, long[]> windows = client.windows(reader, "idem.m", T0, true);
      assertThat(windows).hasSize(1);
      assertThat(windows.get(0L)).as("count and sum on " + reader.id).containsExactly(100, 200);
    }
  }

  /** 100 points of one series at T0..T0+99, all of the same value. */
  private static String points(String metric, int value) {
    StringBuilder sb = new StringBuilder("[{\"name\":\"" + metric + "\",\"tags\":{\"h\":\"a\"},\"datapoints\":[");
    for (int j = 0; j < 100; j++) {
      sb.append(j == 0 ? "" : ",").append('[').append(T0 + j).append(',').append(value).append(']');
    }
    return sb.append("]}]").toString();
  }

  private JsonObject clusterView(String query) {
    Answer a = client.get(cluster.gateway, "/health" + query);
    return new JsonObject(a.body()).getJsonObject("cluster");
  }

  private List<JsonObject> groups() {
    List<JsonObject> out = new ArrayList<>();
    clusterView("").getJsonArray("groups").forEach(o -> out.add((JsonObject) o));
    return out;
  }
}
