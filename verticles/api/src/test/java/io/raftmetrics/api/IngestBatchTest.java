package io.raftmetrics.api;

import io.raftmetrics.api.codec.MalformedEntryException;
import io.raftmetrics.api.ingest.DataType;
import io.raftmetrics.api.ingest.IngestBatch;
import io.raftmetrics.api.ingest.IngestBatchReader;
import io.raftmetrics.api.ingest.IngestBatchWriter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IngestBatchTest {

  private static TreeMap<String, String> tags(String... kv) {
    TreeMap<String, String> t = new TreeMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      t.put(kv[i], kv[i + 1]);
    }
    return t;
  }

  private static List<String> decode(IngestBatch b) {
    List<String> out = new ArrayList<>();
    IngestBatchReader r = b.reader();
    while (r.nextSeries()) {
      String head = r.metric() + Arrays.toString(r.tagKeys()) + Arrays.toString(r.tagValues()) + r.type() + " ttl="
        + r.ttlSeconds();
      while (r.nextPoint()) {
        Object v = switch (r.type()) {
          case LONG -> r.longValue();
          case DOUBLE -> r.doubleValue();
          default -> r.stringValue();
        };
        out.add(head + " " + r.timestamp() + "=" + v);
      }
    }
    return out;
  }

  @Test
  void pointsRoundTripWithTheirSeriesTypesAndTtls() {
    UUID id = UUID.randomUUID();
    IngestBatchWriter w = new IngestBatchWriter(id, 42L, 3);
    w.startMetric("cpu", tags("host", "a", "dc", "é:x=y"), 0)
      .addLong(Long.MIN_VALUE, Long.MAX_VALUE).addLong(-1, -1).addDouble(5, -0.0).addDouble(6, Double.MIN_VALUE)
      .addString(7, "\u0000 ü日本").endMetric();
    w.startMetric("m", tags(), 300).addLong(1_700_000_000_000L, 0).endMetric();
    IngestBatch b = w.finish();

    assertThat(b.batchId()).isEqualTo(id);
    assertThat(b.createdAtMs()).isEqualTo(42L);
    assertThat(b.shard()).isEqualTo(3);
    assertThat(b.pointCount()).isEqualTo(6);
    assertThat(b.seriesCount()).isEqualTo(4);
    assertThat(decode(b)).containsExactly(
      "cpu[dc, host][é:x=y, a]LONG ttl=0 " + Long.MIN_VALUE + "=" + Long.MAX_VALUE,
      "cpu[dc, host][é:x=y, a]LONG ttl=0 -1=-1",
      "cpu[dc, host][é:x=y, a]DOUBLE ttl=0 5=-0.0",
      "cpu[dc, host][é:x=y, a]DOUBLE ttl=0 6=4.9E-324",
      "cpu[dc, host][é:x=y, a]STRING ttl=0 7=\u0000 ü日本",
      "m[][]LONG ttl=300 1700000000000=0");
    // the same bytes travel on the wire and into the log: wrapping them again reads the same points
    assertThat(decode(IngestBatch.wrap(b.bytes()))).isEqualTo(decode(b));
  }

  @Test
  void interleavedTypesOfOneContextMakeOneBlockPerTypeInPointOrder() {
    IngestBatchWriter w = new IngestBatchWriter(UUID.randomUUID(), 0, 0);
    w.startMetric("g", tags("h", "a"), 0).addDouble(1, 0.5).addLong(2, 2).addDouble(3, 3.5).addString(4, "x")
      .addLong(5, 5).addDouble(6, 6.5).addLong(7, 7);
    assertThat(w.pointCount()).isEqualTo(7);
    w.startMetric("m", tags(), 60).addLong(8, 8).addDouble(9, 9.5);
    IngestBatch b = w.finish();

    assertThat(b.pointCount()).isEqualTo(9);
    assertThat(b.seriesCount()).isEqualTo(5);
    assertThat(decode(b)).containsExactly(
      "g[h][a]DOUBLE ttl=0 1=0.5", "g[h][a]DOUBLE ttl=0 3=3.5", "g[h][a]DOUBLE ttl=0 6=6.5",
      "g[h][a]LONG ttl=0 2=2", "g[h][a]LONG ttl=0 5=5", "g[h][a]LONG ttl=0 7=7",
      "g[h][a]STRING ttl=0 4=x",
      "m[][]LONG ttl=60 8=8", "m[][]DOUBLE ttl=60 9=9.5");
  }

  @Test
  void aSeriesIdentityIsItsEncodedBytesWithoutTheTtl() {
    IngestBatchWriter w = new IngestBatchWriter(UUID.randomUUID(), 0, 0);
    w.startMetric("cpu", tags("host", "a"), 0).addDouble(1, 1).endMetric();
    w.startMetric("cpu", tags("host", "a"), 60).addDouble(2, 2).endMetric();
    IngestBatchReader r = w.finish().reader();
    byte[] expected = IngestBatchWriter.seriesKey("cpu", new String[] {"host"}, new String[] {"a"}, DataType.DOUBLE);
    int n = 0;
    while (r.nextSeries()) {
      byte[] key = Arrays.copyOfRange(r.array(), r.seriesKeyOffset(), r.seriesKeyOffset() + r.seriesKeyLength());
      assertThat(key).isEqualTo(expected);
      n++;
    }
    assertThat(n).isEqualTo(2);
    assertThat(IngestBatchWriter.seriesKey("cpu", new String[] {"host"}, new String[] {"a"}, DataType.LONG))
      .isNotEqualTo(expected);
  }

  @Test
  void truncatedOrForeignBytesAreRefusedNotMisread() {
    IngestBatchWriter w = new IngestBatchWriter(UUID.randomUUID(), 0, 0);
    w.startMetric("cpu", tags("host", "a"), 0).addString(1, "some text").endMetric();
    byte[] full = w.finish().bytes();
    for (int cut = 0; cut < full.length; cut++) {
      byte[] part = Arrays.copyOf(full, cut);
      assertThatThrownBy(() -> decode(IngestBatch.wrap(part))).as("cut at " + cut)
        .isInstanceOf(MalformedEntryException.class);
    }
    byte[] other = full.clone();
    other[0] = 9;
    assertThatThrownBy(() -> IngestBatch.wrap(other)).isInstanceOf(MalformedEntryException.class);
  }

  @Test
  void aNegativeTtlCannotBeWritten() {
    IngestBatchWriter w = new IngestBatchWriter(UUID.randomUUID(), 0, 0);
    assertThatThrownBy(() -> w.startMetric("m", tags("a", "b"), -1)).isInstanceOf(IllegalArgumentException.class);
  }
}
