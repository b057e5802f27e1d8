package io.raftmetrics.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.raftmetrics.launcher.Role;
import io.raftmetrics.launcher.config.NodeConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code k8s/base}: every object parsed into fabric8's typed model, and every reference checked against the product:
 * each pod's configuration loads with the product's loader and role validation, with the environment that pod gets;
 * ports, probes, peers, discovery, volumes and secrets agree with that configuration and with the image.
 */
class KubernetesManifestsTest {

  /** The environment variables of the RaftMetrics contract (Overrides), besides RAFTMETRICS_*. */
  static final Set<String> SIMPLE_VARS = Set.of("NODE_ROLE", "NODE_ID", "PORT", "AUTH_TOKEN", "WORKER_HOSTS");
  /** Read by the JVM itself (the image sets defaults). */
  static final Set<String> JVM_VARS = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");
  static final Pattern WAIT_FOR = Pattern.compile("/dev/tcp/([^/]+)/(\\d+)");

  static Manifests base;
  static List<PodConfigs.Pod> pods;
  static KnownKeys known;

  @BeforeAll
  static void load(@TempDir Path tmp) {
    base = Manifests.load(Repo.path("k8s/base"));
    pods = PodConfigs.all(base, tmp);
    known = KnownKeys.load();
  }

  @Test
  void theKustomizationListsEveryFileAndTheNamespaceItCreates() {
    Path dir = Repo.path("k8s/base");
    @SuppressWarnings("unchecked")
    List<String> listed = (List<String>) base.kustomization.get("resources");
    List<String> files = Manifests.yamlFiles(dir).stream().map(p -> p.getFileName().toString())
      .filter(f -> !f.equals("kustomization.yaml")).toList();
    assertThat(listed).containsExactlyInAnyOrderElementsOf(files);
    assertThat(base.all(Namespace.class)).extracting(n -> n.getMetadata().getName()).containsExactly(base.namespace());
    assertThat(base.docs).extracting(d -> d.object().getKind()).contains("Namespace", "ConfigMap", "Secret",
      "Service", "Deployment", "StatefulSet", "PodDisruptionBudget", "ServiceAccount");
  }

  @Test
  void everyPodLoadsAValidProductConfigurationWithTheRolesOfItsWorkload() {
    Map<String, List<Role>> expected = Map.of("raftmetrics-gateway", List.of(Role.GATEWAY),
      "raftmetrics-raft", List.of(Role.RAFT, Role.QUERY), "raftmetrics-cassandra-ingest", List.of(Role.CASSANDRA));
    assertThat(pods).extracting(p -> p.workload().name()).containsAll(expected.keySet());
    for (PodConfigs.Pod pod : pods) {
      assertThat(pod.conf().nodeId()).as(pod.name()).isEqualTo(pod.name());
      assertThat(pod.conf().roles()).as(pod.name()).containsExactlyElementsOf(expected.get(pod.workload().name()));
      assertThat(ProductConfigs.unknownKeys(pod.conf(), known)).as(pod.name() + ": unknown keys").isEmpty();
    }
  }

  @Test
  void everyEnvironmentVariableIsOneTheProductReads() {
    for (PodConfigs.Pod pod : pods) {
      String referenced = pod.container().getEnv().stream().map(e -> Objects.toString(e.getValue(), ""))
        .reduce("", String::concat);
      for (String name : pod.env().keySet()) {
        boolean product = SIMPLE_VARS.contains(name) || JVM_VARS.contains(name)
          || name.startsWith("RAFTMETRICS_") && known.knows(configPath(name));
        boolean helper = referenced.contains("$(" + name + ")");
        assertThat(product || helper).as(pod.workload().name() + ": env " + name).isTrue();
      }
    }
  }

