package io.raftmetrics.store;

import io.raftmetrics.api.codec.MalformedEntryException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.raftmetrics.store.Entries.batch;
import static io.raftmetrics.store.Entries.delete;
import static io.raftmetrics.store.Entries.deleteMetric;
import static io.raftmetrics.store.Entries.tags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeleteApplyTest {

  @TempDir
  Path dir;
  private Replica replica;
  private long index;

  /** Series 0..4 of "cpu" (long) and one of "mem", each with points at 1000, 2000, 3000. */
  @BeforeEach
  void open() {
    replica = DuckReplica.open(0, dir.resolve("r.duckdb"), null);
    apply(batch()
      .longs("cpu", tags("host", "a", "dc", "x"), 1000, 1, 2000, 2, 3000, 3)
      .longs("cpu", tags("host", "b", "dc", "x"), 1000, 1, 2000, 2, 3000, 3)
      .longs("cpu", tags("host", "c", "dc", "y"), 1000, 1, 2000, 2, 3000, 3)
      .longs("cpu", tags("host", "web-10"), 1000, 1, 2000, 2, 3000, 3)
      .longs("cpu", tags("dc", "x"), 1000, 1, 2000, 2, 3000, 3)
      .longs("mem", tags("host", "a", "dc", "x"), 1000, 1, 2000, 2, 3000, 3).bytes());
  }

  @AfterEach
  void close() {
    replica.close();
  }

  private void apply(byte[] entry) {
    replica.apply(1, ++index, entry);
  }

  /** @return the sids of "cpu" that still have a point at ts */
  private List<Integer> sidsWithPointAt(long ts) throws Exception {
    return ReplicaDump.points(replica, "points_long").stream().map(r -> r.split("\\|"))
      .filter(r -> Long.parseLong(r[1]) == ts).map(r -> Integer.parseInt(r[0])).filter(s -> s < 5).toList();
  }

  @Test
  void valuesOfOneTagAreOredAndSeriesMustHaveTheTag() throws Exception {
    apply(delete("cpu", Map.of("host", List.of("a", "c")), 0, 10_000));

    assertThat(sidsWithPointAt(1000)).containsExactly(1, 3, 4);
  }

  @Test
  void tagsAreAndedAcrossNames() throws Exception {
    apply(delete("cpu", Map.of("host", List.of("a", "b", "c", "web-10"), "dc", List.of("x")), 0, 10_000));

    assertThat(sidsWithPointAt(1000)).containsExactly(2, 3, 4);
  }

  @Test
  void regexValuesMustMatchTheWholeTagValue() throws Exception {
    apply(delete("cpu", Map.of("host", List.of("regex:web-\\d+")), 0, 10_000));
    apply(delete("cpu", Map.of("host", List.of("regex:b")), 0, 1000));
    apply(delete("cpu", Map.of("host", List.of("regex:^")), 0, 10_000));

    assertThat(sidsWithPointAt(1000)).containsExactly(0, 2, 4);
    assertThat(sidsWithPointAt(2000)).containsExactly(0, 1, 2, 4);
  }

  @Test
  void rangeIsInclusiveAndPartialDeleteKeepsTheSeries() throws Exception {
    apply(delete("cpu", Map.of(), 2000, 3000));

    assertThat(sidsWithPointAt(1000)).containsExactly(0, 1, 2, 3, 4);
    assertThat(sidsWithPointAt(2000)).isEmpty();
    assertThat(sidsWithPointAt(3000)).isEmpty();
    assertThat(replica.catalog().seriesOf("cpu")).hasSize(5);
    assertThat(ReplicaDump.maxTs(replica, 0)).isEqualTo(1000);
    assertThat(ReplicaDump.points(replica, "points_long")).filteredOn(r -> r.startsWith("5|")).hasSize(3);
  }

  @Test
  void deletingEveryPointKeepsTheNameWithoutMaxTimestamp() throws Exception {
    apply(delete("mem", Map.of(), Long.MIN_VALUE, Long.MAX_VALUE - 1));

    assertThat(replica.catalog().metricNames()).containsExactly("cpu", "mem");
    assertThat(ReplicaDump.maxTs(replica, 5)).isEqualTo(Long.MIN_VALUE);
    apply(batch().longs("mem", tags("host", "a", "dc", "x"), 500, 9).bytes());
    assertThat(ReplicaDump.points(replica, "points_long")).filteredOn(r -> r.startsWith("5|")).containsExactly("5|500|9");
    assertThat(ReplicaDump.maxTs(replica, 5)).isEqualTo(500);
  }

  @Test
  void wholeMetricDeleteRemovesTheNameAndNewPointsGetNewSeries() throws Exception {
    apply(deleteMetric("cpu"));

    assertThat(replica.catalog().metricNames()).containsExactly("mem");
    assertThat(replica.catalog().seriesOf("cpu")).isEmpty();
    assertThat(replica.catalog().byId(0)).isNull();
    assertThat(ReplicaDump.points(replica, "points_long")).allMatch(r -> r.startsWith("5|"));

    apply(batch().longs("cpu", tags("host", "a", "dc", "x"), 7000, 7).bytes());
    assertThat(replica.catalog().seriesOf("cpu")).extracting(SeriesInfo::sid).containsExactly(6);
  }

  @Test
  void unknownMetricDeleteOnlyMovesThePosition() throws Exception {
    List<String> before = ReplicaDump.points(replica, "points_long");

    apply(deleteMetric("nope"));
    apply(delete("nope", Map.of("host", List.of("a")), 0, 5000));

    assertThat(replica.lastApplied().index()).isEqualTo(3);
    assertThat(ReplicaDump.points(replica, "points_long")).isEqualTo(before);
  }

  @Test
  void badRegexIsMalformedAndChangesNothing() throws Exception {
    List<String> before = ReplicaDump.of(replica);

    assertThatThrownBy(() -> replica.apply(1, 2, delete("cpu", Map.of("host", List.of("regex:(")), 0, 5000)))
      .isInstanceOf(MalformedEntryException.class);

    assertThat(ReplicaDump.of(replica)).isEqualTo(before);
    assertThat(replica.lastApplied().index()).isEqualTo(1);
  }
}
