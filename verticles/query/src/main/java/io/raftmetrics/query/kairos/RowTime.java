package io.raftmetrics.query.kairos;

/**
 * KairosDB's Cassandra row geometry, which decides two visible things: {@code limit} applies per row (a series'
 * points within one 3-week row), and a series whose row overlaps the query is reported even when none of its points
 * falls inside the query (its tags count). {@code rowTime = ts - |ts| % width}, which is not a floor for negative
 * timestamps.
 */
final class RowTime {

  /** KairosDB's row width: 3 weeks in ms. */
  static final long WIDTH = 1_814_400_000L;

  /** The row time of a timestamp, in SQL over column {@code ts}. */
  static final String SQL = "CASE WHEN ts >= 0 OR ts = -9223372036854775808 THEN ts - ts % " + WIDTH
    + " ELSE ts + ts % " + WIDTH + " END";

  private RowTime() {
  }

  static long of(long ts) {
    return ts - (Math.abs(ts) % WIDTH);
  }

  /** The last timestamp a row starting at or before {@code rowTime} can hold, saturating. */
  static long lastTs(long rowTime) {
    long last = rowTime + WIDTH - 1;
    return last < rowTime ? Long.MAX_VALUE : last;
  }
}
