package io.raftmetrics.launcher.config;

import io.raftmetrics.cassandra.CassandraConfig;
import io.raftmetrics.launcher.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

  @TempDir
  Path dir;

  private static final Path DEV = Paths.get(System.getProperty("project.root", "../.."), "conf", "dev.yaml");

  private Path yaml(String text) throws IOException {
    Path f = Files.createTempFile(dir, "conf", ".yaml");
    Files.writeString(f, text);
    return f;
  }

  private static NodeConfig load(List<Path> files, Map<String, String> env) {
    return ConfigLoader.load(files, env, new Properties());
  }

  @Test
  void devConfigurationRunsEveryRoleOnOneShard() {
    NodeConfig c = load(List.of(DEV), Map.of());
    assertThat(c.nodeId()).isEqualTo("dev-1");
    assertThat(c.roles()).containsExactly(Role.RAFT, Role.QUERY, Role.GATEWAY);
    assertThat(c.shards()).isEqualTo(1);
    assertThat(c.dataDir()).isEqualTo(Paths.get("./data"));
    JsonObject gateway = c.section(Role.GATEWAY);
    assertThat(gateway.getInteger("port")).isEqualTo(8080);
    assertThat(gateway.getJsonObject("auth").getJsonArray("tokens").getJsonObject(0).getString("token"))
      .isEqualTo("local-dev-token-123");
    JsonObject raft = c.section(Role.RAFT);
    assertThat(raft.getString("node_id")).isEqualTo("dev-1");
    assertThat(raft.getString("storage_dir")).isEqualTo(Paths.get("./data/raft").toString());
    assertThat(raft.getJsonArray("peers")).hasSize(1);
    assertThat(c.section(Role.QUERY).getJsonArray("shards")).isEqualTo(new JsonArray().add(0));
  }

  @Test
  void cassandraOverlayAddsTheRoleInReplicatedMode() {
    NodeConfig c = load(List.of(DEV, DEV.resolveSibling("dev-cassandra.yaml")), Map.of());
    assertThat(c.roles()).containsExactly(Role.RAFT, Role.QUERY, Role.CASSANDRA, Role.GATEWAY);
    JsonObject cassandra = c.section(Role.CASSANDRA);
    assertThat(cassandra.getString("mode")).isEqualTo("replicated");
    assertThat(cassandra.getInteger("shards")).isEqualTo(1);
    CassandraConfig parsed = CassandraConfig.from(cassandra);
    assertThat(parsed.connection().keyspace()).isEqualTo("kairosdb");
    assertThat(parsed.stream().shards()).isEqualTo(1);
  }

  @Test
  void roleListedTwiceStopsWithOneLineNamingTheKey() throws IOException {
    Path f = yaml("node: {id: a, roles: [gateway, raft, gateway]}\n");
    assertThatThrownBy(() -> load(List.of(f), Map.of()))
      .isInstanceOf(ConfigException.class).hasMessage("node.roles: role 'gateway' listed twice");
  }

  @Test
  void unknownRoleIsNamed() throws IOException {
    Path f = yaml("node: {id: a, roles: [gateway, ingester]}\n");
    assertThatThrownBy(() -> load(List.of(f), Map.of()))
      .hasMessage("node.roles: unknown role 'ingester' (known: gateway, raft, query, cassandra)");
  }

  @Test
  void missingRequiredKeysAreNamed() throws IOException {
    assertThatThrownBy(() -> load(List.of(yaml("node: {roles: [gateway]}\n")), Map.of())).hasMessage("node.id: missing");
    assertThatThrownBy(() -> load(List.of(yaml("node: {id: a}\n")), Map.of()))
      .hasMessageStartingWith("node.roles: missing");
    assertThatThrownBy(() -> load(List.of(yaml("node: {id: a, roles: [gateway]}\ngateway: {port: http}\n")), Map.of()))
      .hasMessage("gateway.port: must be an integer, got 'http'");
    assertThatThrownBy(() -> load(List.of(yaml("node: {id: a, roles: [raft]}\nshards: 0\n")), Map.of()))
      .hasMessage("shards: must be between 1 and 64, got 0");
  }

  @Test
  void invalidYamlIsReportedWithTheFile() throws IOException {
    Path f = yaml("node: [unclosed\n");
    assertThatThrownBy(() -> load(List.of(f), Map.of())).hasMessageStartingWith("--conf: " + f + " is not valid YAML");
  }

  @Test
  void simpleEnvironmentVariablesOverrideFiles() {
    NodeConfig c = load(List.of(DEV), Map.of("NODE_ID", "worker2", "NODE_ROLE", "worker",
      "WORKER_HOSTS", "worker1:9001, worker2:9002,w3@10.0.0.3", "AUTH_TOKEN", "s3cret", "PORT", "9999"));
    assertThat(c.nodeId()).isEqualTo("worker2");
    assertThat(c.roles()).containsExactly(Role.RAFT, Role.QUERY);
    JsonObject raft = c.section(Role.RAFT);
    assertThat(raft.getJsonArray("peers")).isEqualTo(new JsonArray()
      .add(new JsonObject().put("id", "worker1").put("address", "worker1:9001"))
      .add(new JsonObject().put("id", "worker2").put("address", "worker2:9002"))
      .add(new JsonObject().put("id", "w3").put("address", "10.0.0.3:9872")));
    // dev.yaml gives raft.address explicitly; WORKER_HOSTS alone does not override it
    assertThat(raft.getString("address")).isEqualTo("127.0.0.1:9872");
    // no gateway on a worker: PORT is the management port
    assertThat(c.management().getInteger("port")).isEqualTo(9999);
    JsonArray tokens = c.section(Role.GATEWAY).getJsonObject("auth").getJsonArray("tokens");
    assertThat(tokens.getJsonObject(tokens.size() - 1).getString("token")).isEqualTo("s3cret");
  }

  @Test
  void workerAddressComesFromThePeerListWhenNotGiven() throws IOException {
    Path f = yaml("node: {id: worker2, roles: [raft, query]}\n");
    NodeConfig c = load(List.of(f), Map.of("WORKER_HOSTS", "worker1:9001,worker2:9002"));
    assertThat(c.section(Role.RAFT).getString("address")).isEqualTo("worker2:9002");
  }

  @Test
  void controlRoleIsTheGatewayAndPortItsHttpPort() {
    NodeConfig c = load(List.of(DEV), Map.of("NODE_ROLE", "control", "PORT", "8181"));
    assertThat(c.roles()).containsExactly(Role.GATEWAY);
    assertThat(c.section(Role.GATEWAY).getInteger("port")).isEqualTo(8181);
  }

  @Test
  void anyKeyCanBeOverriddenByEnvironmentOrSystemProperty() {
    Properties props = new Properties();
    props.setProperty("raftmetrics.gateway.request_timeout_ms", "1234");
    props.setProperty("raftmetrics.query.instances", "3");
    NodeConfig c = ConfigLoader.load(List.of(DEV), Map.of(
      "RAFTMETRICS_GATEWAY__LIMITS__MAX_BODY_BYTES", "1048576",
      "RAFTMETRICS_QUERY__INSTANCES", "1",
      "RAFTMETRICS_NODE__ROLES", "[gateway, query, raft]"), props);
    assertThat(c.section(Role.GATEWAY).getJsonObject("limits").getLong("max_body_bytes")).isEqualTo(1048576L);
    assertThat(c.section(Role.GATEWAY).getLong("request_timeout_ms")).isEqualTo(1234L);
    // system properties win over the environment
    assertThat(c.section(Role.QUERY).getInteger("instances")).isEqualTo(3);
    assertThat(c.roles()).containsExactly(Role.RAFT, Role.QUERY, Role.GATEWAY);
  }

  @Test
  void raftPeersComeFromTheStatefulSetsPodNames() throws IOException {
    Path f = yaml("node: {id: rm-raft-1, roles: [raft, query]}\n"
      + "raft:\n  statefulset: {name: rm-raft, replicas: 3, service: rm-raft, namespace: metrics}\n");
    JsonObject raft = load(List.of(f), Map.of()).section(Role.RAFT);
    assertThat(raft.getJsonArray("peers")).isEqualTo(new JsonArray()
      .add(new JsonObject().put("id", "rm-raft-0").put("address", "rm-raft-0.rm-raft.metrics.svc.cluster.local:9872"))
      .add(new JsonObject().put("id", "rm-raft-1").put("address", "rm-raft-1.rm-raft.metrics.svc.cluster.local:9872"))
      .add(new JsonObject().put("id", "rm-raft-2").put("address", "rm-raft-2.rm-raft.metrics.svc.cluster.local:9872")));
    assertThat(raft.getString("address")).isEqualTo("rm-raft-1.rm-raft.metrics.svc.cluster.local:9872");
    // the pod's own DNS name may not resolve before it is ready
    assertThat(raft.getString("bind_host")).isEqualTo("0.0.0.0");
    assertThat(raft.containsKey("statefulset")).isFalse();
  }

  @Test
  void theStatefulSetsSizeFollowsTheEnvironmentAndWorkerHostsWin() throws IOException {
    Path f = yaml("node: {id: rm-2, roles: [raft]}\nraft:\n  statefulset: {name: rm, replicas: 3, service: s, port: 7000}\n");
    JsonObject five = load(List.of(f), Map.of("RAFTMETRICS_RAFT__STATEFULSET__REPLICAS", "5")).section(Role.RAFT);
    assertThat(five.getJsonArray("peers")).hasSize(5);
    assertThat(five.getJsonArray("peers").getJsonObject(4).getString("address")).isEqualTo("rm-4.s:7000");
    JsonObject explicit = load(List.of(f), Map.of("WORKER_HOSTS", "rm-2@10.0.0.2:9000")).section(Role.RAFT);
    assertThat(explicit.getJsonArray("peers")).hasSize(1);
    assertThat(explicit.getString("address")).isEqualTo("10.0.0.2:9000");
    assertThat(explicit.containsKey("bind_host")).isFalse();
  }

  @Test
  void aBadStatefulSetSectionStopsStartUpNamingTheKey() throws IOException {
    Path zero = yaml("node: {id: a, roles: [raft]}\nraft:\n  statefulset: {name: rm, replicas: 0, service: s}\n");
    assertThatThrownBy(() -> load(List.of(zero), Map.of()))
      .isInstanceOf(ConfigException.class).hasMessage("raft.statefulset.replicas: must be between 1 and 99, got 0");
    Path noService = yaml("node: {id: a, roles: [raft]}\nraft:\n  statefulset: {name: rm, replicas: 3}\n");
    assertThatThrownBy(() -> load(List.of(noService), Map.of())).hasMessage("raft.statefulset.service: missing");
  }

  @Test
  void badWorkerHostsAreNamed() {
    assertThatThrownBy(() -> load(List.of(DEV), Map.of("WORKER_HOSTS", "a:notaport")))
      .hasMessage("WORKER_HOSTS: bad port in 'a:notaport'");
  }
}
