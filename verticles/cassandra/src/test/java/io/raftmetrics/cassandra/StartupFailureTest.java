package io.raftmetrics.cassandra;

import io.raftmetrics.testkit.cassandra.CassandraExtension;
import io.raftmetrics.testkit.cassandra.CassandraKeyspace;
import io.raftmetrics.testkit.Ports;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad configurations stop the deployment with a clear reason instead of losing points later. */
@ExtendWith(CassandraExtension.class)
class StartupFailureTest {

  private Vertx vertx;

  @BeforeEach
  void setUp() {
    vertx = CassandraTestSupport.vertx();
  }

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  @Test
  void unreachableContactPoint() {
    int closed = Ports.free();
    JsonObject config = CassandraTestSupport.config(new CassandraKeyspace("127.0.0.1", closed, "datacenter1",
      "nowhere"), "direct");
    assertThatThrownBy(() -> deploy(config)).hasMessageContaining("cannot set up keyspace nowhere on 127.0.0.1:"
      + closed);
  }

  @Test
  void existingKeyspaceWithOtherReplication(CassandraKeyspace ks) throws Exception {
    deploy(CassandraTestSupport.config(ks, "direct"));
    JsonObject other = CassandraTestSupport.config(ks, "direct")
      .put("replication", new JsonObject().put("class", "SimpleStrategy").put("replication_factor", 2));
    assertThatThrownBy(() -> deploy(other)).hasMessageStartingWith("cassandra.replication: keyspace " + ks.name()
      + " exists with {'class': 'SimpleStrategy', 'replication_factor': '1'}, configured");
  }

  @Test
  void replicationTheClusterCannotSatisfy(CassandraKeyspace ks) {
    JsonObject config = CassandraTestSupport.config(ks, "direct").put("keyspace", ks.name() + "_rf3")
      .put("write_consistency", "QUORUM")
      .put("replication", new JsonObject().put("class", "SimpleStrategy").put("replication_factor", 3));
    assertThatThrownBy(() -> deploy(config)).hasMessageContaining("write_consistency QUORUM")
      .hasMessageContaining("Not enough replicas");
  }

  @Test
  void invalidKey(CassandraKeyspace ks) {
    JsonObject config = CassandraTestSupport.config(ks, "direct").put("contact_points", new JsonArray());
    assertThatThrownBy(() -> deploy(config)).hasMessage("cassandra.contact_points: missing");
  }

  private void deploy(JsonObject config) throws Exception {
    assertThat(CassandraTestSupport.deploy(vertx, config)).isNotNull();
  }
}
