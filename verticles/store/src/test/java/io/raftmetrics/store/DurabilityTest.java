package io.raftmetrics.store;

import io.raftmetrics.api.codec.MalformedEntryException;
import io.raftmetrics.api.log.WatermarkEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.raftmetrics.store.Entries.batch;
import static io.raftmetrics.store.Entries.delete;
import static io.raftmetrics.store.Entries.deleteMetric;
import static io.raftmetrics.store.Entries.tags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurabilityTest {

  @TempDir
  Path dir;

  private static final UUID RETRIED = UUID.randomUUID();

  /** A log exercising every path: appends, overwrites, out of order, retries, deletes, watermarks. */
  private static List<byte[]> log() {
    List<byte[]> log = new ArrayList<>();
    log.add(batch(RETRIED).longs("cpu", tags("host", "a"), 1000, 1, 2000, 2)
      .doubles("load", tags("host", "a"), 1000, 0.5, 2000, 0.75).strings("state", tags("host", "a"), 1000, "up").bytes());
    log.add(batch().longs("cpu", tags("host", "b"), 3000, 3, 1000, 1, 3000, 33)
      .doubles("load", tags("host", "a"), 1500, 0.6, 2000, 0.8).bytes());
    log.add(batch(RETRIED).longs("cpu", tags("host", "a"), 1000, 100).bytes());
    log.add(new WatermarkEntry("cassandra", 0, 2).encode());
    log.add(delete("cpu", Map.of("host", List.of("regex:[ab]")), 1500, 2500));
    log.add(deleteMetric("state"));
    log.add(batch().strings("state", tags("host", "a"), 5000, "down").longs("cpu", tags("host", "c"), 10, 1).bytes());
    log.add(new WatermarkEntry("cassandra", 0, 1).encode());
    return log;
  }

  private static void applyAll(Replica r, List<byte[]> log, int from, int to) {
    for (int i = from; i < to; i++) {
      r.apply(1, i + 1, log.get(i));
    }
  }

  @Test
  void twoReplicasApplyingTheSameLogHoldIdenticalContent() throws Exception {
    List<byte[]> log = log();
    try (Replica a = DuckReplica.open(0, dir.resolve("a.duckdb"), null);
         Replica b = DuckReplica.open(0, dir.resolve("b.duckdb"), null)) {
      applyAll(a, log, 0, log.size());
      applyAll(b, log, 0, log.size());

      assertThat(ReplicaDump.of(a)).isEqualTo(ReplicaDump.of(b)).hasSizeGreaterThan(15);
      assertThat(a.watermarks()).isEqualTo(Map.of("cassandra", 2L));
    }
  }

  @Test
  void restartKeepsContentPositionWatermarksAndBatchIds() throws Exception {
    List<byte[]> log = log();
    Path file = dir.resolve("r.duckdb");
    List<String> dump;
    try (Replica r = DuckReplica.open(0, file, null)) {
      applyAll(r, log, 0, log.size());
      dump = ReplicaDump.of(r);
    }
    try (Replica r = DuckReplica.open(0, file, null)) {
      assertThat(ReplicaDump.of(r)).isEqualTo(dump);
      assertThat(r.lastApplied()).isEqualTo(new TermIndex(1, log.size()));
      assertThat(r.watermarks()).isEqualTo(Map.of("cassandra", 2L));
      assertThat(r.catalog().metricNames()).containsExactly("cpu", "load", "state");

      applyAll(r, log, 0, log.size());
      assertThat(r.apply(2, 20, batch(RETRIED).longs("cpu", tags("host", "a"), 1000, 7).bytes()).duplicate()).isTrue();
      assertThat(ReplicaDump.of(r).subList(1, dump.size())).isEqualTo(dump.subList(1, dump.size()));

      // "state" series 2 was deleted whole: ids are never reused, even across restarts.
      r.apply(2, 21, batch().longs("fresh", tags("k", "v"), 1, 1).bytes());
      assertThat(r.catalog().seriesOf("fresh")).extracting(SeriesInfo::sid).containsExactly(6);
    }
  }

  @Test
  void snapshotRestoredIntoAFreshReplicaGivesIdenticalContent() throws Exception {
    List<byte[]> log = log();
    Path snapshot = dir.resolve("snap/shard-0.snapshot");
    Files.createDirectories(snapshot.getParent());
    try (Replica source = DuckReplica.open(0, dir.resolve("source.duckdb"), null);
         Replica fresh = DuckReplica.open(0, dir.resolve("fresh.duckdb"), null)) {
      applyAll(source, log, 0, 5);

      TermIndex at = source.snapshotTo(snapshot);
      applyAll(source, log, 5, log.size());

      assertThat(at).isEqualTo(new TermIndex(1, 5));
      assertThat(Files.list(snapshot.getParent())).containsExactly(snapshot);
      fresh.restoreFrom(snapshot);
      assertThat(fresh.lastApplied()).isEqualTo(at);
      applyAll(fresh, log, 0, log.size());
      assertThat(ReplicaDump.of(fresh)).isEqualTo(ReplicaDump.of(source));
      assertThat(fresh.catalog().metricNames()).isEqualTo(source.catalog().metricNames());
      assertThat(fresh.watermarks()).isEqualTo(source.watermarks());
    }
  }

  @Test
  void restoreReplacesExistingContentAndOpenReadersSeeIt() throws Exception {
    Path snapshot = dir.resolve("s.duckdb");
    try (Replica source = DuckReplica.open(0, dir.resolve("source.duckdb"), null);
         Replica target = DuckReplica.open(0, dir.resolve("target.duckdb"), null)) {
      source.apply(1, 1, batch().longs("kept", tags("k", "v"), 1, 1).bytes());
      source.snapshotTo(snapshot);
      target.apply(1, 1, batch().longs("stale", tags("k", "v"), 1, 1).longs("other", tags("k", "v"), 1, 1).bytes());
      target.apply(1, 2, batch().longs("stale", tags("k", "v"), 2, 2).bytes());

      try (Connection reader = target.openReader()) {
        target.restoreFrom(snapshot);

        assertThat(target.catalog().metricNames()).containsExactly("kept");
        assertThat(target.lastApplied()).isEqualTo(new TermIndex(1, 1));
        try (Statement s = reader.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM points_long")) {
          rs.next();
          assertThat(rs.getLong(1)).isEqualTo(1);
        }
      }
      assertThat(ReplicaDump.of(target)).isEqualTo(ReplicaDump.of(source));
      target.apply(1, 2, batch().longs("kept", tags("k", "v"), 2, 2).bytes());
      assertThat(ReplicaDump.points(target, "points_long")).containsExactly("0|1|1", "0|2|2");
    }
  }

  @Test
  void snapshotOfAnotherShardIsRefused() throws Exception {
    Path snapshot = dir.resolve("s.duckdb");
    try (Replica one = DuckReplica.open(1, dir.resolve("one.duckdb"), null);
         Replica zero = DuckReplica.open(0, dir.resolve("zero.duckdb"), null)) {
      one.apply(1, 1, batch().longs("m", tags("k", "v"), 1, 1).bytes());
      one.snapshotTo(snapshot);
      zero.apply(1, 1, batch().longs("z", tags("k", "v"), 1, 1).bytes());
      List<String> before = ReplicaDump.of(zero);

      assertThatThrownBy(() -> zero.restoreFrom(snapshot)).isInstanceOf(StoreException.class)
        .hasMessageContaining("shard 1");
      assertThat(ReplicaDump.of(zero)).isEqualTo(before);
      assertThat(zero.catalog().metricNames()).containsExactly("z");
    }
    assertThatThrownBy(() -> DuckReplica.open(0, dir.resolve("one.duckdb"), null))
      .isInstanceOf(StoreException.class).hasMessageContaining("holds shard 1");
  }

  @Test
  void malformedEntryInTheMiddleChangesNothing() throws Exception {
    try (Replica r = DuckReplica.open(0, dir.resolve("r.duckdb"), null)) {
      r.apply(1, 1, batch().longs("cpu", tags("host", "a"), 1000, 1).bytes());
      List<String> before = ReplicaDump.of(r);
      byte[] good = batch().longs("cpu", tags("host", "a"), 2000, 2).longs("new", tags("k", "v"), 1, 1)
        .doubles("new2", tags("k", "v"), 1, 1).bytes();
      byte[] truncated = Arrays.copyOf(good, good.length - 3);
      byte[] wrongKind = good.clone();
      wrongKind[1] = 9;

      for (byte[] bad : List.of(truncated, wrongKind, new byte[0], Arrays.copyOf(good, 20))) {
        assertThatThrownBy(() -> r.apply(1, 2, bad)).isInstanceOf(MalformedEntryException.class);
      }
      assertThatThrownBy(() -> r.apply(1, 2, new WatermarkEntry("c", 3, 1).encode()))
        .isInstanceOf(MalformedEntryException.class);

      assertThat(ReplicaDump.of(r)).isEqualTo(before);
      assertThat(r.lastApplied()).isEqualTo(new TermIndex(1, 1));
      assertThat(r.catalog().metricNames()).containsExactly("cpu");
      r.apply(1, 2, good);
      assertThat(r.catalog().seriesOf("new")).extracting(SeriesInfo::sid).containsExactly(1);
    }
  }

  @Test
  void failingDuckDbWriteRollsBackTheWholeEntryAndTheReplicaRecovers() throws Exception {
    try (Replica r = DuckReplica.open(0, dir.resolve("r.duckdb"), null)) {
      r.apply(1, 1, batch().longs("cpu", tags("host", "a"), 1000, 1).bytes());
      List<String> before = ReplicaDump.of(r);
      try (Connection c = r.openReader(); Statement s = c.createStatement()) {
        s.execute("DROP TABLE points_string");
      }
      byte[] entry = batch().longs("cpu", tags("host", "a"), 2000, 2).longs("new", tags("k", "v"), 1, 1)
        .strings("text", tags("k", "v"), 1, "x").bytes();

      assertThatThrownBy(() -> r.apply(1, 2, entry)).isInstanceOf(StoreException.class);

      assertThat(r.lastApplied()).isEqualTo(new TermIndex(1, 1));
      assertThat(r.catalog().metricNames()).containsExactly("cpu");
      try (Connection c = r.openReader(); Statement s = c.createStatement()) {
        s.execute(Schema.CREATE_POINTS_STRING);
      }
      assertThat(ReplicaDump.of(r)).isEqualTo(before);
      r.apply(1, 2, entry);
      assertThat(ReplicaDump.points(r, "points_long")).containsExactly("0|1000|1", "0|2000|2", "1|1|1");
      assertThat(ReplicaDump.points(r, "points_string")).containsExactly("2|1|x");
    }
  }

  @Test
  void watermarksNeverGoDown() {
    try (Replica r = DuckReplica.open(0, dir.resolve("r.duckdb"), null)) {
      r.apply(1, 1, new WatermarkEntry("cassandra", 0, 10).encode());
      r.apply(1, 2, new WatermarkEntry("cassandra", 0, 5).encode());
      r.apply(1, 3, new WatermarkEntry("export", 0, 1).encode());

      assertThat(r.watermarks()).isEqualTo(Map.of("cassandra", 10L, "export", 1L));
    }
  }
}
