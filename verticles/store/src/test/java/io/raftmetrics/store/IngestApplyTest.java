package io.raftmetrics.store;

import io.raftmetrics.api.ingest.DataType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static io.raftmetrics.store.Entries.batch;
import static io.raftmetrics.store.Entries.tags;
import static org.assertj.core.api.Assertions.assertThat;

class IngestApplyTest {

  @TempDir
  Path dir;
  private Replica replica;

  @BeforeEach
  void open() {
    replica = DuckReplica.open(0, dir.resolve("shard-0.duckdb"), null);
  }

  @AfterEach
  void close() {
    replica.close();
  }

  @Test
  void appendsAndReadsBack() throws Exception {
    ApplyOutcome out = replica.apply(1, 1, batch()
      .longs("cpu", tags("host", "a"), 1000, 1, 2000, 2)
      .doubles("load", tags("host", "a", "dc", "x"), 1000, 0.5)
      .strings("state", tags("host", "a"), 1500, "up").bytes());

    assertThat(out).isEqualTo(new ApplyOutcome(4, false, 3));
    assertThat(replica.lastApplied()).isEqualTo(new TermIndex(1, 1));
    assertThat(ReplicaDump.points(replica, "points_long")).containsExactly("0|1000|1", "0|2000|2");
    assertThat(ReplicaDump.points(replica, "points_double")).containsExactly("1|1000|0.5");
    assertThat(ReplicaDump.points(replica, "points_string")).containsExactly("2|1500|up");
    SeriesCatalog catalog = replica.catalog();
    assertThat(catalog.metricNames()).containsExactly("cpu", "load", "state");
    assertThat(catalog.seriesOf("load")).singleElement().satisfies(s -> {
      assertThat(s.tags()).containsExactly(java.util.Map.entry("dc", "x"), java.util.Map.entry("host", "a"));
      assertThat(s.type()).isEqualTo(DataType.DOUBLE);
    });
    assertThat(ReplicaDump.maxTs(replica, 0)).isEqualTo(2000);
  }

  @Test
  void sameTimestampKeepsTheLastValueWithinABatch() throws Exception {
    replica.apply(1, 1, batch()
      .longs("cpu", tags("host", "a"), 1000, 1, 2000, 2, 1000, 3, 3000, 4, 2000, 5, 2000, 6).bytes());

    assertThat(ReplicaDump.points(replica, "points_long")).containsExactly("0|1000|3", "0|2000|6", "0|3000|4");
  }

  @Test
  void sameTimestampKeepsTheLastValueAcrossBatches() throws Exception {
    replica.apply(1, 1, batch().longs("cpu", tags("host", "a"), 1000, 1, 2000, 2, 3000, 3).bytes());
    replica.apply(1, 2, batch().longs("cpu", tags("host", "a"), 2000, 20, 500, 5, 4000, 40).bytes());
    replica.apply(1, 3, batch().longs("cpu", tags("host", "a"), 4000, 400).bytes());

    assertThat(ReplicaDump.points(replica, "points_long"))
      .containsExactly("0|500|5", "0|1000|1", "0|2000|20", "0|3000|3", "0|4000|400");
    assertThat(ReplicaDump.maxTs(replica, 0)).isEqualTo(4000);
  }

  @Test
  void sameSeriesInTwoBlocksOfOneBatchKeepsTheLaterBlock() throws Exception {
    replica.apply(1, 1, batch()
      .longs("cpu", tags("host", "a"), 1000, 1, 2000, 2)
      .longs("cpu", tags("host", "b"), 1000, 7)
      .longs("cpu", tags("host", "a"), 2000, 22, 1500, 15).bytes());

    assertThat(ReplicaDump.points(replica, "points_long"))
      .containsExactly("0|1000|1", "0|1500|15", "0|2000|22", "1|1000|7");
  }

  @Test
  void longAndDoubleOfTheSameTagsAreDifferentSeries() throws Exception {
    replica.apply(1, 1, batch()
      .longs("m", tags("host", "a"), 1000, 1)
      .doubles("m", tags("host", "a"), 1000, 1.5).bytes());

    assertThat(replica.catalog().seriesOf("m")).extracting(SeriesInfo::type)
      .containsExactly(DataType.LONG, DataType.DOUBLE);
    assertThat(ReplicaDump.points(replica, "points_long")).containsExactly("0|1000|1");
    assertThat(ReplicaDump.points(replica, "points_double")).containsExactly("1|1000|1.5");
  }

