package io.raftmetrics.query;

import io.raftmetrics.api.query.Aggregate;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Mergeable state of the decomposable aggregates over a set of points: DuckDB computes it per (group, window) and
 * coarser levels (per group, per window, overall) are merged here, so one scan serves every level. Variance merges
 * with Chan et al.'s pairwise formula; first and last carry their (timestamp, sid) key so ties resolve the same way
 * at every level.
 */
final class Partial {

  long count;
  double sum;
  double min = Double.POSITIVE_INFINITY;
  double max = Double.NEGATIVE_INFINITY;
  double mean;
  double m2;
  BigInteger firstKey;
  double first;
  BigInteger lastKey;
  double last;

  void merge(Partial o) {
    if (o.count == 0) {
      return;
    }
    long n = count + o.count;
    double delta = o.mean - mean;
    m2 = m2 + o.m2 + delta * delta * ((double) count * o.count / n);
    mean = mean + delta * o.count / n;
    count = n;
    sum += o.sum;
    min = Math.min(min, o.min);
    max = Math.max(max, o.max);
    if (o.firstKey != null && (firstKey == null || o.firstKey.compareTo(firstKey) < 0)) {
      firstKey = o.firstKey;
      first = o.first;
    }
    if (o.lastKey != null && (lastKey == null || o.lastKey.compareTo(lastKey) > 0)) {
      lastKey = o.lastKey;
      last = o.last;
    }
  }

  /**
   * @param aggs aggregates wanted, in output order
   * @param quantiles percentile values of the same points, by aggregate, or empty
   * @return aggregate name to value: {@code count} a Long, others a Double, null where undefined
   */
  Map<String, Object> values(Set<Aggregate> aggs, Map<Aggregate, Double> quantiles) {
    Map<String, Object> out = new LinkedHashMap<>();
    boolean none = count == 0;
    for (Aggregate a : aggs) {
      Object v = switch (a) {
        case COUNT -> count;
        case AVG -> none ? null : sum / count;
        case SUM -> none ? null : sum;
        case MIN -> none ? null : min;
        case MAX -> none ? null : max;
        case FIRST -> none ? null : first;
        case LAST -> none ? null : last;
        case STDDEV -> count < 2 ? null : Math.sqrt(m2 / (count - 1));
        case P50, P90, P95, P99 -> none ? null : quantiles.get(a);
      };
      out.put(a.key(), v);
    }
    return out;
  }
}
