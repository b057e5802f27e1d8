package io.raftmetrics.store;

import io.raftmetrics.api.ingest.DataType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryCatalogTest {

  private static SeriesInfo series(int sid, String metric) {
    return new SeriesInfo(sid, metric, new TreeMap<>(), DataType.LONG);
  }

  @Test
  void namesAreSortedAndFilteredByPrefix() {
    MemoryCatalog c = new MemoryCatalog();
    c.addAll(List.of(series(0, "sys.cpu"), series(1, "app.req"), series(2, "sys.load"), series(3, "sys"),
      series(4, "sysz")));

    assertThat(c.metricNames()).containsExactly("app.req", "sys", "sys.cpu", "sys.load", "sysz");
    assertThat(c.metricNames("sys.")).containsExactly("sys.cpu", "sys.load");
    assertThat(c.metricNames("")).hasSize(5);
    assertThat(c.metricNames("zzz")).isEmpty();
  }

  @Test
  void replaceAllKeepsCommonSeriesAndDropsTheRest() {
    MemoryCatalog c = new MemoryCatalog();
    c.addAll(List.of(series(0, "a"), series(1, "a"), series(2, "b")));

    c.replaceAll(List.of(series(1, "a"), series(3, "c")));

    assertThat(c.metricNames()).containsExactly("a", "c");
    assertThat(c.seriesOf("a")).extracting(SeriesInfo::sid).containsExactly(1);
    assertThat(c.byId(0)).isNull();
    assertThat(c.byId(2)).isNull();
    assertThat(c.seriesCount()).isEqualTo(2);
  }
}
