package io.raftmetrics.deploy;

import io.raftmetrics.launcher.Role;
import io.raftmetrics.launcher.config.NodeConfig;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker-compose.yml}: the topology of architecture §7, and every service's environment loaded with the
 * image's configuration by the product's loader and role validation, checked against the other services.
 */
class ComposeFileTest {

  static final String SPEC_DEV_TOKEN = "local-dev-token-123";
  static final Pattern ARG_VERSION = Pattern.compile("ARG KAIROSDB_VERSION=(\\S+)");

  static ComposeFile compose;
  static Map<String, NodeConfig> configs = new LinkedHashMap<>();

  @BeforeAll
  static void load(@TempDir Path tmp) {
    compose = ComposeFile.load();
    String image = Repo.read("docker/raftmetrics.yaml");
    for (ComposeFile.Service s : compose.products()) {
      configs.put(s.name(), ProductConfigs.load(image, s.environment(), tmp));
    }
  }

  @Test
  void theTopologyOfTheArchitecture() {
    assertThat(compose.services.keySet()).containsExactlyInAnyOrder("cassandra", "raft-1", "raft-2", "raft-3",
      "gateway", "cassandra-ingest", "kairosdb");
    assertThat(compose.service("kairosdb").list("profiles")).containsExactly("kairosdb");
    Map<String, List<Role>> roles = new LinkedHashMap<>();
    configs.forEach((name, conf) -> roles.put(name, conf.roles()));
    assertThat(roles).containsExactly(Map.entry("raft-1", List.of(Role.RAFT, Role.QUERY)),
      Map.entry("raft-2", List.of(Role.RAFT, Role.QUERY)), Map.entry("raft-3", List.of(Role.RAFT, Role.QUERY)),
      Map.entry("gateway", List.of(Role.GATEWAY)), Map.entry("cassandra-ingest", List.of(Role.CASSANDRA)));
    configs.forEach((name, conf) -> assertThat(conf.nodeId()).isEqualTo(name));
    for (ComposeFile.Service s : compose.products()) {
      assertThat(s.raw().get("image")).isEqualTo("raftmetrics:dev");
      assertThat(s.build().get("target")).isEqualTo(ImageFacts.RELEASE_TARGET);
    }
  }

  @Test
  void everyVariableIsTheProductsAndEveryKeyIsKnown() {
    KnownKeys known = KnownKeys.load();
    for (ComposeFile.Service s : compose.products()) {
      for (String name : s.environment().keySet()) {
        assertThat(KubernetesManifestsTest.SIMPLE_VARS.contains(name)
          || name.startsWith("RAFTMETRICS_") && known.knows(KubernetesManifestsTest.configPath(name)))
          .as(s.name() + ": " + name).isTrue();
      }
      assertThat(ProductConfigs.unknownKeys(configs.get(s.name()), known)).as(s.name()).isEmpty();
    }
    List<String> used = compose.products().stream().flatMap(s -> s.environment().keySet().stream()).toList();
    assertThat(used).containsAll(KubernetesManifestsTest.SIMPLE_VARS);
    assertThat(compose.service("gateway").environment().get("AUTH_TOKEN")).isEqualTo(SPEC_DEV_TOKEN);
  }

  @Test
  void healthchecksAndDependenciesWaitForHealthyServices() {
    for (ComposeFile.Service s : compose.services.values()) {
      assertThat(s.healthcheck()).as(s.name()).isNotEmpty();
      s.dependsOn().forEach((dep, condition) -> {
        assertThat(condition).as(s.name() + " -> " + dep).isEqualTo("service_healthy");
        assertThat(compose.service(dep).healthcheck()).isNotEmpty();
      });
    }
    assertThat(compose.service("gateway").dependsOn()).containsKeys("raft-1", "raft-2", "raft-3");
    assertThat(compose.service("cassandra-ingest").dependsOn()).containsKeys("cassandra", "raft-1", "raft-2", "raft-3");
    assertThat(compose.service("kairosdb").dependsOn()).containsKey("cassandra");
    for (ComposeFile.Service s : compose.products()) {
      NodeConfig conf = configs.get(s.name());
      URI url = s.healthcheckUrl();
      assertThat(url.getHost()).as(s.name()).isEqualTo(conf.management().getString("host"));
      assertThat(url.getPort()).as(s.name()).isEqualTo(conf.management().getInteger("port"));
      assertThat(url.getPath()).as(s.name()).isEqualTo("/health/ready");
      assertThat(s.healthcheck().get(1)).isEqualTo("curl");
    }
    // curl is in the image for these healthchecks.
    assertThat(Repo.read("Dockerfile")).contains("install -y --no-install-recommends curl");
  }

