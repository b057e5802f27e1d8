package io.raftmetrics.cassandra;

import io.raftmetrics.cassandra.schema.Replication;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every configuration problem is one line naming the key. */
class CassandraConfigTest {

  private static JsonObject minimal() {
    return new JsonObject().put("mode", "direct").put("contact_points", new JsonArray().add("127.0.0.1"))
      .put("keyspace", "kairosdb");
  }

  @Test
  void defaultsFollowKairosDb() {
    CassandraConfig c = CassandraConfig.from(minimal());
    assertThat(c.mode()).isEqualTo(CassandraConfig.Mode.DIRECT);
    assertThat(c.connection().contactPoints()).hasSize(1);
    assertThat(c.connection().contactPoints().get(0).getPort()).isEqualTo(9042);
    assertThat(c.connection().localDc()).isEqualTo("datacenter1");
    assertThat(c.connection().replication()).isEqualTo(Replication.DEFAULT);
    assertThat(c.connection().replicationConfigured()).isFalse();
    assertThat(c.connection().writeConsistency()).isEqualTo(CassandraConfig.Consistency.QUORUM);
    assertThat(c.ttl()).isEqualTo(new CassandraConfig.Ttl(0, false, false));
    assertThat(c.stream().shards()).isEqualTo(1);
    assertThat(c.stream().consumer()).isEqualTo("cassandra");
  }

  @Test
  void acceptsKairosDbsReplicationStringAndHostPortLists() {
    CassandraConfig c = CassandraConfig.from(minimal()
      .put("contact_points", "10.0.0.1:9043, [::1]:9044,cassandra-0")
      .put("replication", "{'class': 'SimpleStrategy','replication_factor' : 3}")
      .put("keyspace", "KairosDB_Prod"));
    assertThat(c.connection().contactPoints()).extracting(a -> a.getHostString() + ":" + a.getPort())
      .containsExactly("10.0.0.1:9043", "::1:9044", "cassandra-0:9042");
    assertThat(c.connection().replication().options()).isEqualTo(Map.of("class", "SimpleStrategy",
      "replication_factor", "3"));
    assertThat(c.connection().keyspace()).isEqualTo("kairosdb_prod");
    assertThat(Replication.parse("{'class':'org.apache.cassandra.locator.NetworkTopologyStrategy','DC1':'3'}"))
      .isEqualTo(Replication.of(new JsonObject().put("class", "NetworkTopologyStrategy").put("DC1", 3)));
  }

  @Test
  void namesTheBadKey() {
    assertProblem(minimal().put("keyspace", null), "cassandra.keyspace: missing");
    assertProblem(minimal().put("keyspace", "bad-name"), "cassandra.keyspace: must be a CQL identifier");
    assertProblem(minimal().put("mode", "sideways"), "cassandra.mode: must be one of [direct, replicated]");
    assertProblem(minimal().put("mode", null), "cassandra.mode: missing");
    assertProblem(minimal().put("contact_points", new JsonArray()), "cassandra.contact_points: missing");
    assertProblem(minimal().put("contact_points", "host:99999"), "cassandra.contact_points: bad port");
    assertProblem(minimal().put("write_consistency", "MOST"), "cassandra.write_consistency: must be one of");
    assertProblem(minimal().put("replication", "SimpleStrategy"), "cassandra.replication: not a CQL map literal");
    assertProblem(minimal().put("datapoint_ttl", -5), "cassandra.datapoint_ttl: must be between 0 and 630720000");
    assertProblem(minimal().put("batch", new JsonObject().put("max_statements", "many")),
      "cassandra.batch.max_statements: must be an integer");
    assertProblem(minimal().put("retry", new JsonObject().put("initial_backoff_ms", 10).put("max_backoff_ms", 5)),
      "cassandra.retry.max_backoff_ms: must be >= initial_backoff_ms");
    assertProblem(minimal().put("shards", 0), "cassandra.shards: must be between 1 and 64");
    assertProblem(minimal().put("username", "u"), "cassandra.password: missing");
    assertProblem(minimal().put("align_datapoint_ttl_with_timestamp", "yes"),
      "cassandra.align_datapoint_ttl_with_timestamp: must be true or false");
  }

  private static void assertProblem(JsonObject config, String message) {
    assertThatThrownBy(() -> CassandraConfig.from(config)).isInstanceOf(ConfigException.class)
      .hasMessageStartingWith(message).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
