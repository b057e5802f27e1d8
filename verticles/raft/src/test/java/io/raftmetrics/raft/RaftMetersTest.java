package io.raftmetrics.raft;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.raftmetrics.api.Codecs;
import io.raftmetrics.api.ingest.IngestAck;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The role's meters land in the node's registry (the launcher's default backend) and leave it on undeploy. */
class RaftMetersTest {

  @TempDir
  Path dir;
  private Vertx vertx;

  @AfterEach
  void close() throws Exception {
    vertx.close().await(60, TimeUnit.SECONDS);
  }

  @Test
  void metersFollowTheWrites() throws Exception {
    MeterRegistry registry = new SimpleMeterRegistry();
    vertx = Vertx.builder()
      .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
      .withMetrics(new MicrometerMetricsFactory(registry))
      .build();
    Codecs.registerAll(vertx.eventBus());
    String id = RaftTestSupport.deploy(vertx, RaftTestSupport.config(RaftTestSupport.peers(1), 0, dir))
      .await(60, TimeUnit.SECONDS);

    IngestAck ack = RaftTestSupport.ingest(vertx, RaftTestSupport.batch(0, "cpu", 0, 40)).await(30, TimeUnit.SECONDS);

    assertThat(registry.get("raftmetrics.points.committed").tag("shard", "0").counter().count()).isEqualTo(40);
    assertThat(registry.get("raftmetrics.points.applied").tag("shard", "0").functionCounter().count()).isEqualTo(40);
    assertThat(registry.get("raftmetrics.raft.commit.latency").tag("shard", "0").timer().count()).isEqualTo(1);
    assertThat(registry.get("raftmetrics.raft.leader").tag("shard", "0").gauge().value()).isEqualTo(1);
    assertThat(registry.get("raftmetrics.raft.term").tag("shard", "0").gauge().value()).isGreaterThanOrEqualTo(1);
    assertThat(registry.get("raftmetrics.raft.commit.index").gauge().value()).isGreaterThanOrEqualTo(ack.index());
    assertThat(registry.get("raftmetrics.raft.applied.index").gauge().value()).isGreaterThanOrEqualTo(ack.index());
    assertThat(registry.get("raftmetrics.raft.apply.lag").gauge().value()).isGreaterThanOrEqualTo(0);

    vertx.undeploy(id).await(60, TimeUnit.SECONDS);
    assertThat(registry.find("raftmetrics.raft.leader").gauges()).isEmpty();
    assertThat(registry.find("raftmetrics.points.committed").counters()).isEmpty();
  }
}
