package io.raftmetrics.raft;

import io.raftmetrics.api.Addresses;
import io.raftmetrics.api.ErrorCode;
import io.raftmetrics.api.ingest.IngestAck;
import io.raftmetrics.api.ingest.IngestBatch;
import io.raftmetrics.api.log.DeleteEntry;
import io.raftmetrics.api.log.EntryKind;
import io.raftmetrics.api.log.StreamChunk;
import io.raftmetrics.api.log.StreamRead;
import io.raftmetrics.api.log.WatermarkEntry;
import io.raftmetrics.api.node.LinearizableReads;
import io.raftmetrics.api.node.NodeServices;
import io.raftmetrics.store.Replica;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.CheckResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.raftmetrics.raft.RaftTestSupport.batch;
import static io.raftmetrics.raft.RaftTestSupport.doublePoints;
import static io.raftmetrics.raft.RaftTestSupport.ingest;
import static io.raftmetrics.raft.RaftTestSupport.replica;
import static org.assertj.core.api.Assertions.assertThat;

/** One peer, one shard: the write path, its failures, the stream read, the read barrier and the status. */
class SinglePeerTest {

  @TempDir
  Path dir;
  private Vertx vertx;

  @BeforeEach
  void deploy() throws Exception {
    vertx = RaftTestSupport.newVertx();
    JsonObject config = RaftTestSupport.config(RaftTestSupport.peers(1), 0, dir).put("max_entry_bytes", 64 << 10);
    RaftTestSupport.deploy(vertx, config).await(60, TimeUnit.SECONDS);
  }

  @AfterEach
  void close() throws Exception {
    vertx.close().await(60, TimeUnit.SECONDS);
  }

  @Test
  void acknowledgedPointsAreInTheReplicaRightAfterTheAck() throws Exception {
    Replica replica = replica(vertx, 0);
    long previous = -1;
    for (int i = 0; i < 5; i++) {
      IngestAck ack = await(ingest(vertx, batch(0, "cpu", i * 1000L, 100)));
      assertThat(ack.shard()).isZero();
      assertThat(ack.index()).isGreaterThan(previous);
      assertThat(ack.points()).isEqualTo(100);
      assertThat(ack.duplicate()).isFalse();
      assertThat(doublePoints(replica)).hasSize((i + 1) * 100);
      assertThat(replica.lastApplied().index()).isGreaterThanOrEqualTo(ack.index());
      previous = ack.index();
    }
    assertThat(doublePoints(replica).get(0)).isEqualTo("cpu|{host=h1}|0|0.5");
  }

  @Test
  void aRetriedBatchIsAppliedOnce() throws Exception {
    IngestBatch batch = batch(UUID.randomUUID(), 0, "mem", 5000, 50);
    IngestAck first = await(ingest(vertx, batch));
    IngestAck retry = await(ingest(vertx, batch));
    assertThat(first.duplicate()).isFalse();
    assertThat(retry.duplicate()).isTrue();
    assertThat(retry.points()).isZero();
    assertThat(retry.index()).isGreaterThan(first.index());
    assertThat(doublePoints(replica(vertx, 0))).hasSize(50);
  }

  @Test
  void badRequestsFailWithAClearCode() throws Exception {
    assertFailure(ingest(vertx, batch(3, "cpu", 0, 1)), ErrorCode.BAD_REQUEST, "shard 3 is outside 0..0");
    assertFailure(vertx.eventBus().request(Addresses.INGEST_WRITE, "text"), ErrorCode.BAD_REQUEST,
      "ingest.write expects an IngestBatch");
    assertFailure(vertx.eventBus().request(Addresses.LOG_SUBMIT, new WatermarkEntry("c", 7, 1)),
      ErrorCode.BAD_REQUEST, "shard 7 is outside 0..0");
    assertFailure(vertx.eventBus().request(Addresses.STREAM_READ, new StreamRead(0, -1, 10, 1000)),
      ErrorCode.BAD_REQUEST, "fromIndex must be >= 0, got -1");
    assertFailure(ingest(vertx, batch(0, "big", 0, 10_000)), ErrorCode.PAYLOAD_TOO_LARGE,
      "exceeds raft.max_entry_bytes (65536)");

    byte[] whole = batch(0, "cut", 0, 10).bytes();
    IngestBatch truncated = IngestBatch.wrap(Arrays.copyOf(whole, whole.length - 5));
    assertFailure(ingest(vertx, truncated), ErrorCode.BAD_REQUEST, "malformed entry");
    // the rejected entry moved the log on without changing the data, and the group still takes writes
    assertThat(doublePoints(replica(vertx, 0))).isEmpty();
    assertThat(await(ingest(vertx, batch(0, "ok", 0, 3))).points()).isEqualTo(3);
  }

