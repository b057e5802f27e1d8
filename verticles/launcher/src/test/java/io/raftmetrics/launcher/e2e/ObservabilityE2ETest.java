package io.raftmetrics.launcher.e2e;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Health and Prometheus metrics of a running node, on the gateway and on the management port. */
class ObservabilityE2ETest {

  @TempDir
  static Path dir;
  static NodeHarness node;

  @BeforeAll
  static void start() throws Exception {
    node = NodeHarness.start(dir, "");
    HttpResponse<Buffer> r = node.send(node.post("/api/v1/datapoints"),
      "[{\"name\":\"obs.m\",\"tags\":{\"h\":\"a\"},\"datapoints\":[[1000,1],[2000,2]]}]");
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(node.send(node.get("/aggregate?metric=obs.m")).statusCode()).isEqualTo(200);
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  private static HttpResponse<Buffer> management(String path) throws Exception {
    return node.client.get(node.managementPort, "127.0.0.1", path).send().await(20, TimeUnit.SECONDS);
  }

  @Test
  void healthReportsEveryDeployedRole() throws Exception {
    HttpResponse<Buffer> r = node.client.get("/health").send().await(20, TimeUnit.SECONDS);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject h = r.bodyAsJsonObject();
    assertThat(h.getString("status")).isEqualTo("healthy");
    assertThat(h.getString("message")).isEqualTo("raft+query+gateway node is operational");
    assertThat(h.getString("node_id")).isEqualTo("n1");
    assertThat(h.getJsonObject("checks").fieldNames()).contains("startup", "raft", "query", "gateway");
    JsonObject raft = h.getJsonObject("raft_status");
    assertThat(raft.getString("role")).isEqualTo("LEADER");
    assertThat(raft.getString("leader_id")).isEqualTo("n1");
    assertThat(raft.getLong("term")).isPositive();
    assertThat(raft.getLong("applied_index")).isPositive();
    assertThat(raft.getLong("last_log_index")).isGreaterThanOrEqualTo(raft.getLong("applied_index"));

    HttpResponse<Buffer> m = management("/health");
    assertThat(m.statusCode()).isEqualTo(200);
    assertThat(m.bodyAsJsonObject().getString("status")).isEqualTo("healthy");
    assertThat(management("/health/ready").statusCode()).isEqualTo(200);
    assertThat(management("/health/live").statusCode()).isEqualTo(200);
  }

  @Test
  void prometheusHasVertxAndProductMeters() throws Exception {
    for (HttpResponse<Buffer> r : new HttpResponse[] {management("/metrics"),
      node.client.get("/metrics").send().await(20, TimeUnit.SECONDS)}) {
      assertThat(r.statusCode()).isEqualTo(200);
      String text = r.bodyAsString();
      assertThat(text).contains("vertx_http_server_requests_total", "vertx_eventbus_",
        "raftmetrics_points_accepted_total", "raftmetrics_points_committed_total",
        "raftmetrics_points_applied_total", "raftmetrics_raft_term", "raftmetrics_raft_leader",
        "raftmetrics_raft_apply_lag", "raftmetrics_query_latency_seconds");
      assertThat(text).containsPattern("raftmetrics_points_accepted_total\\{api=\"kairos\"[^}]*} 2\\.0");
    }
  }
}
