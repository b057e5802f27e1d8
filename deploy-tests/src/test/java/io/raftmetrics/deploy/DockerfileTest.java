package io.raftmetrics.deploy;

import io.raftmetrics.launcher.config.ConfigLoader;
import io.vertx.core.json.JsonObject;
import io.raftmetrics.launcher.config.NodeConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The Dockerfile and .dockerignore against the build, the product's flags and ports, and the other files. */
class DockerfileTest {

  /** What Hazelcast needs on Java 17 (the launcher's clustered event bus). */
  static final List<String> HAZELCAST_FLAGS = List.of("--add-modules java.se",
    "--add-exports java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens java.base/java.lang=ALL-UNNAMED",
    "--add-opens java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens java.management/sun.management=ALL-UNNAMED",
    "--add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED");
  static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

  final DockerfileModel dockerfile = DockerfileModel.parse(Repo.read("Dockerfile"));

  @Test
  void aMavenBuildStageThenAJre17RuntimeRunByANonRootUser() {
    assertThat(dockerfile.stages.get("build").base()).startsWith("maven:").contains("temurin-17");
    assertThat(dockerfile.stages.get("runtime-base").base()).startsWith("eclipse-temurin:17-jre");
    assertThat(dockerfile.defaultTarget().name()).isEqualTo(ImageFacts.RELEASE_TARGET);
    for (String target : List.of("release", "dev")) {
      assertThat(dockerfile.chain(target).get(0).name()).isEqualTo("runtime-base");
      assertThat(ImageFacts.of(target).uid()).as(target).isGreaterThan(0);
    }
    ImageFacts image = ImageFacts.release();
    assertThat(dockerfile.stages.get("release").args("COPY"))
      .contains("--from=build /raftmetrics.jar " + image.jarPath());
    assertThat(image.entrypoint()).containsExactly("java", "-jar", image.jarPath());
    assertThat(dockerfile.stages.get("build").args("RUN").get(0))
      .contains("-pl verticles/launcher -am package").contains("cp verticles/launcher/target/raftmetrics.jar");
    // The shaded jar the build copies is the one the launcher's POM produces.
    assertThat(Repo.read("verticles/launcher/pom.xml")).contains("${project.build.directory}/raftmetrics.jar");
  }

  @Test
  void theBuildStageHasEveryModuleOfTheReactor() {
    List<String> copied = dockerfile.stages.get("build").args("COPY").stream().map(a -> a.split("\\s+")[0]).toList();
    Matcher m = MODULE.matcher(Repo.read("pom.xml"));
    while (m.find()) {
      String module = m.group(1);
      boolean whole = copied.stream().anyMatch(c -> module.equals(c) || module.startsWith(c + "/"));
      assertThat(whole || copied.contains(module + "/pom.xml")).as("module " + module + " in the build stage").isTrue();
    }
    for (String built : List.of("verticles", "testkit", "tools")) {
      assertThat(copied).contains(built);
    }
  }

  @Test
  void theJvmFlagsAreTheProductsAndMemoryFollowsTheContainer() {
    Map<String, String> env = ImageFacts.release().env();
    assertThat(env.get("JDK_JAVA_OPTIONS")).contains(HAZELCAST_FLAGS).contains("-XX:+ExitOnOutOfMemoryError");
    assertThat(env.get("JAVA_TOOL_OPTIONS")).contains("-XX:MaxRAMPercentage=");
    // java.io.tmpdir stays /tmp (DuckDB extracts its library there); Kubernetes mounts an emptyDir on it.
    assertThat(env.values()).noneMatch(v -> v.contains("java.io.tmpdir"));
  }

  @Test
  void exposedPortsAreTheProductsDefaults() {
    NodeConfig conf = ConfigLoader.load(List.of(Repo.path(configSource())), Map.of("NODE_ID", "n", "NODE_ROLE", "all",
      "WORKER_HOSTS", "n@localhost"), new Properties());
    Set<Integer> expected = new TreeSet<>(List.of(conf.section(io.raftmetrics.launcher.Role.GATEWAY).getInteger("port"),
      conf.management().getInteger("port"), 5701,
      Integer.parseInt(conf.section(io.raftmetrics.launcher.Role.RAFT).getString("address").split(":")[1])));
    JsonObject telnet = conf.section(io.raftmetrics.launcher.Role.GATEWAY).getJsonObject("telnet", new JsonObject());
    if (telnet.getBoolean("enabled", false)) {
      expected.add(telnet.getInteger("port", 4242));
    }
    Set<Integer> exposed = new TreeSet<>();
    dockerfile.stages.get("runtime-base").args("EXPOSE")
      .forEach(a -> List.of(a.split("\\s+")).forEach(p -> exposed.add(Integer.parseInt(p))));
    assertThat(exposed).isEqualTo(expected);
  }

  @Test
  void copiedFilesExistAndTheImageConfigurationIsThere() {
    List<String> sources = new ArrayList<>();
    for (DockerfileModel.Stage s : dockerfile.stages.values()) {
      for (String args : s.args("COPY")) {
        List<String> parts = new ArrayList<>(List.of(args.split("\\s+")));
        parts.removeIf(p -> p.startsWith("--chown"));
        if (!parts.get(0).startsWith("--from")) {
          sources.addAll(parts.subList(0, parts.size() - 1));
        }
      }
    }
    for (String src : sources) {
      // The dev target's jar is built on the host by the Tiltfile (TiltfileTest checks it produces this path).
      if (!src.equals("target/tilt/raftmetrics.jar")) {
        assertThat(Files.exists(Repo.path(src))).as("COPY " + src).isTrue();
      }
    }
    assertThat(dockerfile.stages.get("runtime-base").args("COPY"))
      .contains(configSource() + " " + ImageFacts.release().configPath());
  }

  @Test
  void theDockerignoreKeepsBuildOutputOutAndWhatTheBuildNeedsIn() {
    List<String> ignore = Repo.read(".dockerignore").lines().map(String::strip)
      .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    assertThat(ignore).contains(".git", "**/target", "data", "!target/tilt/raftmetrics.jar");
    for (String copied : List.of("pom.xml", "verticles", "testkit", "tools", "docker/raftmetrics.yaml")) {
      assertThat(ignore).as(copied).doesNotContain(copied);
    }
  }

  static String configSource() {
    return "docker/raftmetrics.yaml";
  }
}
