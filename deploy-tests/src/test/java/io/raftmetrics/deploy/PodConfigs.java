package io.raftmetrics.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.raftmetrics.launcher.config.NodeConfig;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What each raftmetrics pod of a set of manifests runs with: its environment (downward API resolved for that pod)
 * and the configuration file the image's command line names, read from the volume mounted at that path, loaded by
 * the product's own loader.
 */
final class PodConfigs {

  static final String CONTAINER = "raftmetrics";

  /** One pod of a workload. */
  record Pod(Manifests.Workload workload, String name, String ip, Container container, Map<String, String> env,
             String configText, NodeConfig conf) {
  }

  private PodConfigs() {
  }

  /** Every pod of every workload whose container runs the product image. */
  static List<Pod> all(Manifests m, Path tmp) {
    String configPath = ImageFacts.release().configPath();
    List<Pod> pods = new ArrayList<>();
    int ip = 10;
    for (Manifests.Workload w : m.workloads()) {
      Container c = productContainer(w);
      if (c == null) {
        continue;
      }
      String text = mountedFile(m, w, c, configPath);
      for (String name : w.podNames()) {
        String podIp = "10.244.0." + ip++;
        Map<String, String> env = new PodEnv(name, m.namespace(), podIp, m.secrets(), m.configMaps()).of(c);
        pods.add(new Pod(w, name, podIp, c, env, text, ProductConfigs.load(text, env, tmp)));
      }
    }
    return pods;
  }

  static Container productContainer(Manifests.Workload w) {
    return w.template().getSpec().getContainers().stream().filter(c -> c.getName().equals(CONTAINER))
      .findFirst().orElse(null);
  }

  /** The content of the file at {@code path} inside the container, when a ConfigMap volume provides it. */
  static String mountedFile(Manifests m, Manifests.Workload w, Container c, String path) {
    Path file = Paths.get(path);
    for (VolumeMount vm : c.getVolumeMounts()) {
      String key = null;
      if (vm.getSubPath() != null && vm.getMountPath().equals(path)) {
        key = vm.getSubPath();
      } else if (vm.getSubPath() == null && Paths.get(vm.getMountPath()).equals(file.getParent())) {
        key = file.getFileName().toString();
      }
      if (key == null) {
        continue;
      }
      Volume v = volume(w, vm.getName());
      if (v.getConfigMap() == null) {
        throw new AssertionError(w.name() + ": " + path + " is mounted from a volume that is not a ConfigMap");
      }
      ConfigMap cm = m.configMaps().get(v.getConfigMap().getName());
      if (cm == null || !cm.getData().containsKey(key)) {
        throw new AssertionError(w.name() + ": ConfigMap " + v.getConfigMap().getName() + " has no key " + key);
      }
      return cm.getData().get(key);
    }
    throw new AssertionError(w.name() + ": nothing mounted at " + path + " (the image's -c file)");
  }

  static Volume volume(Manifests.Workload w, String name) {
    return w.template().getSpec().getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst()
      .orElseThrow(() -> new AssertionError(w.name() + ": no volume " + name));
  }
}