  @Test
  void streamReadReturnsCommittedEntriesInOrder() throws Exception {
    IngestBatch a = batch(0, "a", 0, 10);
    IngestBatch b = batch(0, "b", 0, 10);
    long ia = await(ingest(vertx, a)).index();
    long iw = await(logSubmit(new WatermarkEntry("tailer", 0, ia))).index();
    long ib = await(ingest(vertx, b)).index();
    long id = await(logSubmit(new DeleteEntry("a", Map.of(), Long.MIN_VALUE, Long.MAX_VALUE))).index();

    StreamChunk all = await(vertx.eventBus().<StreamChunk>request(Addresses.STREAM_READ, new StreamRead(0, 0, 100,
      1 << 20)).map(m -> m.body()));
    assertThat(all.entries()).extracting(StreamChunk.Entry::index).containsExactly(ia, iw, ib, id);
    assertThat(all.entries().get(0).data()).isEqualTo(a.bytes());
    assertThat(EntryKind.of(all.entries().get(1).data())).isEqualTo(EntryKind.WATERMARK);
    assertThat(all.entries().get(2).data()).isEqualTo(b.bytes());
    assertThat(all.commitIndex()).isGreaterThanOrEqualTo(id);
    assertThat(all.firstAvailable()).isZero();

    StreamChunk tail = await(vertx.eventBus().<StreamChunk>request(Addresses.STREAM_READ, new StreamRead(0, iw, 2,
      1 << 20)).map(m -> m.body()));
    assertThat(tail.entries()).extracting(StreamChunk.Entry::index).containsExactly(iw, ib);
    StreamChunk oneByBytes = await(vertx.eventBus().<StreamChunk>request(Addresses.STREAM_READ,
      new StreamRead(0, 0, 100, 1)).map(m -> m.body()));
    assertThat(oneByBytes.entries()).extracting(StreamChunk.Entry::index).containsExactly(ia);
    assertThat(replica(vertx, 0).watermarks()).containsEntry("tailer", ia);
    assertThat(all.consumerWatermark()).isEqualTo(-1);

    // a position-only read tells a consumer where to resume
    StreamChunk probe = await(vertx.eventBus().<StreamChunk>request(Addresses.STREAM_READ,
      new StreamRead(0, 0, 0, 1, "tailer")).map(m -> m.body()));
    assertThat(probe.entries()).isEmpty();
    assertThat(probe.consumerWatermark()).isEqualTo(ia);
    assertThat(probe.commitIndex()).isGreaterThanOrEqualTo(id);
    StreamChunk stranger = await(vertx.eventBus().<StreamChunk>request(Addresses.STREAM_READ,
      new StreamRead(0, 0, 0, 1, "someone-else")).map(m -> m.body()));
    assertThat(stranger.consumerWatermark()).isEqualTo(-1);
  }

  @Test
  void linearizableReadsAndStatusAreServedLocally() throws Exception {
    long index = await(ingest(vertx, batch(0, "cpu", 0, 5))).index();
    LinearizableReads reads = NodeServices.of(vertx).get(NodeServices.LINEARIZABLE_READS, LinearizableReads.class)
      .orElseThrow();
    await(reads.barrier(0));
    assertFailure(reads.barrier(1), ErrorCode.BAD_REQUEST, "shard 1 is outside 0..0");

    JsonObject status = RaftTestSupport.status(vertx);
    assertThat(status.getString("role")).isEqualTo("LEADER");
    assertThat(status.getString("leader_id")).isEqualTo("n1");
    assertThat(status.getLong("applied_index")).isGreaterThanOrEqualTo(index);
    JsonObject shard = status.getJsonArray("shards").getJsonObject(0);
    assertThat(shard.getLong("commit_index")).isGreaterThanOrEqualTo(index);
    assertThat(shard.getLong("lag")).isGreaterThanOrEqualTo(0);
    assertThat(shard.fieldNames()).contains("term", "last_log_index", "snapshot_index");

    CheckResult health = await(NodeServices.of(vertx).health().checkStatus());
    assertThat(health.getUp()).isTrue();
    assertThat(health.getChecks()).extracting(CheckResult::getId).contains(RaftVerticle.HEALTH_CHECK);
  }

  @Test
  void undeployRemovesWhatItPublished() throws Exception {
    String id = vertx.deploymentIDs().iterator().next();
    vertx.undeploy(id).await(60, TimeUnit.SECONDS);
    NodeServices services = NodeServices.of(vertx);
    assertThat(services.get(NodeServices.replicaKey(0), Replica.class)).isEmpty();
    assertThat(services.get(NodeServices.LINEARIZABLE_READS, LinearizableReads.class)).isEmpty();
    assertFailure(ingest(vertx, batch(0, "cpu", 0, 1)), null, "No handlers");
  }

  private Future<IngestAck> logSubmit(Object entry) {
    return vertx.eventBus().<IngestAck>request(Addresses.LOG_SUBMIT, entry).map(m -> m.body());
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.await(30, TimeUnit.SECONDS);
  }

  /** @param code the expected failure code, or null for a non-recipient failure */
  static void assertFailure(Future<?> f, ErrorCode code, String messagePart) throws Exception {
    Throwable failure = f.transform(ar -> Future.succeededFuture(ar.cause())).await(30, TimeUnit.SECONDS);
    assertThat(failure).as("expected a failure").isNotNull();
    assertThat(failure).hasMessageContaining(messagePart);
    if (code != null) {
      assertThat(failure).isInstanceOf(ReplyException.class);
      assertThat(((ReplyException) failure).failureCode()).isEqualTo(code.code());
    }
  }
}
