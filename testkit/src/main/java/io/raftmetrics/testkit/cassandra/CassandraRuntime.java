package io.raftmetrics.testkit.cassandra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the pieces of a local Cassandra come from: the jars that {@code tools/cassandra-runtime} resolves from Maven
 * Central, the configuration templates beside them, and a Java 17 installation (Cassandra 5.0 refuses to start on
 * Java 21+).
 *
 * @param projectRoot the checkout's root directory
 * @param javaHome the JDK that runs Cassandra
 */
public record CassandraRuntime(Path projectRoot, Path javaHome) {

  private static final String RUNTIME_MODULE = "tools/cassandra-runtime";
  private static final Path DEBIAN_JAVA_17 = Paths.get("/usr/lib/jvm/java-17-openjdk-amd64");

  /**
   * Locates the project root ({@code project.root} system property, set by the build, or the nearest parent of the
   * working directory that holds {@value #RUNTIME_MODULE}) and a Java 17 home ({@code CASSANDRA_JAVA_HOME}, then
   * {@code JAVA17_HOME}, then the Debian path, then this JVM if it is Java 11 or 17).
   *
   * @throws IllegalStateException with the fix in the message when something is missing
   */
  public static CassandraRuntime locate() {
    CassandraRuntime rt = new CassandraRuntime(findRoot(), findJava());
    if (!Files.isDirectory(rt.libDir())) {
      throw new IllegalStateException("Cassandra jars not found in " + rt.libDir()
        + ": run `mvn -B -q -pl " + RUNTIME_MODULE + " install` first");
    }
    return rt;
  }

  /** @return the directory of Cassandra's jars */
  public Path libDir() {
    return projectRoot.resolve(RUNTIME_MODULE).resolve("target").resolve("lib");
  }

  /** @return the directory holding {@code cassandra.yaml}, {@code logback.xml} and {@code jvm17-server.options} */
  public Path confDir() {
    return projectRoot.resolve(RUNTIME_MODULE).resolve("conf");
  }

  /** @return the {@code java} executable */
  public Path javaExecutable() {
    return javaHome.resolve("bin").resolve("java");
  }

  /** @return the JPMS flags Cassandra needs on Java 17, one per element, comments dropped */
  public List<String> jvmFlags() {
    try (Stream<String> lines = Files.lines(confDir().resolve("jvm17-server.options"))) {
      List<String> flags = new ArrayList<>();
      lines.map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(l -> {
        // "--add-exports a=b" is one option with a value; the java launcher wants them as two arguments.
        int space = l.indexOf(' ');
        if (l.startsWith("--") && space > 0) {
          flags.add(l.substring(0, space));
          flags.add(l.substring(space + 1).trim());
        } else {
          flags.add(l);
        }
      });
      return flags;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path findRoot() {
    String prop = System.getProperty("project.root");
    if (prop != null && Files.isDirectory(Paths.get(prop, RUNTIME_MODULE))) {
      return Paths.get(prop).toAbsolutePath().normalize();
    }
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve(RUNTIME_MODULE))) {
        return p;
      }
    }
    throw new IllegalStateException(RUNTIME_MODULE + " not found above " + Paths.get("").toAbsolutePath()
      + " (set -Dproject.root)");
  }

  private static Path findJava() {
    for (String env : new String[] {"CASSANDRA_JAVA_HOME", "JAVA17_HOME"}) {
      String v = System.getenv(env);
      if (v != null && !v.isBlank() && Files.isExecutable(Paths.get(v, "bin", "java"))) {
        return Paths.get(v);
      }
    }
    if (Files.isExecutable(DEBIAN_JAVA_17.resolve("bin").resolve("java"))) {
      return DEBIAN_JAVA_17;
    }
    int feature = Runtime.version().feature();
    if (feature == 11 || feature == 17) {
      return Paths.get(System.getProperty("java.home"));
    }
    throw new IllegalStateException("Cassandra 5.0 needs Java 11 or 17: set CASSANDRA_JAVA_HOME");
  }
}
