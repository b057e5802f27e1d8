package io.raftmetrics.launcher.cluster;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One cluster for all the cluster test classes of a run (starting five JVMs takes a while on a small machine):
 * three workers (raft, query and a gateway each) and a gateway-only JVM on 127.0.0.41-49, two shards. Resolved as a
 * {@link ClusterFixture} parameter; started on first use, stopped at the end of the run. Each test leaves it as it
 * found it: w1..w3 and g1 running.
 */
final class SharedCluster implements ParameterResolver {

  static final int SHARDS = 2;
  static final Duration WAIT = Duration.ofSeconds(90);
  // small snapshots and segments, so that logs are purged and a wiped follower has to install a snapshot
  private static final String RAFT = "  snapshot_interval_entries: 40\n  log_segment_size_bytes: 262144\n"
    + "  log_purge_gap: 16\n";

  private record Running(ClusterFixture fixture, String classpath) implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      fixture.close();
      System.setProperty("java.class.path", classpath);
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == ClusterFixture.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getRoot().getStore(ExtensionContext.Namespace.create(SharedCluster.class))
      .getOrComputeIfAbsent("cluster", k -> start(), Running.class).fixture();
  }

  private static Running start() {
    try {
      Path dir = Files.createTempDirectory("raftmetrics-cluster-test");
      ClusterFixture cluster = new ClusterFixture(dir, 40, 3, SHARDS, RAFT);
      String classpath = cluster.pinClasspath();
      try {
        cluster.startAll();
        ClusterClient client = new ClusterClient();
        ClusterClient.await("a leader of every shard", WAIT, () -> client.leaderOf(0, cluster.workers) != null
          && client.leaderOf(1, cluster.workers) != null);
        return new Running(cluster, classpath);
      } catch (Exception | Error e) {
        cluster.close();
        System.setProperty("java.class.path", classpath);
        throw e;
      }
    } catch (Exception e) {
      throw new IllegalStateException("the test cluster did not start: " + e.getMessage(), e);
    }
  }
}
