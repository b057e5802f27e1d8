package io.raftmetrics.launcher.e2e;

import io.raftmetrics.launcher.NodeLauncher;
import io.raftmetrics.launcher.config.ConfigLoader;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Mixes of roles in one JVM: what works alone, and what must refuse to start. */
class RoleMixE2ETest {

  @TempDir
  Path dir;

  @Test
  void gatewayAloneIsHealthyAndAnswers503ForWork() throws Exception {
    try (NodeHarness node = NodeHarness.start(dir, "node:\n  id: g1\n  roles: [gateway]\n")) {
      assertThat(node.client.get("/health").send().await(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      HttpResponse<Buffer> write = node.send(node.post("/api/v1/datapoints"),
        "{\"name\":\"m\",\"tags\":{\"h\":\"a\"},\"datapoints\":[[1,1]]}");
      assertThat(write.statusCode()).isEqualTo(503);
      assertThat(node.send(node.get("/metrics/m")).statusCode()).isEqualTo(503);
      HttpResponse<Buffer> check = node.send(node.get("/api/v1/health/check"));
      assertThat(check.statusCode()).isEqualTo(500);
      assertThat(node.send(node.get("/api/v1/health/status")).bodyAsString())
        .isEqualTo("[\"JVM-Thread-Deadlock: OK\",\"Datastore-Query: FAIL\"]");
    }
  }

  @Test
  void queryWithoutALocalReplicaRefusesToStart() {
    Path config = NodeHarness.writeConfig(dir);
    Path override = NodeHarness.writeOverride(dir, "node:\n  id: q1\n  roles: [gateway, query]\n");
    var conf = ConfigLoader.load(List.of(config, override), Map.of(), new Properties());
    assertThatThrownBy(() -> NodeLauncher.start(conf).await(60, TimeUnit.SECONDS))
      .hasMessageContaining("query role needs a local raft replica of shard 0 in this JVM");
  }

  @Test
  void aBadRoleSectionNamesTheKey() {
    Path config = NodeHarness.writeConfig(dir);
    var conf = ConfigLoader.load(List.of(config), Map.of(), propsOf("raftmetrics.raft.peers", "[]"));
    assertThatThrownBy(() -> NodeLauncher.start(conf).await(60, TimeUnit.SECONDS)).hasMessageStartingWith("raft.peers");
  }

  private static Properties propsOf(String k, String v) {
    Properties p = new Properties();
    p.setProperty(k, v);
    return p;
  }
}
