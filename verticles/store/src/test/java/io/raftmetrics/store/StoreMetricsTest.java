package io.raftmetrics.store;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.raftmetrics.api.log.WatermarkEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.raftmetrics.store.Entries.batch;
import static io.raftmetrics.store.Entries.tags;
import static org.assertj.core.api.Assertions.assertThat;

class StoreMetricsTest {

  @TempDir
  Path dir;

  @Test
  void publishesPointsLatencySeriesAndSizeAndRemovesThemOnClose() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (Replica r = DuckReplica.open(3, dir.resolve("r.duckdb"), registry)) {
      r.apply(1, 1, batch().longs("cpu", tags("host", "a"), 1, 1, 2, 2).doubles("load", tags("host", "a"), 1, 1).bytes());
      r.apply(1, 2, new WatermarkEntry("c", 3, 1).encode());

      assertThat(registry.get("raftmetrics.store.points.applied").tag("shard", "3").counter().count()).isEqualTo(3);
      assertThat(registry.get("raftmetrics.store.apply.latency").tag("kind", "ingest").timer().count()).isEqualTo(1);
      assertThat(registry.get("raftmetrics.store.apply.latency").tag("kind", "watermark").timer().count()).isEqualTo(1);
      assertThat(registry.get("raftmetrics.store.series").gauge().value()).isEqualTo(2);
      assertThat(registry.get("raftmetrics.store.db.size").gauge().value()).isPositive();
    }
    assertThat(registry.getMeters()).isEmpty();
  }
}
