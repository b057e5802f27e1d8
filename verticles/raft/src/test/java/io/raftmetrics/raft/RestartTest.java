package io.raftmetrics.raft;

import io.raftmetrics.api.ingest.IngestAck;
import io.raftmetrics.api.ingest.IngestBatch;
import io.raftmetrics.store.Replica;
import io.raftmetrics.store.TermIndex;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.raftmetrics.raft.RaftTestSupport.batch;
import static io.raftmetrics.raft.RaftTestSupport.doublePoints;
import static io.raftmetrics.raft.RaftTestSupport.ingest;
import static io.raftmetrics.raft.RaftTestSupport.replica;
import static org.assertj.core.api.Assertions.assertThat;

/** Redeploying on the same directories keeps every acknowledged point, once. */
class RestartTest {

  @TempDir
  Path dir;
  private Vertx vertx;

  @AfterEach
  void close() throws Exception {
    if (vertx != null) {
      vertx.close().await(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void everyAcknowledgedPointSurvivesARedeployOnce() throws Exception {
    vertx = RaftTestSupport.newVertx();
    JsonObject config = RaftTestSupport.config(RaftTestSupport.peers(1), 0, dir);
    String deployment = RaftTestSupport.deploy(vertx, config).await(60, TimeUnit.SECONDS);

    List<IngestBatch> batches = new ArrayList<>();
    List<Future<IngestAck>> acks = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      IngestBatch b = batch(0, "m" + (i % 3), i * 100L, 50);
      batches.add(b);
      acks.add(ingest(vertx, b));
    }
    Future.all(acks).await(60, TimeUnit.SECONDS);
    long lastAck = acks.stream().mapToLong(f -> f.result().index()).max().orElseThrow();
    assertThat(acks).allSatisfy(f -> assertThat(f.result().duplicate()).isFalse());
    List<String> before = doublePoints(replica(vertx, 0));
    assertThat(before).hasSize(20 * 50);
    TermIndex appliedBefore = replica(vertx, 0).lastApplied();

    vertx.undeploy(deployment).await(60, TimeUnit.SECONDS);
    RaftTestSupport.deploy(vertx, config).await(60, TimeUnit.SECONDS);

    Replica replica = replica(vertx, 0);
    assertThat(doublePoints(replica)).isEqualTo(before);
    assertThat(replica.lastApplied().index()).isGreaterThanOrEqualTo(appliedBefore.index());
    RaftTestSupport.await("Ratis' applied index to reach the replica's", 10_000,
      () -> RaftTestSupport.status(vertx).getLong("applied_index") >= appliedBefore.index());

    IngestAck retried = ingest(vertx, batches.get(7)).await(30, TimeUnit.SECONDS);
    assertThat(retried.duplicate()).isTrue();
    assertThat(retried.index()).isGreaterThan(lastAck);
    IngestAck fresh = ingest(vertx, batch(0, "after", 0, 5)).await(30, TimeUnit.SECONDS);
    assertThat(fresh.duplicate()).isFalse();
    assertThat(doublePoints(replica)).hasSize(20 * 50 + 5);
  }
}
