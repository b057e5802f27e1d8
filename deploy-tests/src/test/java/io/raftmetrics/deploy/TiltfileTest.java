package io.raftmetrics.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The Tiltfile's references: the image it builds from local sources, the overlay it applies, its resources. */
class TiltfileTest {

  static final Pattern COPY_JAR = Pattern.compile("cp (\\S+raftmetrics\\.jar) (\\S+)");

  final TiltfileModel tilt = TiltfileModel.parse(Repo.read("Tiltfile"));
  final Manifests dev = Manifests.load(Repo.path("k8s/overlays/dev"));
  final DockerfileModel dockerfile = DockerfileModel.parse(Repo.read("Dockerfile"));

  @Test
  void theJarIsBuiltFromLocalSourcesAndLiveUpdatedIntoTheImagesJarPath() {
    TiltfileModel.Call jar = tilt.calls("local_resource").get(0);
    assertThat(jar.positional().get(0)).isEqualTo("raftmetrics-jar");
    Matcher cp = COPY_JAR.matcher(jar.keyword("cmd"));
    assertThat(jar.keyword("cmd")).contains("mvn ").contains("-pl verticles/launcher -am package");
    assertThat(cp.find()).isTrue();
    assertThat(cp.group(1)).isEqualTo("verticles/launcher/target/raftmetrics.jar");
    String hostJar = cp.group(2);
    for (String dep : jar.list("deps")) {
      assertThat(Files.exists(Repo.path(dep))).as("deps " + dep).isTrue();
    }

    TiltfileModel.Call image = tilt.only("docker_build_with_restart");
    assertThat(Repo.read("Tiltfile")).contains("load('ext://restart_process', 'docker_build_with_restart')");
    assertThat(image.positional()).containsExactly("raftmetrics", ".");
    assertThat(Files.exists(Repo.path(image.keyword("dockerfile")))).isTrue();
    String target = image.keyword("target");
    assertThat(dockerfile.stages).containsKey(target);
    // Everything the target copies from the context is in `only`, and nothing else is needed.
    List<String> copied = new ArrayList<>();
    dockerfile.chain(target).forEach(s -> s.args("COPY").stream().filter(a -> !a.startsWith("--from"))
      .map(a -> a.replaceAll("--chown=\\S+\\s+", "").split("\\s+")[0]).forEach(copied::add));
    assertThat(image.list("only")).containsExactlyInAnyOrderElementsOf(copied).contains(hostJar);

    ImageFacts release = ImageFacts.release();
    List<String> command = new ArrayList<>(release.entrypoint());
    command.addAll(release.cmd());
    assertThat(image.list("entrypoint")).containsExactlyElementsOf(command);
    List<TiltfileModel.Call> steps = TiltfileModel.nested(image.keyword("live_update"));
    assertThat(steps).extracting(TiltfileModel.Call::function).containsExactly("sync");
    assertThat(steps.get(0).positional()).containsExactly(hostJar, release.jarPath());
    // The restart marker and the synced jar live where the dev image lets its user write.
    String jarDir = release.jarPath().substring(0, release.jarPath().lastIndexOf('/'));
    assertThat(image.keyword("restart_file")).startsWith(jarDir + "/");
    assertThat(dockerfile.stages.get(target).args("RUN")).anyMatch(r -> r.contains("chown") && r.endsWith(jarDir));
  }

  @Test
  void theDevOverlayIsAppliedAndEveryImageItUsesIsBuilt() {
    assertThat(Repo.read("Tiltfile")).contains("k8s_yaml(kustomize('k8s/overlays/dev'))");
    Set<String> built = new TreeSet<>();
    tilt.calls("docker_build").forEach(c -> {
      built.add(c.positional().get(0));
      assertThat(Repo.path(c.positional().get(1)).resolve("Dockerfile")).exists();
    });
    tilt.calls("docker_build_with_restart").forEach(c -> built.add(c.positional().get(0)));
    for (Manifests.Workload w : dev.workloads()) {
      for (Container c : containers(w)) {
        String repo = c.getImage().substring(0, c.getImage().lastIndexOf(':'));
        assertThat(built.contains(repo) || repo.equals("cassandra")).as(w.name() + " " + c.getImage()).isTrue();
      }
    }
  }

  @Test
  void resourcesAreOverlayWorkloadsForwardingTheirRealPorts() {
    Set<String> workloads = new TreeSet<>(dev.workloads().stream().map(Manifests.Workload::name).toList());
    Set<String> names = new TreeSet<>(workloads);
    tilt.calls("local_resource").forEach(c -> names.add(c.positional().get(0)));
    List<String> forwarded = new ArrayList<>();
    for (TiltfileModel.Call r : tilt.calls("k8s_resource")) {
      String name = r.positional().get(0);
      assertThat(workloads).as("k8s_resource " + name).contains(name);
      assertThat(names).as(name + " resource_deps").containsAll(r.list("resource_deps"));
      for (String pf : r.list("port_forwards")) {
        int container = Integer.parseInt(pf.substring(pf.indexOf(':') + 1));
        assertThat(containers(dev.workload(name)).stream().flatMap(c -> c.getPorts().stream())
          .map(ContainerPort::getContainerPort)).as(name + " " + pf).contains(container);
        forwarded.add(name + " " + pf);
      }
    }
    assertThat(tilt.calls("k8s_resource")).extracting(c -> c.positional().get(0)).containsAll(workloads);
    assertThat(forwarded).containsExactlyInAnyOrder("raftmetrics-gateway 8080:8080", "raftmetrics-gateway 4242:4242",
      "cassandra 9042:9042",
      "kairosdb 18080:8080");
    assertThat(resource("kairosdb").list("resource_deps")).contains("cassandra");
    assertThat(resource("raftmetrics-cassandra-ingest").list("resource_deps")).contains("cassandra");
  }

  private TiltfileModel.Call resource(String name) {
    return tilt.calls("k8s_resource").stream().filter(c -> c.positional().get(0).equals(name)).findFirst()
      .orElseThrow();
  }

  private static List<Container> containers(Manifests.Workload w) {
    List<Container> all = new ArrayList<>(w.template().getSpec().getContainers());
    if (w.template().getSpec().getInitContainers() != null) {
      all.addAll(w.template().getSpec().getInitContainers());
    }
    return all;
  }
}
