package io.raftmetrics.raft;

import io.raftmetrics.api.Addresses;
import io.raftmetrics.api.ingest.IngestAck;
import io.raftmetrics.api.log.StreamChunk;
import io.raftmetrics.api.log.StreamRead;
import io.raftmetrics.api.log.WatermarkEntry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.raftmetrics.raft.RaftTestSupport.batch;
import static io.raftmetrics.raft.RaftTestSupport.doublePoints;
import static io.raftmetrics.raft.RaftTestSupport.ingest;
import static io.raftmetrics.raft.RaftTestSupport.replica;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Snapshots purge the log, never above the lowest registered watermark, and a restart from a snapshot keeps the data.
 * Small segments and a small snapshot interval make both happen within a few dozen entries.
 */
class SnapshotTest {

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
  void theLogIsPurgedBelowSnapshotsButNeverAboveTheWatermark() throws Exception {
    JsonObject config = RaftTestSupport.config(RaftTestSupport.peers(1), 0, dir)
      .put("snapshot_interval_entries", 5)
      .put("log_segment_size_bytes", 16 << 10)
      .put("log_purge_gap", 1);
    vertx = RaftTestSupport.newVertx();
    RaftTestSupport.deploy(vertx, config).await(60, TimeUnit.SECONDS);

    long first = write(0).index();
    long watermark = submit(new WatermarkEntry("tailer", 0, first));
    for (int i = 1; i <= 60; i++) {
      write(i);
    }
    RaftTestSupport.await("a snapshot", 20_000, () -> shard().getLong("snapshot_index") >= 0);
    // applied far beyond the watermark, yet the snapshot declares the watermark and the log keeps what follows it
    assertThat(shard().getLong("applied_index")).isGreaterThan(first + 50);
    assertThat(shard().getLong("snapshot_index")).isEqualTo(first);
    assertThat(shard().getLong("first_log_index")).isLessThanOrEqualTo(first + 1);
    assertThat(snapshotFiles()).isNotEmpty();

    // the consumer moves on: the next snapshots may purge up to its new watermark, not beyond
    long moved = write(61).index();
    long movedMark = submit(new WatermarkEntry("tailer", 0, moved));
    for (int i = 62; i <= 80; i++) {
      write(i);
    }
    RaftTestSupport.await("a purge past the old watermark", 20_000,
      () -> shard().getLong("first_log_index") > watermark + 1);
    assertThat(shard().getLong("first_log_index")).isLessThanOrEqualTo(moved + 1);
    assertThat(shard().getLong("snapshot_index")).isEqualTo(moved);

    List<String> before = doublePoints(replica(vertx, 0));
    assertThat(before).hasSize(81 * 20);
    long firstIndex = shard().getLong("first_log_index");
    vertx.close().await(60, TimeUnit.SECONDS);

    vertx = RaftTestSupport.newVertx();
    RaftTestSupport.deploy(vertx, config).await(60, TimeUnit.SECONDS);
    assertThat(doublePoints(replica(vertx, 0))).isEqualTo(before);
    assertThat(shard().getLong("first_log_index")).isEqualTo(firstIndex);
    StreamChunk fromWatermark = read(moved + 1);
    assertThat(fromWatermark.entries()).isNotEmpty();
    // what the consumer reads next: its own watermark entry (no-op and metadata entries in between are skipped)
    assertThat(fromWatermark.entries().get(0).index()).isEqualTo(movedMark);
    StreamChunk purged = read(0);
    assertThat(purged.entries()).isEmpty();
    assertThat(purged.firstAvailable()).isEqualTo(firstIndex);
    assertThat(write(81).points()).isEqualTo(20);
  }

  private IngestAck write(int i) throws Exception {
    return ingest(vertx, batch(0, "disk", i * 100L, 20)).await(30, TimeUnit.SECONDS);
  }

  private long submit(WatermarkEntry entry) throws Exception {
    return vertx.eventBus().<IngestAck>request(Addresses.LOG_SUBMIT, entry).await(30, TimeUnit.SECONDS).body().index();
  }

  private StreamChunk read(long from) throws Exception {
    return vertx.eventBus().<StreamChunk>request(Addresses.STREAM_READ, new StreamRead(0, from, 10, 1 << 20))
      .await(30, TimeUnit.SECONDS).body();
  }

  private JsonObject shard() {
    return RaftTestSupport.status(vertx).getJsonArray("shards").getJsonObject(0);
  }

  private List<Path> snapshotFiles() throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.getFileName().toString().matches("snapshot\\.\\d+_\\d+")).toList();
    }
  }
}
