package io.raftmetrics.cassandra.write;

import io.raftmetrics.api.ingest.IngestBatch;
import io.raftmetrics.api.ingest.IngestBatchWriter;
import io.raftmetrics.cassandra.CassandraConfig;
import io.raftmetrics.cassandra.kairos.RowSpec;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** KairosDB's TTL rules (BatchHandler), index decisions and per-cell de-duplication, without Cassandra. */
class WritePlannerTest {

  private static final long NOW = 1_700_000_000_000L;

  private static WritePlanner planner(int defaultTtl, boolean align, boolean force) {
    return new WritePlanner(RowSpec.DEFAULT, new CassandraConfig.Ttl(defaultTtl, align, force), new IndexCache(10, 10));
  }

  @Test
  void defaultTtlReplacesZeroAndForceReplacesEverything() {
    assertThat(planner(0, false, false).effectiveTtl(0, NOW, NOW)).isZero();
    assertThat(planner(3600, false, false).effectiveTtl(0, NOW, NOW)).isEqualTo(3600);
    assertThat(planner(3600, false, false).effectiveTtl(60, NOW, NOW)).isEqualTo(60);
    assertThat(planner(3600, false, true).effectiveTtl(60, NOW, NOW)).isEqualTo(3600);
  }

  @Test
  void alignedTtlSubtractsTheAgeAndDropsWhatIsDeadOrTooLong() {
    WritePlanner p = planner(3600, true, false);
    assertThat(p.effectiveTtl(0, NOW - 600_000, NOW)).isEqualTo(3000);
    assertThat(p.effectiveTtl(0, NOW - 3_600_000, NOW)).isEqualTo(-1);
    assertThat(p.effectiveTtl(0, Long.MIN_VALUE, NOW)).isEqualTo(-1);
    assertThat(p.effectiveTtl(0, Long.MAX_VALUE, NOW)).isEqualTo(-1);
    assertThat(planner(0, true, false).effectiveTtl(0, NOW, NOW)).as("ttl 0 with align drops every point")
      .isEqualTo(-1);
  }

  @Test
  void indexRowsOutliveTheirDataByOneRowWidth() {
    WritePlanner p = planner(0, false, false);
    assertThat(p.rowKeyTtl(0)).isZero();
    assertThat(p.rowKeyTtl(86400)).isEqualTo(86400 + 1814400);
    assertThat(p.rowKeyTtl(CassandraConfig.MAX_TTL_SECONDS - 10)).isEqualTo(CassandraConfig.MAX_TTL_SECONDS);
  }

  @Test
  void planGroupsByPartitionKeepsTheLastValueOfACellAndSkipsKnownIndexRows() {
    IndexCache cache = new IndexCache(10, 10);
    WritePlanner p = new WritePlanner(RowSpec.DEFAULT, new CassandraConfig.Ttl(0, false, false), cache);
    TreeMap<String, String> tags = new TreeMap<>();
    tags.put("host", "a");
    IngestBatchWriter w = new IngestBatchWriter(UUID.randomUUID(), NOW, 0);
    w.startMetric("m", tags, 0).addLong(NOW, 1).addLong(NOW + 1, 2).addLong(NOW, 3).endMetric();
    IngestBatch batch = w.finish();
    WritePlan plan = new WritePlan();
    p.add(plan, batch, NOW);
    assertThat(plan.partitions).hasSize(1);
    WritePlan.Partition part = plan.partitions.values().iterator().next();
    part.dedupe();
    assertThat(part.size).isEqualTo(2);
    int first = part.columns[0] == RowSpec.DEFAULT.columnName(RowSpec.DEFAULT.rowTime(NOW), NOW) ? 0 : 1;
    assertThat(part.values[first]).as("the later value 3, zig-zag encoded").containsExactly(6);
    assertThat(plan.newMetricNames).containsExactly("m");
    assertThat(part.index).isNotNull();

    cache.addRowKey(part.key, 0, NOW);
    cache.addMetricName("m");
    WritePlan again = new WritePlan();
    p.add(again, batch, NOW);
    assertThat(again.partitions.values().iterator().next().index).isNull();
    assertThat(again.newMetricNames).isEmpty();

    cache.forgetMetric("m".getBytes(), "m");
    assertThat(cache.hasRowKey(part.key, NOW)).isFalse();
    assertThat(cache.hasMetricName("m")).isFalse();
  }

  @Test
  void cachedRowKeysWithATtlAreRewrittenHalfWay() {
    IndexCache cache = new IndexCache(10, 10);
    ByteBuffer key = ByteBuffer.wrap(new byte[] {1, 2, 3});
    cache.addRowKey(key, 1000, NOW);
    assertThat(cache.hasRowKey(key, NOW + 499_000)).isTrue();
    assertThat(cache.hasRowKey(key, NOW + 500_000)).isFalse();
  }
}
