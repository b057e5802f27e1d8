package io.raftmetrics.query;

import io.raftmetrics.api.query.Aggregate;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Aggregates computed naively in Java, to check DuckDB's answers against. */
final class Expected {

  private Expected() {
  }

  static Map<String, Object> aggregates(Collection<Dataset.Point> points, List<Aggregate> aggs) {
    double[] v = points.stream().mapToDouble(Dataset.Point::value).sorted().toArray();
    int n = v.length;
    Comparator<Dataset.Point> byTsThenSid = Comparator.comparingLong(Dataset.Point::ts)
      .thenComparingInt(Dataset.Point::sid);
    Map<String, Object> out = new LinkedHashMap<>();
    for (Aggregate a : aggs) {
      double sum = Arrays.stream(v).sum();
      Object value = switch (a) {
        case COUNT -> (long) n;
        case SUM -> n == 0 ? null : sum;
        case AVG -> n == 0 ? null : sum / n;
        case MIN -> n == 0 ? null : v[0];
        case MAX -> n == 0 ? null : v[n - 1];
        case FIRST -> points.stream().min(byTsThenSid).map(Dataset.Point::value).orElse(null);
        case LAST -> points.stream().max(byTsThenSid).map(Dataset.Point::value).orElse(null);
        case STDDEV -> n < 2 ? null : sampleStddev(v, sum / n);
        case P50, P90, P95, P99 -> n == 0 ? null : interpolated(v, a.quantile());
      };
      out.put(a.key(), value);
    }
    return out;
  }

  /** Linear interpolation between the closest ranks, as DuckDB's quantile_cont. */
  private static double interpolated(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = (int) Math.ceil(pos);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  private static double sampleStddev(double[] v, double mean) {
    double ss = 0;
    for (double x : v) {
      ss += (x - mean) * (x - mean);
    }
    return Math.sqrt(ss / (v.length - 1));
  }

  /** Asserts two aggregate maps are equal, doubles within a relative 1e-9. */
  static void assertSame(Map<String, Object> actual, Map<String, Object> expected) {
    assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
    expected.forEach((k, e) -> {
      Object a = actual.get(k);
      if (e == null || e instanceof Long) {
        assertThat(a).as(k).isEqualTo(e);
      } else {
        double x = (Double) e;
        assertThat((Double) a).as(k).isCloseTo(x, within(Math.max(1e-9, Math.abs(x) * 1e-9)));
      }
    });
  }
}
