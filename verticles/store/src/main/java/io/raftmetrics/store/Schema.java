package io.raftmetrics.store;

import io.raftmetrics.api.ingest.DataType;

import java.util.List;

/**
 * The DuckDB schema of a replica; {@code docs/storage.md} explains each table and its invariants. Timestamps are epoch
 * milliseconds as BIGINT. Series are dictionary-encoded: the small {@code series} table maps a {@code sid} to
 * (metric, tags, type) and the points tables carry only {@code (sid, ts, v)}, with no index, so the apply path is a
 * pure columnar append. Each value type has its own narrow table so numeric scans stay columnar and longs stay exact.
 */
public final class Schema {

  private Schema() {
  }

  /** Layout version stored in {@code replica_info}; a file with another version is refused. */
  public static final int VERSION = 1;

  /** One row: the layout version and the shard the file belongs to. */
  public static final String CREATE_INFO =
    "CREATE TABLE IF NOT EXISTS replica_info (layout INTEGER NOT NULL, shard INTEGER NOT NULL)";
  /**
   * One row: the last applied log position and the next series id. Written in the same transaction as every change,
   * so the data and the position never disagree.
   */
  public static final String CREATE_STATE =
    "CREATE TABLE IF NOT EXISTS replica_state (term BIGINT NOT NULL, idx BIGINT NOT NULL, next_sid INTEGER NOT NULL)";
  /**
   * Series dictionary. {@code max_ts} is the highest stored timestamp of the series, null when it has no point
   * (possible after a partial delete).
   */
  public static final String CREATE_SERIES =
    "CREATE TABLE IF NOT EXISTS series (sid INTEGER PRIMARY KEY, metric VARCHAR NOT NULL, "
      + "tags MAP(VARCHAR, VARCHAR) NOT NULL, type TINYINT NOT NULL, max_ts BIGINT)";
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
  /** Ingest batch ids applied in the last {@link #BATCH_ID_WINDOW} log indexes, for retry de-duplication. */
  public static final String CREATE_BATCHES =
    "CREATE TABLE IF NOT EXISTS applied_batches (id_hi BIGINT NOT NULL, id_lo BIGINT NOT NULL, idx BIGINT NOT NULL)";
  public static final String CREATE_WATERMARKS =
    "CREATE TABLE IF NOT EXISTS watermarks (consumer VARCHAR PRIMARY KEY, idx BIGINT NOT NULL)";

  /** Every statement that creates the schema, in order. */
  public static final List<String> CREATE_ALL = List.of(CREATE_INFO, CREATE_STATE, CREATE_SERIES, CREATE_POINTS_LONG,
    CREATE_POINTS_DOUBLE, CREATE_POINTS_STRING, CREATE_POINTS_NUMERIC, CREATE_BATCHES, CREATE_WATERMARKS);

  /** The tables that hold a replica's state; a snapshot copies exactly these (replica_info is checked, not copied). */
  public static final List<String> STATE_TABLES = List.of("replica_state", "series", "points_long", "points_double",
    "points_string", "applied_batches", "watermarks");

  /**
   * A batch id is remembered for this many log indexes after the entry that carried it: a retry committed within
   * that distance is skipped, on every replica alike (the rule depends on log indexes only, never on clocks).
   */
  public static final long BATCH_ID_WINDOW = 100_000;

  /** @return the table holding the values of a type */
  public static String pointsTable(DataType type) {
    switch (type) {
      case LONG: return "points_long";
      case DOUBLE: return "points_double";
      default: return "points_string";
    }
  }
}
