package io.raftmetrics.cassandra.kairos;

import java.util.Locale;

/**
 * KairosDB's row geometry, as recorded in the keyspace's {@code spec} table: how wide a {@code data_points}
 * partition is and how a timestamp becomes a column name within it.
 *
 * @param unit {@link Unit#MILLISECONDS} for every keyspace a KairosDB 1.3 created; the others exist for keyspaces
 *   that older versions or other settings left behind
 * @param width the {@code row_width} value: milliseconds, or seconds in {@link Unit#SECONDS} mode
 */
public record RowSpec(Unit unit, long width) {

  /** 21 days in milliseconds, KairosDB's default and the only width a fresh keyspace gets. */
  public static final long DEFAULT_WIDTH = 1_814_400_000L;

  /** What a new keyspace gets, and what KairosDB 1.3 writes on first start. */
  public static final RowSpec DEFAULT = new RowSpec(Unit.MILLISECONDS, DEFAULT_WIDTH);

  /** The {@code row_time_unit} values. */
  public enum Unit {
    MILLISECONDS,
    SECONDS,
    /** Millisecond offsets shifted left by one: bit 0 was the long/double flag of pre-1.0 rows. */
    LEGACY;

    /** @return the unit named by a {@code spec} row, or null if the name is unknown */
    public static Unit parse(String name) {
      try {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
  }

  public RowSpec {
    if (width <= 0) {
      throw new IllegalArgumentException("row width must be positive: " + width);
    }
  }

  /**
   * The start of the row holding {@code ts}: {@code ts - (|ts| mod width)}. This is not a floor for negative
   * timestamps ({@code -1 -> -2}), and KairosDB applies the raw width even in SECONDS mode; both quirks are kept
   * because the row key must be byte-identical.
   */
  public long rowTime(long ts) {
    return ts - (Math.abs(ts) % width);
  }

  /** @return the {@code column1} integer of {@code ts} within the row starting at {@code rowTime} */
  public int columnName(long rowTime, long ts) {
    long offset = ts - rowTime;
    switch (unit) {
      case SECONDS:
        return (int) (offset / 1000);
      case LEGACY:
        return ((int) offset) << 1;
      default:
        return (int) offset;
    }
  }

  /** @return the timestamp a column name stands for (the inverse of {@link #columnName}) */
  public long timestamp(long rowTime, int columnName) {
    switch (unit) {
      case SECONDS:
        return rowTime + columnName * 1000L;
      case LEGACY:
        return rowTime + (columnName >>> 1);
      default:
        return rowTime + columnName;
    }
  }

  /** @return the row width in milliseconds (what index rows outlive their data by) */
  public long widthMillis() {
    return unit == Unit.SECONDS ? width * 1000 : width;
  }
}