  @Test
  void replayedIndexIsSkipped() throws Exception {
    byte[] entry = batch().longs("cpu", tags("host", "a"), 1000, 1).bytes();
    replica.apply(1, 1, entry);
    byte[] other = batch().longs("cpu", tags("host", "a"), 1000, 99).bytes();

    assertThat(replica.apply(1, 1, entry)).isEqualTo(ApplyOutcome.SKIPPED);
    assertThat(replica.apply(1, 1, other)).isEqualTo(ApplyOutcome.SKIPPED);
    assertThat(ReplicaDump.points(replica, "points_long")).containsExactly("0|1000|1");
  }

  @Test
  void retriedBatchIdIsSkippedButAdvancesThePosition() throws Exception {
    UUID id = UUID.randomUUID();
    replica.apply(1, 1, batch(id).doubles("cpu", tags("host", "a"), 1000, 1, 2000, 2).bytes());
    replica.apply(1, 2, batch().doubles("cpu", tags("host", "a"), 3000, 3).bytes());

    ApplyOutcome retry = replica.apply(2, 3, batch(id).doubles("cpu", tags("host", "a"), 1000, 1, 2000, 2).bytes());

    assertThat(retry.duplicate()).isTrue();
    assertThat(retry.points()).isZero();
    assertThat(replica.lastApplied()).isEqualTo(new TermIndex(2, 3));
    assertThat(ReplicaDump.points(replica, "points_double")).containsExactly("0|1000|1.0", "0|2000|2.0", "0|3000|3.0");
  }

  @Test
  void batchIdIsForgottenOutsideTheWindow() throws Exception {
    UUID id = UUID.randomUUID();
    replica.apply(1, 1, batch(id).longs("cpu", tags("host", "a"), 1000, 1).bytes());

    ApplyOutcome inside = replica.apply(1, Schema.BATCH_ID_WINDOW, batch(id).longs("cpu", tags("host", "a"), 1000, 2).bytes());
    ApplyOutcome outside = replica.apply(1, Schema.BATCH_ID_WINDOW + 1,
      batch(id).longs("cpu", tags("host", "a"), 1000, 3).bytes());

    assertThat(inside.duplicate()).isTrue();
    assertThat(outside.duplicate()).isFalse();
    assertThat(ReplicaDump.points(replica, "points_long")).containsExactly("0|1000|3");
  }

  @Test
  void batchIdsFarBehindTheWindowArePurgedFromTheTable() throws Exception {
    UUID old = UUID.randomUUID();
    UUID recent = UUID.randomUUID();
    replica.apply(1, 1, batch(old).longs("cpu", tags("host", "a"), 1000, 1).bytes());
    replica.apply(1, 2 * Schema.BATCH_ID_WINDOW, batch(recent).longs("cpu", tags("host", "a"), 2000, 2).bytes());

    assertThat(ReplicaDump.of(replica)).filteredOn(r -> r.startsWith("batch|"))
      .containsExactly("batch|" + recent.getMostSignificantBits() + "|" + recent.getLeastSignificantBits() + "|"
        + 2 * Schema.BATCH_ID_WINDOW + "|");
    assertThat(replica.apply(1, 2 * Schema.BATCH_ID_WINDOW + 1, batch(recent).longs("cpu", tags("host", "a"), 3, 3)
      .bytes()).duplicate()).isTrue();
  }

  @Test
  void negativeAndExtremeTimestampsAreStored() throws Exception {
    replica.apply(1, 1, batch().longs("t", tags("k", "v"), -5000, 1, 0, 2, Long.MAX_VALUE, 3).bytes());
    replica.apply(1, 2, batch().longs("t", tags("k", "v"), Long.MIN_VALUE, 4, -5000, 5).bytes());

    assertThat(ReplicaDump.points(replica, "points_long")).containsExactly(
      "0|" + Long.MIN_VALUE + "|4", "0|-5000|5", "0|0|2", "0|" + Long.MAX_VALUE + "|3");
  }

  @Test
  void markAppliedMovesThePositionOnly() throws Exception {
    replica.apply(1, 1, batch().longs("cpu", tags("host", "a"), 1000, 1).bytes());
    List<String> before = ReplicaDump.points(replica, "points_long");

    replica.markApplied(2, 5);
    replica.markApplied(2, 4);

    assertThat(replica.lastApplied()).isEqualTo(new TermIndex(2, 5));
    assertThat(ReplicaDump.points(replica, "points_long")).isEqualTo(before);
  }
}
