package io.raftmetrics.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Secret;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment Kubernetes gives a container of a given pod: literal values with {@code $(VAR)} expanded from the
 * variables defined before them, the downward API fields the manifests use, and Secret/ConfigMap keys. Anything
 * else is an error, so a manifest cannot rely on something this resolution (and the checks built on it) ignores.
 *
 * @param podName {@code metadata.name}
 * @param namespace {@code metadata.namespace}
 * @param podIp {@code status.podIP}
 */
record PodEnv(String podName, String namespace, String podIp, Map<String, Secret> secrets,
              Map<String, ConfigMap> configMaps) {

  private static final Pattern REF = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

  Map<String, String> of(Container container) {
    Map<String, String> env = new LinkedHashMap<>();
    if (container.getEnv() == null) {
      return env;
    }
    for (EnvVar v : container.getEnv()) {
      String value = v.getValueFrom() == null ? expand(v.getValue() == null ? "" : v.getValue(), env)
        : source(v.getName(), v.getValueFrom());
      env.put(v.getName(), value);
    }
    return env;
  }

  private String source(String name, EnvVarSource from) {
    if (from.getFieldRef() != null) {
      return switch (from.getFieldRef().getFieldPath()) {
        case "metadata.name" -> podName;
        case "metadata.namespace" -> namespace;
        case "status.podIP" -> podIp;
        default -> throw new IllegalArgumentException(name + ": unsupported fieldRef " + from.getFieldRef());
      };
    }
    if (from.getSecretKeyRef() != null) {
      Secret s = secrets.get(from.getSecretKeyRef().getName());
      String key = from.getSecretKeyRef().getKey();
      if (s == null || s.getStringData() == null || !s.getStringData().containsKey(key)) {
        throw new IllegalArgumentException(name + ": no key " + key + " in Secret " + from.getSecretKeyRef().getName());
      }
      return s.getStringData().get(key);
    }
    if (from.getConfigMapKeyRef() != null) {
      ConfigMap c = configMaps.get(from.getConfigMapKeyRef().getName());
      String key = from.getConfigMapKeyRef().getKey();
      if (c == null || !c.getData().containsKey(key)) {
        throw new IllegalArgumentException(name + ": no key " + key + " in ConfigMap "
          + from.getConfigMapKeyRef().getName());
      }
      return c.getData().get(key);
    }
    throw new IllegalArgumentException(name + ": unsupported valueFrom " + from);
  }

  /** Kubernetes expands {@code $(VAR)} for variables defined earlier in the list and leaves other references. */
  static String expand(String value, Map<String, String> defined) {
    Matcher m = REF.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = defined.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(v != null ? v : m.group()));
    }
    m.appendTail(out);
    return out.toString();
  }
}
