package io.raftmetrics.launcher.cluster;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shared cluster ({@link SharedCluster}) and a client, for every cluster test class. */
@ExtendWith(SharedCluster.class)
abstract class ClusterTestBase {

  static ClusterFixture cluster;
  final ClusterClient client = new ClusterClient();

  @BeforeAll
  static void cluster(ClusterFixture shared) {
    cluster = shared;
  }
}
