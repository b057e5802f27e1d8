package io.raftmetrics.testkit.cassandra;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * JUnit 5 extension giving tests a real Cassandra: one node per test run (a child JVM started on first use, on free
 * ports of 127.0.0.1, stopped and deleted when the run ends) and a fresh keyspace name per test class.
 *
 * <p>Resolves parameters of type {@link CassandraProcess} (the shared node; a test may stop and restart it but must
 * leave it running) and {@link CassandraKeyspace} (the test class's keyspace, not created: the code under test
 * creates it).
 *
 * <pre>
 * &#64;ExtendWith(CassandraExtension.class)
 * class MyTest {
 *   &#64;BeforeAll static void setUp(CassandraKeyspace ks) { ... ks.contactPoint() ... ks.name() ... }
 * }
 * </pre>
 */
public final class CassandraExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(CassandraExtension.class);
  private static final AtomicInteger KEYSPACES = new AtomicInteger();

  @Override
  public boolean supportsParameter(ParameterContext pc, ExtensionContext ec) {
    Class<?> type = pc.getParameter().getType();
    return type == CassandraProcess.class || type == CassandraKeyspace.class;
  }

  @Override
  public Object resolveParameter(ParameterContext pc, ExtensionContext ec) {
    CassandraProcess node = sharedNode(ec);
    if (pc.getParameter().getType() == CassandraProcess.class) {
      return node;
    }
    ExtensionContext classContext = ec;
    while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
      classContext = classContext.getParent().get();
    }
    Class<?> testClass = classContext.getRequiredTestClass();
    ExtensionContext.Store classStore = classContext.getStore(NS);
    return classStore.getOrComputeIfAbsent("keyspace", k -> new CassandraKeyspace(node.options().address(),
      node.options().nativePort(), CassandraKeyspace.DATACENTER, keyspaceName(testClass)), CassandraKeyspace.class);
  }

  /** @return the node shared by every test of this run, started on first use */
  public static CassandraProcess sharedNode(ExtensionContext ec) {
    ExtensionContext.Store root = ec.getRoot().getStore(NS);
    return root.getOrComputeIfAbsent("node", k -> new SharedNode(), SharedNode.class).node;
  }

  private static String keyspaceName(Class<?> testClass) {
    String base = testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    String suffix = "_" + KEYSPACES.incrementAndGet();
    return "t_" + base.substring(0, Math.min(base.length(), 40)) + suffix;
  }

  /** @return a fresh directory under the module's {@code target/} (or the temp dir outside a build) */
  public static Path scratchDir(String prefix) {
    try {
      Path target = Paths.get("target");
      return Files.isDirectory(target) ? Files.createTempDirectory(target.toAbsolutePath(), prefix)
        : Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes a directory tree; used once its node is stopped. */
  public static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class SharedNode implements ExtensionContext.Store.CloseableResource {
    private final Path dir = scratchDir("cassandra-");
    private final CassandraProcess node = CassandraProcess.start(CassandraRuntime.locate(),
      CassandraOptions.onFreePorts(dir));

    @Override
    public void close() {
      node.stop();
      deleteTree(dir);
    }
  }
}