  @Test
  void containerPortsAreThePortsTheConfigurationOpens() {
    for (PodConfigs.Pod pod : pods) {
      NodeConfig conf = pod.conf();
      Map<String, Integer> ports = ports(pod.container());
      String where = pod.name();
      assertThat(ports.get("management")).as(where).isEqualTo(conf.management().getInteger("port"));
      assertThat(ports.get("hazelcast")).as(where).isEqualTo(conf.cluster().getInteger("hazelcast_port", 5701));
      assertThat(ports.get("eventbus")).as(where).isEqualTo(conf.cluster().getInteger("port"));
      if (conf.has(Role.GATEWAY)) {
        assertThat(ports.get("http")).as(where).isEqualTo(conf.section(Role.GATEWAY).getInteger("port"));
      } else {
        assertThat(ports).as(where).doesNotContainKey("http");
      }
      if (conf.has(Role.RAFT)) {
        String address = conf.section(Role.RAFT).getString("address");
        assertThat(ports.get("raft")).as(where).isEqualTo(Integer.parseInt(address.substring(address.lastIndexOf(':') + 1)));
      } else {
        assertThat(ports).as(where).doesNotContainKey("raft");
      }
    }
  }

  @Test
  void probesUseTheManagementEndpointsForTheirPurpose() {
    for (PodConfigs.Pod pod : pods) {
      Container c = pod.container();
      int management = pod.conf().management().getInteger("port");
      assertThat(httpGet(c.getStartupProbe(), c)).as(pod.name()).isEqualTo(management + " /health/live");
      assertThat(httpGet(c.getLivenessProbe(), c)).as(pod.name()).isEqualTo(management + " /health/live");
      assertThat(httpGet(c.getReadinessProbe(), c)).as(pod.name()).isEqualTo(management + " /health/ready");
    }
  }

  @Test
  void everyContainerHasRequestsAndLimitsAndTheProductRunsAsTheImageUser() {
    for (Manifests.Workload w : base.workloads()) {
      List<Container> all = new ArrayList<>(w.template().getSpec().getContainers());
      if (w.template().getSpec().getInitContainers() != null) {
        all.addAll(w.template().getSpec().getInitContainers());
      }
      for (Container c : all) {
        assertThat(c.getResources().getRequests()).as(w.name() + "/" + c.getName()).containsKeys("cpu", "memory");
        assertThat(c.getResources().getLimits()).as(w.name() + "/" + c.getName()).containsKeys("cpu", "memory");
      }
    }
    int uid = ImageFacts.release().uid();
    for (PodConfigs.Pod pod : pods) {
      var security = pod.workload().template().getSpec().getSecurityContext();
      assertThat(security.getRunAsNonRoot()).as(pod.name()).isTrue();
      assertThat(security.getRunAsUser()).as(pod.name()).isEqualTo((long) uid);
      assertThat(security.getFsGroup()).as(pod.name()).isEqualTo((long) uid);
      assertThat(pod.container().getImage()).as(pod.name()).startsWith("raftmetrics:");
    }
  }

  @Test
  void aReadOnlyRootKeepsAWritableTmpForDuckDbsNativeLibrary() {
    for (PodConfigs.Pod pod : pods) {
      assertThat(pod.container().getSecurityContext().getReadOnlyRootFilesystem()).as(pod.name()).isTrue();
      VolumeMount tmp = mount(pod.container(), "/tmp");
      assertThat(PodConfigs.volume(pod.workload(), tmp.getName()).getEmptyDir()).as(pod.name()).isNotNull();
    }
  }