  @Test
  void raftPeersAreTheWorkerServicesAndEveryNodeBindsItsOwnName() {
    List<String> workers = configs.entrySet().stream().filter(e -> e.getValue().has(Role.RAFT)).map(Map.Entry::getKey)
      .toList();
    for (String w : workers) {
      JsonObject raft = configs.get(w).section(Role.RAFT);
      List<String> peers = raft.getJsonArray("peers").stream().map(p -> ((JsonObject) p).getString("id") + "@"
        + ((JsonObject) p).getString("address")).toList();
      assertThat(peers).containsExactlyElementsOf(workers.stream().map(n -> n + "@" + n + ":9872").toList());
      assertThat(raft.getString("address")).isEqualTo(w + ":9872");
      assertThat(raft.containsKey("bind_host")).as("binds the host of its own address").isFalse();
      // Raft's data under the service's volume.
      String dataDir = configs.get(w).dataDir().toString();
      assertThat(compose.service(w).list("volumes")).anyMatch(v -> v.endsWith(":" + dataDir));
    }
    for (ComposeFile.Service s : compose.products()) {
      NodeConfig conf = configs.get(s.name());
      assertThat(conf.management().getString("host")).isEqualTo(s.name());
      if (conf.has(Role.GATEWAY)) {
        assertThat(conf.section(Role.GATEWAY).getString("host")).isEqualTo(s.name());
        JsonObject gateway = conf.section(Role.GATEWAY);
        List<Integer> ports = new ArrayList<>(List.of(gateway.getInteger("port")));
        if (gateway.getJsonObject("telnet", new JsonObject()).getBoolean("enabled", false)) {
          ports.add(gateway.getJsonObject("telnet").getInteger("port", 4242));
        }
        assertThat(s.publishedContainerPorts()).containsExactlyElementsOf(ports);
      }
    }
  }

  @Test
  void theClusteredEventBusListsEveryProductServiceAtItsFixedAddress() {
    @SuppressWarnings("unchecked")
    Map<String, Object> net = (Map<String, Object>) ((Map<String, Object>) compose.doc.get("networks")).get("raftmetrics");
    String subnet = String.valueOf(((Map<?, ?>) ((List<?>) ((Map<?, ?>) net.get("ipam")).get("config")).get(0))
      .get("subnet"));
    String prefix = subnet.substring(0, subnet.lastIndexOf('.') + 1);
    for (ComposeFile.Service s : compose.products()) {
      JsonObject cluster = configs.get(s.name()).cluster();
      assertThat(cluster.getBoolean("enabled")).isTrue();
      assertThat(cluster.getJsonArray("members").getList()).containsExactlyElementsOf(
        compose.products().stream().map(p -> p.name() + ":" + cluster.getInteger("hazelcast_port", 5701)).toList());
      assertThat(cluster.getString("public_host")).as(s.name()).isEqualTo(s.ipv4()).startsWith(prefix);
    }
  }

  @Test
  void cassandraAndKairosDbShareTheKeyspaceTheIngestNodeWrites() throws Exception {
    JsonObject c = configs.get("cassandra-ingest").section(Role.CASSANDRA);
    assertThat(c.getString("mode")).isEqualTo("replicated");
    String contact = c.getJsonArray("contact_points").getString(0);
    String host = contact.split(":")[0];
    int port = Integer.parseInt(contact.split(":")[1]);
    assertThat(compose.services).containsKey(host);
    assertThat(compose.service(host).publishedContainerPorts()).contains(port);
    ComposeFile.Service kairos = compose.service("kairosdb");
    assertThat(kairos.environment()).containsEntry("KAIROSDB_CASSANDRA_HOST", contact)
      .containsEntry("KAIROSDB_KEYSPACE", c.getString("keyspace"));
    Path context = Repo.path(String.valueOf(kairos.build().get("context")));
    assertThat(context.resolve("Dockerfile")).exists();
    assertThat(Files.readString(context.resolve("kairosdb.conf")))
      .contains("${KAIROSDB_KEYSPACE}", "${KAIROSDB_CASSANDRA_HOST}");
    Matcher v = ARG_VERSION.matcher(Files.readString(context.resolve("Dockerfile")));
    assertThat(v.find()).isTrue();
    assertThat(kairos.raw().get("image")).isEqualTo("raftmetrics-kairosdb:" + v.group(1));
  }

  @Test
  void namedVolumesAreDeclared() {
    @SuppressWarnings("unchecked")
    Map<String, Object> volumes = (Map<String, Object>) compose.doc.get("volumes");
    for (ComposeFile.Service s : compose.services.values()) {
      for (String v : s.list("volumes")) {
        assertThat(volumes).as(s.name()).containsKey(v.substring(0, v.indexOf(':')));
      }
    }
  }
}
