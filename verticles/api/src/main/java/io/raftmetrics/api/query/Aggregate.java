package io.raftmetrics.api.query;

/**
 * The aggregates of the simple analytics API. Percentiles are exact (computed over every point, with linear
 * interpolation between closest ranks); {@code stddev} is the sample standard deviation.
 */
public enum Aggregate {
  AVG("avg"), MIN("min"), MAX("max"), SUM("sum"), COUNT("count"),
  P50("p50"), P90("p90"), P95("p95"), P99("p99"),
  FIRST("first"), LAST("last"), STDDEV("stddev");

  private final String key;

  Aggregate(String key) {
    this.key = key;
  }

  /** @return the name used in requests and responses */
  public String key() {
    return key;
  }

  /** @return the fraction for percentiles, or NaN for other aggregates */
  public double quantile() {
    switch (this) {
      case P50: return 0.5;
      case P90: return 0.9;
      case P95: return 0.95;
      case P99: return 0.99;
      default: return Double.NaN;
    }
  }

  /** @return the aggregate with that name, or null */
  public static Aggregate of(String key) {
    for (Aggregate a : values()) {
      if (a.key.equals(key)) {
        return a;
      }
    }
    return null;
  }
}