  @Test
  void raftPeersAreTheStatefulSetsPodsUnderItsHeadlessService() {
    StatefulSet sts = base.get(StatefulSet.class, "raftmetrics-raft");
    Manifests.Workload w = base.workload("raftmetrics-raft");
    Service headless = base.get(Service.class, sts.getSpec().getServiceName());
    assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
    assertThat(headless.getSpec().getPublishNotReadyAddresses()).isTrue();
    assertThat(w.template().getMetadata().getLabels()).containsAllEntriesOf(headless.getSpec().getSelector());
    assertThat(sts.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
    List<PodConfigs.Pod> raftPods = pods.stream().filter(p -> p.workload().name().equals(w.name())).toList();
    assertThat(raftPods).hasSize(3);
    for (PodConfigs.Pod pod : raftPods) {
      JsonObject raft = pod.conf().section(Role.RAFT);
      List<String> peers = raft.getJsonArray("peers").stream()
        .map(p -> ((JsonObject) p).getString("id") + "@" + ((JsonObject) p).getString("address")).toList();
      int port = ports(pod.container()).get("raft");
      assertThat(peers).containsExactlyElementsOf(w.podNames().stream()
        .map(n -> n + "@" + n + "." + headless.getMetadata().getName() + ":" + port).toList());
      assertThat(raft.getString("address")).isEqualTo(pod.name() + "." + headless.getMetadata().getName() + ":" + port);
      assertThat(headless.getSpec().getPorts()).extracting(ServicePort::getPort).contains(port);
      // Raft's log and the DuckDB replica live under node.data_dir: it must be the claim of the StatefulSet.
      VolumeMount data = mount(pod.container(), pod.conf().dataDir().toString());
      assertThat(sts.getSpec().getVolumeClaimTemplates()).extracting(c -> c.getMetadata().getName())
        .contains(data.getName());
    }
    PodDisruptionBudget pdb = base.get(PodDisruptionBudget.class, "raftmetrics-raft");
    assertThat(w.template().getMetadata().getLabels()).containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
    assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isEqualTo(w.replicas() / 2 + 1);
  }

  @Test
  void theEventBusFindsItsMembersThroughAHeadlessServiceWithoutApiAccess() {
    for (PodConfigs.Pod pod : pods) {
      JsonObject cluster = pod.conf().cluster();
      assertThat(cluster.getBoolean("enabled")).as(pod.name()).isTrue();
      assertThat(cluster.getString("public_host")).as(pod.name()).isEqualTo(pod.ip());
      String dns = cluster.getString("kubernetes_service_dns");
      String suffix = "." + base.namespace() + ".svc.cluster.local";
      assertThat(dns).as(pod.name()).endsWith(suffix);
      Service svc = base.get(Service.class, dns.substring(0, dns.length() - suffix.length()));
      assertThat(svc.getSpec().getClusterIP()).isEqualTo("None");
      assertThat(svc.getSpec().getPublishNotReadyAddresses()).isTrue();
      assertThat(pod.workload().template().getMetadata().getLabels()).as(pod.name())
        .containsAllEntriesOf(svc.getSpec().getSelector());
      assertThat(svc.getSpec().getPorts()).extracting(ServicePort::getPort)
        .contains(cluster.getInteger("hazelcast_port", 5701));
      assertThat(pod.workload().template().getSpec().getServiceAccountName()).isEqualTo("raftmetrics");
    }
    assertThat(base.get(ServiceAccount.class, "raftmetrics").getAutomountServiceAccountToken()).isFalse();
    assertThat(base.docs).extracting(d -> d.object().getKind()).doesNotContain("Role", "RoleBinding", "ClusterRole");
  }

  @Test
  void servicesSelectPodsThatHaveTheTargetPort() {
    for (Service svc : base.all(Service.class)) {
      List<Manifests.Workload> selected = base.workloads().stream().filter(w -> w.template().getMetadata()
        .getLabels().entrySet().containsAll(svc.getSpec().getSelector().entrySet())).toList();
      assertThat(selected).as(svc.getMetadata().getName()).isNotEmpty();
      for (ServicePort sp : svc.getSpec().getPorts()) {
        for (Manifests.Workload w : selected) {
          Map<String, Integer> ports = new java.util.HashMap<>();
          w.template().getSpec().getContainers().forEach(c -> ports.putAll(ports(c)));
          IntOrString target = sp.getTargetPort();
          assertThat(target.getStrVal() != null ? ports.get(target.getStrVal()) : target.getIntVal())
            .as(svc.getMetadata().getName() + " -> " + w.name() + " " + target).isEqualTo(sp.getPort());
        }
      }
    }
  }

  @Test
  void secretFilesInTheConfigurationAreMountedKeysOfTheSecret() {
    List<PodConfigs.Pod> gateways = pods.stream().filter(p -> p.conf().has(Role.GATEWAY)).toList();
    assertThat(gateways).isNotEmpty();
    for (PodConfigs.Pod pod : gateways) {
      List<String> files = new ArrayList<>();
      collectFiles(pod.conf().section(Role.GATEWAY).getJsonObject("auth"), files);
      assertThat(files).as(pod.name()).hasSizeGreaterThanOrEqualTo(3);
      for (String file : files) {
        Path path = Paths.get(file);
        VolumeMount vm = mount(pod.container(), path.getParent().toString());
        Secret secret = base.secrets().get(PodConfigs.volume(pod.workload(), vm.getName()).getSecret().getSecretName());
        assertThat(secret.getStringData()).as(file).containsKey(path.getFileName().toString());
      }
    }
  }

  @Test
  void cassandraIngestTalksToTheCassandraService() {
    for (PodConfigs.Pod pod : pods.stream().filter(p -> p.conf().has(Role.CASSANDRA)).toList()) {
      JsonObject c = pod.conf().section(Role.CASSANDRA);
      assertThat(c.getString("mode")).isEqualTo("replicated");
      JsonArray points = c.getJsonArray("contact_points");
      for (Object point : points) {
        String[] hp = point.toString().split(":");
        Service svc = base.get(Service.class, hp[0]);
        assertThat(svc.getSpec().getPorts()).extracting(ServicePort::getPort).contains(Integer.parseInt(hp[1]));
        Manifests.Workload cassandra = base.workload("cassandra");
        assertThat(cassandra.template().getMetadata().getLabels()).containsAllEntriesOf(svc.getSpec().getSelector());
      }
      // The init container waits for exactly the first contact point.
      String wait = String.join(" ", pod.workload().template().getSpec().getInitContainers().get(0).getCommand());
      Matcher m = WAIT_FOR.matcher(wait);
      assertThat(m.find()).isTrue();
      assertThat(m.group(1) + ":" + m.group(2)).isEqualTo(points.getString(0));
    }
  }

  @Test
  void thirdPartyImagesArePinned() {
    for (Manifests.Workload w : base.workloads()) {
      Stream.concat(w.template().getSpec().getContainers().stream(),
          Stream.ofNullable(w.template().getSpec().getInitContainers()).flatMap(List::stream))
        .forEach(c -> assertThat(c.getImage()).as(w.name()).matches("(raftmetrics:.+|cassandra:5\\.0\\.\\d+)"));
    }
  }

  static String configPath(String envName) {
    return envName.substring("RAFTMETRICS_".length()).toLowerCase().replace("__", ".");
  }

  static Map<String, Integer> ports(Container c) {
    Map<String, Integer> m = new java.util.HashMap<>();
    for (ContainerPort p : c.getPorts()) {
      m.put(p.getName(), p.getContainerPort());
    }
    return m;
  }

  static String httpGet(Probe probe, Container c) {
    assertThat(probe).as(c.getName() + " probe").isNotNull();
    HTTPGetAction get = probe.getHttpGet();
    IntOrString port = get.getPort();
    return (port.getStrVal() != null ? ports(c).get(port.getStrVal()) : port.getIntVal()) + " " + get.getPath();
  }

  static VolumeMount mount(Container c, String path) {
    return c.getVolumeMounts().stream().filter(v -> v.getMountPath().equals(path)).findFirst()
      .orElseThrow(() -> new AssertionError(c.getName() + ": nothing mounted at " + path));
  }

  private static void collectFiles(Object node, List<String> out) {
    if (node instanceof JsonObject o) {
      o.forEach(e -> {
        if (e.getKey().endsWith("_file")) {
          out.add(String.valueOf(e.getValue()));
        } else {
          collectFiles(e.getValue(), out);
        }
      });
    } else if (node instanceof JsonArray a) {
      a.forEach(v -> collectFiles(v, out));
    }
  }
}
