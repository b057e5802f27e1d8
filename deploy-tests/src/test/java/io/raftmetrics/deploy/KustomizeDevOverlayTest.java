package io.raftmetrics.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.raftmetrics.launcher.Role;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code k8s/overlays/dev}: its files, what its patches target, and the KairosDB it adds. */
class KustomizeDevOverlayTest {

  final Path dir = Repo.path("k8s/overlays/dev");
  final Manifests dev = Manifests.load(dir);
  final Manifests base = Manifests.load(Repo.path("k8s/base"));

  @Test
  @SuppressWarnings("unchecked")
  void everyFileIsUsedAndEveryPatchTargetsAnObjectOfTheBase() {
    List<String> used = new ArrayList<>();
    ((List<String>) dev.kustomization.get("resources")).stream().filter(r -> !r.startsWith("..")).forEach(used::add);
    for (Map<String, Object> patch : (List<Map<String, Object>>) dev.kustomization.get("patches")) {
      String path = (String) patch.get("path");
      used.add(path);
      Map<String, Object> target = (Map<String, Object>) patch.get("target");
      if (target != null) {
        assertThat(find(base, (String) target.get("kind"), (String) target.get("name"))).as(patch.toString())
          .isNotNull();
        // The JSON patches address the product container, the first of the pod.
        List<Map<String, Object>> ops = new Yaml().load(Manifests.read(dir.resolve(path)));
        for (Map<String, Object> op : ops) {
          assertThat((String) op.get("path")).startsWith("/spec/template/spec/containers/0/");
          Manifests.Workload w = base.workload((String) target.get("name"));
          assertThat(w.template().getSpec().getContainers().get(0).getName()).isEqualTo(PodConfigs.CONTAINER);
        }
      } else {
        for (Manifests.Doc d : Manifests.parse(dir.resolve(path))) {
          assertThat(find(base, d.object().getKind(), d.object().getMetadata().getName())).as(path).isNotNull();
        }
      }
    }
    List<String> files = Manifests.yamlFiles(dir).stream().map(p -> p.getFileName().toString())
      .filter(f -> !f.equals("kustomization.yaml")).toList();
    assertThat(new java.util.TreeSet<>(used)).containsExactlyInAnyOrderElementsOf(files);
    assertThat(dev.namespace()).isEqualTo(base.namespace());
    List<Map<String, Object>> images = (List<Map<String, Object>>) dev.kustomization.get("images");
    assertThat(images).extracting(i -> i.get("name")).containsExactly("raftmetrics");
  }

  @Test
  void theDevTokenIsTheOneOfThePostmanCollection() {
    Secret patch = (Secret) Manifests.parse(dir.resolve("secret-dev-token.yaml")).get(0).object();
    assertThat(patch.getStringData()).containsEntry("admin-token", ComposeFileTest.SPEC_DEV_TOKEN);
    assertThat(base.secrets().get(patch.getMetadata().getName()).getStringData()).containsKey("admin-token");
  }

  @Test
  void kairosDbReadsTheKeyspaceTheIngestPodWrites(@TempDir Path tmp) throws Exception {
    PodConfigs.Pod ingest = PodConfigs.all(base, tmp).stream().filter(p -> p.conf().has(Role.CASSANDRA)).findFirst()
      .orElseThrow();
    JsonObject cassandra = ingest.conf().section(Role.CASSANDRA);
    Container kairos = dev.workload("kairosdb").template().getSpec().getContainers().get(0);
    Map<String, String> env = new java.util.HashMap<>();
    for (EnvVar v : kairos.getEnv()) {
      env.put(v.getName(), v.getValue());
    }
    assertThat(env).containsEntry("KAIROSDB_KEYSPACE", cassandra.getString("keyspace"))
      .containsEntry("KAIROSDB_CASSANDRA_HOST", cassandra.getJsonArray("contact_points").getString(0));
    assertThat(kairos.getImage()).isEqualTo(ComposeFile.load().service("kairosdb").raw().get("image"));
    assertThat(Files.readString(Repo.path("docker/kairosdb/kairosdb.conf"))).contains("${KAIROSDB_KEYSPACE}");
  }

  private static HasMetadata find(Manifests m, String kind, String name) {
    return m.docs.stream().map(Manifests.Doc::object)
      .filter(o -> o.getKind().equals(kind) && o.getMetadata().getName().equals(name)).findFirst().orElse(null);
  }
}
