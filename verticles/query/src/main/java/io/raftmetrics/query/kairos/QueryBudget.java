package io.raftmetrics.query.kairos;

/**
 * The limits of one query: points read from the store ({@code query.max_points_scanned}), points an aggregator may
 * produce, and wall time ({@code query.max_query_ms}). Crossing one ends the query with
 * {@code ErrorCode.LIMIT_EXCEEDED} and a message starting with "Query exceeded".
 */
final class QueryBudget {

  private final long maxPoints;
  private final long maxMs;
  private final long deadline;

  QueryBudget(long maxPoints, long maxMs) {
    this.maxPoints = maxPoints;
    this.maxMs = maxMs;
    this.deadline = System.nanoTime() + maxMs * 1_000_000L;
  }

  /** @param total points read so far */
  void scanned(long total) {
    if (total > maxPoints) {
      throw KairosQueryException.limit("Query exceeded the limit of " + maxPoints
        + " data points scanned (query.max_points_scanned); narrow the time range or the tags");
    }
  }

  /** @param size points produced so far by one aggregator */
  void produced(long size) {
    if (size > maxPoints) {
      throw KairosQueryException.limit("Query exceeded the limit of " + maxPoints
        + " data points produced by an aggregator (query.max_points_scanned)");
    }
  }

  void checkTime() {
    if (System.nanoTime() > deadline) {
      throw timeExceeded();
    }
  }

  /** @return the time left, at least 1 s, for a statement's time limit */
  int remainingSeconds() {
    long ms = (deadline - System.nanoTime()) / 1_000_000L;
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (ms + 999) / 1000));
  }

  KairosQueryException timeExceeded() {
    return KairosQueryException.limit("Query exceeded the time limit of " + maxMs + " ms (query.max_query_ms)");
  }
}
