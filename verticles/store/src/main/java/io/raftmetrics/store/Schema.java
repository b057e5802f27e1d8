package io.raftmetrics.store;

/**
 * The DuckDB schema of a replica. Timestamps are epoch milliseconds as BIGINT; series are dictionary-encoded (a small
 * {@code series} table, points reference its {@code sid}); each value type has its own narrow table so numeric scans
 * stay columnar and long values stay exact.
 */
public final class Schema {

  private Schema() {
  }

  /** Layout version stored in {@code replica_state}; a replica with another version is refused. */
  public static final int VERSION = 1;

  public static final String CREATE_SERIES =
    "CREATE TABLE IF NOT EXISTS series (sid INTEGER PRIMARY KEY, metric VARCHAR NOT NULL, "
      + "tags MAP(VARCHAR, VARCHAR) NOT NULL, type TINYINT NOT NULL, max_ts BIGINT NOT NULL)";
  public static final String CREATE_POINTS_LONG =
    "CREATE TABLE IF NOT EXISTS points_long (sid INTEGER NOT NULL, ts BIGINT NOT NULL, v BIGINT NOT NULL)";
  public static final String CREATE_POINTS_DOUBLE =
    "CREATE TABLE IF NOT EXISTS points_double (sid INTEGER NOT NULL, ts BIGINT NOT NULL, v DOUBLE NOT NULL)";
  public static final String CREATE_POINTS_STRING =
    "CREATE TABLE IF NOT EXISTS points_string (sid INTEGER NOT NULL, ts BIGINT NOT NULL, v VARCHAR NOT NULL)";
  /** Longs and doubles together, as KairosDB's "number" type group sees them. */
  public static final String CREATE_POINTS_NUMERIC =
    "CREATE OR REPLACE VIEW points_numeric AS SELECT sid, ts, CAST(v AS DOUBLE) AS v FROM points_long "
      + "UNION ALL SELECT sid, ts, v FROM points_double";
  public static final String CREATE_STATE =
    "CREATE TABLE IF NOT EXISTS replica_state (k VARCHAR PRIMARY KEY, term BIGINT NOT NULL, idx BIGINT NOT NULL)";
  public static final String CREATE_BATCHES =
    "CREATE TABLE IF NOT EXISTS applied_batches (id_hi BIGINT NOT NULL, id_lo BIGINT NOT NULL, idx BIGINT NOT NULL)";
  public static final String CREATE_WATERMARKS =
    "CREATE TABLE IF NOT EXISTS watermarks (consumer VARCHAR PRIMARY KEY, idx BIGINT NOT NULL)";

  /** Table holding values of a type code (see {@link io.raftmetrics.api.ingest.DataType#code()}). */
  public static String pointsTable(io.raftmetrics.api.ingest.DataType type) {
    switch (type) {
      case LONG: return "points_long";
      case DOUBLE: return "points_double";
      default: return "points_string";
    }
  }
}
