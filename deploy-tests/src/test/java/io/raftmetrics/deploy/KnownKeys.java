package io.raftmetrics.deploy;

import io.vertx.core.json.JsonObject;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every configuration key the product knows, collected from where the product defines or documents them: the
 * launcher's built-in defaults, {@code conf/dev.yaml}, the key tables of {@code docs/raft.md} and
 * {@code docs/cassandra.md}, the {@code cluster:} block of {@code Clustering}'s Javadoc and the key table of
 * {@code QueryConfig}'s Javadoc. A deployment file using a key outside this set has a typo or relies on something
 * the product does not have.
 */
final class KnownKeys {

  private static final Pattern DOC_ROW = Pattern.compile("^\\| (`[^|]+`) \\|");
  private static final Pattern BACKTICKED = Pattern.compile("`([a-z0-9_.]+)`");
  private static final Pattern PRE_KEY = Pattern.compile("^ \\*\\s+([a-z_]+):");
  private static final Pattern QUERY_KEY = Pattern.compile("<tr><td>\\{@code ([a-z_]+)}</td>");

  private final Set<String> keys = new TreeSet<>();

  static KnownKeys load() {
    KnownKeys k = new KnownKeys();
    k.addYaml(resource("/raftmetrics-defaults.yaml"));
    k.addYaml(Repo.read("conf/dev.yaml"));
    k.addDocTable(Repo.read("docs/raft.md"), "## Configuration (`raft` section)", "raft.");
    k.addDocTable(Repo.read("docs/cassandra.md"), "## Configuration (`cassandra` section)", "cassandra.");
    k.addJavadocPre(Repo.read("verticles/launcher/src/main/java/io/raftmetrics/launcher/Clustering.java"));
    Matcher q = QUERY_KEY.matcher(Repo.read("verticles/query/src/main/java/io/raftmetrics/query/QueryConfig.java"));
    while (q.find()) {
      k.keys.add("query." + q.group(1));
    }
    return k;
  }

  Set<String> all() {
    return keys;
  }

  /** A dotted path is known if it is a key, or lies inside a known key whose value is a mapping or a list. */
  boolean knows(String path) {
    if (keys.contains(path)) {
      return true;
    }
    for (int dot = path.lastIndexOf('.'); dot > 0; dot = path.lastIndexOf('.', dot - 1)) {
      if (keys.contains(path.substring(0, dot))) {
        return keysUnder(path.substring(0, dot)).isEmpty();
      }
    }
    return false;
  }

  /** The leaf paths of a configuration, descending through mappings only (lists are values). */
  static List<String> leafPaths(JsonObject conf) {
    List<String> out = new ArrayList<>();
    walk("", conf, out);
    return out;
  }

  private List<String> keysUnder(String prefix) {
    return keys.stream().filter(k -> k.startsWith(prefix + ".")).toList();
  }

  private static void walk(String prefix, JsonObject o, List<String> out) {
    for (String name : o.fieldNames()) {
      Object v = o.getValue(name);
      String path = prefix + name;
      if (v instanceof JsonObject child && !child.isEmpty()) {
        walk(path + ".", child, out);
      } else {
        out.add(path);
      }
    }
  }

  private void addYaml(String text) {
    Object doc = new Yaml().load(text);
    flatten("", (Map<?, ?>) doc);
  }

  private void flatten(String prefix, Map<?, ?> map) {
    map.forEach((k, v) -> {
      String path = prefix + k;
      keys.add(path);
      if (v instanceof Map<?, ?> child) {
        flatten(path + ".", child);
      }
    });
  }

  private void addDocTable(String markdown, String heading, String prefix) {
    int start = markdown.indexOf(heading);
    if (start < 0) {
      throw new IllegalStateException("no section '" + heading + "'");
    }
    boolean inTable = false;
    for (String line : markdown.substring(start).split("\n")) {
      if (line.startsWith("|")) {
        inTable = true;
        Matcher row = DOC_ROW.matcher(line);
        if (row.find()) {
          Matcher names = BACKTICKED.matcher(row.group(1));
          while (names.find()) {
            keys.add(prefix + names.group(1));
          }
        }
      } else if (inTable) {
        return;
      }
    }
  }

  /** The {@code <pre>} example of {@code Clustering}: a {@code cluster:} block whose lines are its keys. */
  private void addJavadocPre(String source) {
    int pre = source.indexOf("<pre>");
    int end = source.indexOf("</pre>", pre);
    for (String line : source.substring(pre, end).split("\n")) {
      Matcher m = PRE_KEY.matcher(line);
      if (m.find() && !m.group(1).equals("cluster")) {
        keys.add("cluster." + m.group(1));
      }
    }
  }

  private static String resource(String name) {
    try (InputStream in = KnownKeys.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " not on the classpath (the launcher jar)");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
