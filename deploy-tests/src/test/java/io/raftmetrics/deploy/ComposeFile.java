package io.raftmetrics.deploy;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code docker-compose.yml} as Compose reads it: YAML with merge keys, then {@code ${VAR:-default}} interpolation.
 * No variable is set here, so each takes its default, as with a plain {@code docker compose up}.
 */
final class ComposeFile {

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?}");

  /** One service, with the fields the checks use. */
  record Service(String name, Map<String, Object> raw) {

    boolean isProduct() {
      return build() != null && ".".equals(build().get("context"));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> build() {
      Object b = raw.get("build");
      return b instanceof String s ? Map.of("context", s) : (Map<String, Object>) b;
    }

    @SuppressWarnings("unchecked")
    Map<String, String> environment() {
      Map<String, String> env = new LinkedHashMap<>();
      Object e = raw.get("environment");
      if (e instanceof Map<?, ?> m) {
        m.forEach((k, v) -> env.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
      } else if (e instanceof List<?> l) {
        for (Object item : l) {
          String s = String.valueOf(item);
          int eq = s.indexOf('=');
          env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
        }
      }
      return env;
    }

    @SuppressWarnings("unchecked")
    Map<String, String> dependsOn() {
      Map<String, String> deps = new LinkedHashMap<>();
      Object d = raw.get("depends_on");
      if (d instanceof Map<?, ?> m) {
        m.forEach((k, v) -> deps.put(String.valueOf(k),
          String.valueOf(((Map<String, Object>) v).getOrDefault("condition", "service_started"))));
      } else if (d instanceof List<?> l) {
        l.forEach(k -> deps.put(String.valueOf(k), "service_started"));
      }
      return deps;
    }

    @SuppressWarnings("unchecked")
    List<String> healthcheck() {
      Map<String, Object> h = (Map<String, Object>) raw.get("healthcheck");
      return h == null ? List.of() : ((List<Object>) h.get("test")).stream().map(String::valueOf).toList();
    }

    /** The URL a {@code curl} healthcheck asks. */
    URI healthcheckUrl() {
      return healthcheck().stream().filter(a -> a.startsWith("http://")).findFirst().map(URI::create)
        .orElseThrow(() -> new AssertionError(name + ": healthcheck is not a curl of a URL"));
    }

    @SuppressWarnings("unchecked")
    List<String> list(String key) {
      Object v = raw.get(key);
      return v == null ? List.of() : ((List<Object>) v).stream().map(String::valueOf).toList();
    }

    /** Container port of each published {@code host:container} port. */
    List<Integer> publishedContainerPorts() {
      return list("ports").stream().map(p -> Integer.parseInt(p.substring(p.lastIndexOf(':') + 1))).toList();
    }

    @SuppressWarnings("unchecked")
    String ipv4() {
      Map<String, Object> nets = (Map<String, Object>) raw.get("networks");
      if (nets == null) {
        return null;
      }
      for (Object n : nets.values()) {
        if (n instanceof Map<?, ?> m && m.get("ipv4_address") != null) {
          return String.valueOf(m.get("ipv4_address"));
        }
      }
      return null;
    }
  }

  final Map<String, Object> doc;
  final Map<String, Service> services = new LinkedHashMap<>();

  @SuppressWarnings("unchecked")
  private ComposeFile(Map<String, Object> doc) {
    this.doc = doc;
    ((Map<String, Object>) doc.get("services")).forEach((name, v) ->
      services.put(name, new Service(name, (Map<String, Object>) v)));
  }

  static ComposeFile load() {
    return parse(Repo.read("docker-compose.yml"));
  }

  @SuppressWarnings("unchecked")
  static ComposeFile parse(String text) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    Object doc = new Yaml(new SafeConstructor(options)).load(text);
    Map<String, Object> interpolated = interpolate((Map<String, Object>) doc);
    return new ComposeFile(interpolated);
  }

  Service service(String name) {
    Service s = services.get(name);
    if (s == null) {
      throw new AssertionError("no service " + name + " in docker-compose.yml");
    }
    return s;
  }

  List<Service> products() {
    return services.values().stream().filter(Service::isProduct).toList();
  }

  /** The paths every product service's healthcheck asks for. */
  Set<String> healthcheckPaths() {
    Set<String> paths = new TreeSet<>();
    products().forEach(s -> paths.add(s.healthcheckUrl().getPath()));
    return paths;
  }

  @SuppressWarnings("unchecked")
  private static <T> T interpolate(T node) {
    if (node instanceof String s) {
      Matcher m = VARIABLE.matcher(s);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(out, Matcher.quoteReplacement(m.group(2) == null ? "" : m.group(2)));
      }
      m.appendTail(out);
      return (T) out.toString();
    }
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), interpolate(v)));
      return (T) out;
    }
    if (node instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(interpolate(v)));
      return (T) out;
    }
    return node;
  }
}
