package io.raftmetrics.launcher.cluster;

import io.raftmetrics.launcher.cluster.ClusterClient.Answer;
import io.raftmetrics.launcher.cluster.ClusterFixture.Node;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.raftmetrics.launcher.cluster.ClusterClient.await;
import static io.raftmetrics.launcher.cluster.SharedCluster.SHARDS;
import static io.raftmetrics.launcher.cluster.SharedCluster.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fourth raft+query JVM, started with {@code raft.join: true}, joins every shard's group through the admin API of
 * a gateway, catches up, answers what the others answer, and leaves again.
 */
class MembershipClusterTest extends ClusterTestBase {

  private static final long T0 = 1_700_400_000_000L;

  @Test
  void aPeerJoinsEveryGroupThroughTheAdminApiAndLeavesAgain() throws Exception {
    for (int i = 0; i < 30; i++) {
      assertThat(write(i).status()).isEqualTo(204);
    }
    Node joiner = cluster.joiner("w4");
    joiner.start();
    try {
      String address = joiner.ip + ":" + cluster.raftPort;
      Answer incomplete = client.post(cluster.gateway, "/admin/raft/peers", "{\"id\":\"w4\"}", null);
      assertThat(incomplete.status()).isEqualTo(400);
      Answer added = client.post(cluster.gateway, "/admin/raft/peers",
        "{\"id\":\"w4\",\"address\":\"" + address + "\"}", null);
      assertThat(added.status()).as(added.body()).isEqualTo(200);
      JsonArray groups = new JsonObject(added.body()).getJsonArray("groups");
      assertThat(groups).hasSize(SHARDS);
      for (Object g : groups) {
        assertThat(ids(((JsonObject) g).getJsonArray("members"))).containsExactlyInAnyOrder("w1", "w2", "w3", "w4");
      }
      // a member now: it holds what the others hold, and what is written next
      for (int i = 30; i < 40; i++) {
        assertThat(write(i).status()).isEqualTo(204);
      }
      assertThat(client.windows(joiner, "join.m", T0, true))
        .containsExactlyInAnyOrderEntriesOf(client.windows(cluster.worker("w1"), "join.m", T0, true))
        .hasSize(40);
      await("the gateway's view of 4 members", WAIT, () -> members(0).size() == 4 && members(1).size() == 4);

      Answer removed = client.delete(cluster.gateway, "/admin/raft/peers/w4");
      assertThat(removed.status()).as(removed.body()).isEqualTo(200);
      for (Object g : new JsonObject(removed.body()).getJsonArray("groups")) {
        assertThat(ids(((JsonObject) g).getJsonArray("members"))).containsExactlyInAnyOrder("w1", "w2", "w3");
      }
      assertThat(write(40).status()).isEqualTo(204);
      await("the gateway's view of 3 members", WAIT, () -> members(0).size() == 3 && members(1).size() == 3);
    } finally {
      // leave the groups as they were: a stopped fourth member would count toward every majority
      if (members(0).contains("w4") || members(1).contains("w4")) {
        client.delete(cluster.gateway, "/admin/raft/peers/w4");
      }
      joiner.stop();
    }
  }

  /** Request {@code i}: 10 points of value {@code i} in its own second. */
  private Answer write(int i) {
    StringBuilder sb = new StringBuilder("[{\"name\":\"join.m\",\"tags\":{\"h\":\"a\"},\"datapoints\":[");
    for (int j = 0; j < 10; j++) {
      sb.append(j == 0 ? "" : ",").append('[').append(T0 + i * 1000L + j).append(',').append(i).append(']');
    }
    return client.post(cluster.gateway, "/api/v1/datapoints", sb.append("]}]").toString(), null);
  }

  private List<String> members(int shard) {
    Answer a = client.get(cluster.gateway, "/health");
    JsonObject group = new JsonObject(a.body()).getJsonObject("cluster").getJsonArray("groups").getJsonObject(shard);
    return ids(group.getJsonArray("members"));
  }

  private static List<String> ids(JsonArray members) {
    List<String> ids = new ArrayList<>();
    for (Object o : members) {
      JsonObject m = (JsonObject) o;
      ids.add(m.getString(m.containsKey("node_id") ? "node_id" : "id"));
    }
    return ids;
  }
}
