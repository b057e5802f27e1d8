package io.raftmetrics.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** The Kubernetes objects of a kustomization directory, parsed into fabric8's typed model, with the file of each. */
final class Manifests {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  /** An object and the file it was read from. */
  record Doc(Path file, HasMetadata object) {
  }

  /** A Deployment or StatefulSet: what the checks need of either. */
  record Workload(HasMetadata object, PodTemplateSpec template, int replicas) {

    String name() {
      return object.getMetadata().getName();
    }

    /** Pod names: StatefulSet ordinals, or a Deployment's generated-looking names. */
    List<String> podNames() {
      return IntStream.range(0, replicas).mapToObj(i -> object instanceof StatefulSet
        ? name() + "-" + i : name() + "-5d8f7c9b6-" + "abcde".charAt(i % 5) + "x" + i).toList();
    }
  }

  final Path dir;
  final Map<String, Object> kustomization;
  final List<Doc> docs;

  private Manifests(Path dir, Map<String, Object> kustomization, List<Doc> docs) {
    this.dir = dir;
    this.kustomization = kustomization;
    this.docs = docs;
  }

  /** The files a kustomization lists under {@code resources} (directories are other kustomizations, loaded too). */
  @SuppressWarnings("unchecked")
  static Manifests load(Path dir) {
    Map<String, Object> k = new Yaml().load(read(dir.resolve("kustomization.yaml")));
    List<Doc> docs = new ArrayList<>();
    for (String r : (List<String>) k.getOrDefault("resources", List.of())) {
      Path p = dir.resolve(r).normalize();
      if (Files.isDirectory(p)) {
        docs.addAll(load(p).docs);
      } else {
        docs.addAll(parse(p));
      }
    }
    return new Manifests(dir, k, docs);
  }

  static List<Doc> parse(Path file) {
    List<Doc> out = new ArrayList<>();
    for (String part : read(file).split("(?m)^---\\s*$")) {
      if (part.lines().anyMatch(l -> l.startsWith("kind:"))) {
        out.add(new Doc(file, SERIALIZATION.unmarshal(part, HasMetadata.class)));
      }
    }
    return out;
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return docs.stream().map(Doc::object).filter(type::isInstance).map(type::cast).toList();
  }

  <T extends HasMetadata> T get(Class<T> type, String name) {
    return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst()
      .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name + " in " + dir));
  }

  List<Workload> workloads() {
    List<Workload> out = new ArrayList<>();
    all(Deployment.class).forEach(d -> out.add(new Workload(d, d.getSpec().getTemplate(), d.getSpec().getReplicas())));
    all(StatefulSet.class).forEach(s -> out.add(new Workload(s, s.getSpec().getTemplate(), s.getSpec().getReplicas())));
    return out;
  }

  Workload workload(String name) {
    return workloads().stream().filter(w -> w.name().equals(name)).findFirst()
      .orElseThrow(() -> new AssertionError("no workload " + name));
  }

  Map<String, Secret> secrets() {
    Map<String, Secret> m = new LinkedHashMap<>();
    all(Secret.class).forEach(s -> m.put(s.getMetadata().getName(), s));
    return m;
  }

  Map<String, ConfigMap> configMaps() {
    Map<String, ConfigMap> m = new LinkedHashMap<>();
    all(ConfigMap.class).forEach(c -> m.put(c.getMetadata().getName(), c));
    return m;
  }

  String namespace() {
    return (String) kustomization.get("namespace");
  }

  /** Every YAML file of a directory, not descending. */
  static List<Path> yamlFiles(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
