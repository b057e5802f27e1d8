package io.raftmetrics.gateway.ingest;

import io.raftmetrics.api.ingest.IngestBatch;
import io.raftmetrics.api.ingest.IngestBatchReader;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ShardWritersTest {

  @Test
  void aFullBatchIsCutAndTheSeriesContinuesInTheNextOne() {
    int[] ids = {0};
    ShardWriters w = new ShardWriters(1, () -> new UUID(0, ids[0]++), 42L, 1000);
    TreeMap<String, String> tags = new TreeMap<>();
    tags.put("host", "a");
    w.select(0, "m", tags, 7);
    for (int i = 0; i < 500; i++) {
      w.addDouble(1_700_000_000_000L + i * 1000L, i);
    }
    List<IngestBatch> batches = w.finish();
    assertThat(batches.size()).isGreaterThan(3);
    List<Long> ts = new ArrayList<>();
    for (int b = 0; b < batches.size(); b++) {
      IngestBatch batch = batches.get(b);
      assertThat(batch.bytes().length).isLessThan(1000 + 64);
      assertThat(batch.batchId()).isEqualTo(new UUID(0, b));
      IngestBatchReader r = batch.reader();
      while (r.nextSeries()) {
        assertThat(r.metric()).isEqualTo("m");
        assertThat(r.tagKeys()).containsExactly("host");
        assertThat(r.ttlSeconds()).isEqualTo(7);
        while (r.nextPoint()) {
          assertThat(r.doubleValue()).isEqualTo(ts.size());
          ts.add(r.timestamp());
        }
      }
    }
    assertThat(ts).hasSize(500);
    assertThat(ts.get(499)).isEqualTo(1_700_000_000_000L + 499_000L);
  }
}
