package io.raftmetrics.query;

import io.raftmetrics.api.ingest.DataType;
import io.raftmetrics.api.ingest.IngestBatchWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The points the query tests store, kept in memory too so that expected answers are computed independently of
 * DuckDB. Series ids follow creation order: the order of {@link #SERIES}.
 */
final class Dataset {

  static final long T0 = 1_700_000_000_000L;

  /** A stored point of a numeric series, with its series' id and tags. */
  record Point(int sid, Map<String, String> tags, long ts, double value) {
  }

  record Series(String metric, Map<String, String> tags, DataType type) {
  }

  static final List<Series> SERIES = List.of(
    new Series("cpu", Map.of("host", "a", "dc", "x"), DataType.DOUBLE),
    new Series("cpu", Map.of("host", "b", "dc", "x"), DataType.LONG),
    new Series("cpu", Map.of("host", "c"), DataType.DOUBLE),
    new Series("cpu", Map.of("host", "a", "dc", "y"), DataType.DOUBLE),
    new Series("cpu", Map.of("host", "a", "dc", "x"), DataType.STRING),
    new Series("neg", Map.of("k", "v"), DataType.LONG));

  private Dataset() {
  }

  /** @return every numeric point of a metric */
  static List<Point> points(String metric) {
    List<Point> out = new ArrayList<>();
    for (int sid = 0; sid < SERIES.size(); sid++) {
      Series s = SERIES.get(sid);
      if (!s.metric().equals(metric) || s.type() == DataType.STRING) {
        continue;
      }
      for (long[] tv : values(sid)) {
        out.add(new Point(sid, s.tags(), tv[0], s.type() == DataType.LONG ? tv[1] : Double.longBitsToDouble(tv[1])));
      }
    }
    return out;
  }

  /** (timestamp, value) pairs; doubles are carried as raw bits. */
  private static List<long[]> values(int sid) {
    List<long[]> out = new ArrayList<>();
    switch (sid) {
      case 0 -> {
        for (int i = 0; i < 200; i++) {
          out.add(new long[] {T0 + i * 7_000L, Double.doubleToRawLongBits((i * 37 % 101) / 3.0)});
        }
      }
      case 1 -> {
        for (int i = 0; i < 150; i++) {
          out.add(new long[] {T0 + i * 11_000L, (i * 53 % 97) - 40});
        }
      }
      case 2 -> {
        for (int i = 0; i < 100; i++) {
          out.add(new long[] {T0 + 3_500 + i * 13_000L, Double.doubleToRawLongBits(i * 0.25)});
        }
      }
      case 3 -> {
        for (int i = 0; i < 200; i++) {
          out.add(new long[] {T0 + i * 7_000L, Double.doubleToRawLongBits((i * 17 % 23) * 1.5)});
        }
      }
      case 5 -> {
        for (int i = 0; i < 15; i++) {
          out.add(new long[] {-150_000 + i * 20_000L, i});
        }
      }
      default -> {
      }
    }
    return out;
  }

  /** @return the log entries storing the dataset: one batch per series, in series order */
  static List<byte[]> entries() {
    List<byte[]> out = new ArrayList<>();
    for (int sid = 0; sid < SERIES.size(); sid++) {
      Series s = SERIES.get(sid);
      IngestBatchWriter w = new IngestBatchWriter(UUID.randomUUID(), 0, 0);
      w.startMetric(s.metric(), new TreeMap<>(s.tags()), 0);
      if (s.type() == DataType.STRING) {
        w.addString(T0 + 1_393_000, "late-text").addString(T0, "early-text");
      }
      for (long[] tv : values(sid)) {
        if (s.type() == DataType.LONG) {
          w.addLong(tv[0], tv[1]);
        } else {
          w.addDouble(tv[0], Double.longBitsToDouble(tv[1]));
        }
      }
      out.add(w.endMetric().finish().bytes());
    }
    return out;
  }
}
