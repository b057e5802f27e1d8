package io.raftmetrics.raft;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
class RaftConfigTest {

  private static JsonObject valid() {
    return new JsonObject()
      .put("node_id", "a")
      .put("address", "127.0.0.1:9872")
      .put("peers", new JsonArray()
        .add(new JsonObject().put("id", "a").put("address", "127.0.0.1:9872"))
        .add(new JsonObject().put("id", "b").put("address", "10.0.0.2:9872")));
  }

  @Test
  void defaultsApplyToOptionalKeys() {
    RaftConfig c = RaftConfig.from(valid());
    assertThat(c.nodeId()).isEqualTo("a");
    assertThat(c.address()).isEqualTo(new RaftConfig.HostPort("127.0.0.1", 9872));
    assertThat(c.bindHost()).isEqualTo("127.0.0.1");
    assertThat(c.peers()).extracting(RaftConfig.Peer::id).containsExactly("a", "b");
    assertThat(c.shards()).isEqualTo(1);
    assertThat(c.storageDir()).isEqualTo(Path.of("./data/raft"));
    assertThat(c.replicaDir()).isEqualTo(Path.of("./data/replica"));
    assertThat(c.requestTimeoutMs()).isEqualTo(10_000);
    assertThat(c.snapshotIntervalEntries()).isEqualTo(10_000);
    assertThat(c.electionTimeoutMaxMs()).isGreaterThan(c.electionTimeoutMinMs());
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
      bad(j -> j.put("node_id", null), "raft.node_id: missing"),
      bad(j -> j.put("node_id", "  "), "raft.node_id: must be a non-empty string"),
      bad(j -> j.put("node_id", "z"), "raft.node_id: 'z' is not one of raft.peers"),
      bad(j -> j.put("address", null), "raft.address: missing"),
      bad(j -> j.put("address", "localhost"),
        "raft.address: must be host:port with a port in 1..65535, got 'localhost'"),
      bad(j -> j.put("address", "127.0.0.1:70000"),
        "raft.address: must be host:port with a port in 1..65535, got '127.0.0.1:70000'"),
      bad(j -> j.put("address", "127.0.0.1:9999"),
        "raft.address: port 9999 differs from the raft.peers entry of 'a' (127.0.0.1:9872)"),
      bad(j -> j.put("peers", null), "raft.peers: missing"),
      bad(j -> j.put("peers", new JsonArray()), "raft.peers: must be a non-empty list of {id, address}"),
      bad(j -> j.put("peers", "a@127.0.0.1"), "raft.peers: must be a non-empty list of {id, address}"),
      bad(j -> addPeer(j, "x"), "raft.peers[2]: must be an object {id, address}"),
      bad(j -> addPeer(j, new JsonObject().put("id", "a").put("address", "h:1")),
        "raft.peers[2].id: duplicate peer id 'a'"),
      bad(j -> addPeer(j, new JsonObject().put("id", "c")), "raft.peers[2].address: missing"),
      bad(j -> j.put("shards", 0), "raft.shards: must be between 1 and 64, got 0"),
      bad(j -> j.put("shards", "many"), "raft.shards: must be an integer, got 'many'"),
      bad(j -> j.put("request_timeout_ms", 1.5), "raft.request_timeout_ms: must be an integer, got '1.5'"),
      bad(j -> j.put("snapshot_interval_entries", 0), "raft.snapshot_interval_entries: must be between 1 and "
        + Long.MAX_VALUE + ", got 0"),
      bad(j -> j.put("election_timeout_min_ms", 500).put("election_timeout_max_ms", 400),
        "raft.election_timeout_max_ms: must be between 501 and 1200000, got 400"),
      bad(j -> j.put("max_entry_bytes", 1), "raft.max_entry_bytes: must be between 65536 and 67108864, got 1"));
  }

  private static JsonObject addPeer(JsonObject config, Object peer) {
    config.getJsonArray("peers").add(peer);
    return config;
  }

  private static Arguments bad(UnaryOperator<JsonObject> change, String message) {
    return Arguments.of(change.apply(valid()), message);
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void invalidKeysAreNamedInOneLine(JsonObject config, String message) {
    assertThatThrownBy(() -> RaftConfig.from(config)).isInstanceOf(RaftConfigException.class).hasMessage(message);
  }

  @Test
  void deploymentFailsWithTheMessageAndLeavesNothingBehind(Vertx vertx, @TempDir Path dir) throws Exception {
    JsonObject config = valid().put("peers", null).put("storage_dir", dir.resolve("raft").toString());
    Throwable failure = RaftTestSupport.deploy(vertx, config)
      .transform(ar -> io.vertx.core.Future.succeededFuture(ar.cause())).await(10, TimeUnit.SECONDS);
    assertThat(failure).isInstanceOf(RaftConfigException.class).hasMessage("raft.peers: missing");
    assertThat(Files.exists(dir.resolve("raft"))).isFalse();
    assertThat(vertx.deploymentIDs()).isEmpty();
  }
}
