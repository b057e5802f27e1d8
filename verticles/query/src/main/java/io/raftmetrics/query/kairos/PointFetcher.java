package io.raftmetrics.query.kairos;

import io.raftmetrics.api.ingest.DataType;
import io.raftmetrics.query.SeriesSelection;
import io.raftmetrics.query.ShardReader;
import io.raftmetrics.store.Schema;
import io.raftmetrics.store.SeriesInfo;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the points of a query's series from the replica into one {@link Points} per group, in the group's final
 * order: DuckDB filters by series and time (zone maps prune the range), applies {@code limit} per Cassandra row with
 * a window function, and sorts by time, then value (KairosDB breaks ties between series by value); the rows stream
 * from JDBC straight into primitive arrays. Longs stay longs, doubles doubles, strings strings. (Merging per-series
 * runs in Java instead of sorting in DuckDB measured slower: series of one group often share their timestamps.)
 */
final class PointFetcher {

  /** One value type: {@code sid, ts, v}. */
  private static final String ONE_TYPE = "SELECT sid, ts, v FROM %s WHERE sid IN (%s) AND ts BETWEEN ? AND ?";
  /** Longs and doubles together: {@code sid, ts, kind, long value, double value}. */
  private static final String LONGS = "SELECT sid, ts, 0 AS k, v AS l, CAST(v AS DOUBLE) AS d FROM points_long"
    + " WHERE sid IN (%s) AND ts BETWEEN ? AND ?";
  private static final String DOUBLES = "SELECT sid, ts, 1 AS k, 0 AS l, v AS d FROM points_double"
    + " WHERE sid IN (%s) AND ts BETWEEN ? AND ?";
  /** Keeps the first {@code limit} points of each series' row, in query order. */
  private static final String PER_ROW_LIMIT = "SELECT * EXCLUDE (rn) FROM (SELECT *, row_number() OVER"
    + " (PARTITION BY sid, %s ORDER BY ts %s) AS rn FROM (%s)) WHERE rn <= %d";
  /**
   * Doubles sort through an expression: DuckDB's sort hands back a sort-key column decoded from its normalised key,
   * which turns -0.0 into 0.0.
   */
  private static final String MIXED_ORDER = " ORDER BY ts %1$s, d + 0.0 %1$s, k %1$s";
  private static final String DOUBLE_ORDER = " ORDER BY ts %1$s, v + 0.0 %1$s";
  private static final String VALUE_ORDER = " ORDER BY ts %1$s, v %1$s";

  /** How the rows of a statement carry their values. */
  private enum Shape { LONG, DOUBLE, STRING, MIXED }

  private final ShardReader reader;
  private final QueryBudget budget;
  private long scanned;

  PointFetcher(ShardReader reader, QueryBudget budget) {
    this.reader = reader;
    this.budget = budget;
  }

  /** @return points read so far (KairosDB's {@code sample_size}) */
  long scanned() {
    return scanned;
  }

  /**
   * Reads the points of the groups' series.
   *
   * @param groups series per group; all series of one group have the same type group
   * @param out receives the points per group (same indexes as {@code groups})
   * @param hasPoints set for every series id that has a point in the range
   */
  void fetch(List<BaseGroups.Base> groups, long start, long end, int limit, boolean descending, Points[] out,
             SidSet hasPoints) throws SQLException {
    List<SeriesInfo> numbers = new ArrayList<>();
    List<SeriesInfo> texts = new ArrayList<>();
    List<SeriesInfo> all = new ArrayList<>();
    List<Integer> groupOfSlot = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      BaseGroups.Base b = groups.get(g);
      (b.type().equals(KairosAggregator.TEXT) ? texts : numbers).addAll(b.series());
      all.addAll(b.series());
      for (int i = 0; i < b.series().size(); i++) {
        groupOfSlot.add(g);
      }
    }
    SidIndex index = new SidIndex(all);
    Points[] bySlot = new Points[all.size()];
    for (int i = 0; i < bySlot.length; i++) {
      bySlot[i] = out[groupOfSlot.get(i)];
    }
    String dir = descending ? "DESC" : "ASC";
    List<SeriesInfo> longs = SeriesSelection.ofType(numbers, DataType.LONG);
    List<SeriesInfo> doubles = SeriesSelection.ofType(numbers, DataType.DOUBLE);
    if (!longs.isEmpty() && !doubles.isEmpty()) {
      String sql = "SELECT * FROM (" + limited(String.format(LONGS, SeriesSelection.sidList(longs)), limit, dir)
        + " UNION ALL " + limited(String.format(DOUBLES, SeriesSelection.sidList(doubles)), limit, dir) + ")"
        + String.format(MIXED_ORDER, dir);
      read(sql, 2, start, end, index, bySlot, hasPoints, Shape.MIXED);
    } else if (!longs.isEmpty()) {
      read(oneType(DataType.LONG, longs, limit, dir, VALUE_ORDER), 1, start, end, index, bySlot, hasPoints,
        Shape.LONG);
    } else if (!doubles.isEmpty()) {
      read(oneType(DataType.DOUBLE, doubles, limit, dir, DOUBLE_ORDER), 1, start, end, index, bySlot, hasPoints,
        Shape.DOUBLE);
    }
    if (!texts.isEmpty()) {
      read(oneType(DataType.STRING, texts, limit, dir, VALUE_ORDER), 1, start, end, index, bySlot, hasPoints,
        Shape.STRING);
    }
  }

  private static String oneType(DataType type, List<SeriesInfo> series, int limit, String dir, String order) {
    return limited(String.format(ONE_TYPE, Schema.pointsTable(type), SeriesSelection.sidList(series)), limit, dir)
      + String.format(order, dir);
  }

  private static String limited(String select, int limit, String dir) {
    return limit <= 0 ? select : String.format(PER_ROW_LIMIT, RowTime.SQL, dir, select, limit);
  }

  private void read(String sql, int selects, long start, long end, SidIndex index, Points[] bySlot,
                    SidSet hasPoints, Shape shape) throws SQLException {
    try (PreparedStatement ps = reader.prepare(sql)) {
      ps.setQueryTimeout(Math.min(ps.getQueryTimeout() <= 0 ? Integer.MAX_VALUE : ps.getQueryTimeout(),
        budget.remainingSeconds()));
      for (int i = 0; i < selects; i++) {
        ps.setLong(2 * i + 1, start);
        ps.setLong(2 * i + 2, end);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int sid = rs.getInt(1);
          long ts = rs.getLong(2);
          Points p = bySlot[index.slotOf(sid)];
          switch (shape) {
            case LONG -> p.addLong(ts, rs.getLong(3));
            case DOUBLE -> p.addDouble(ts, rs.getDouble(3));
            case STRING -> p.addString(ts, rs.getString(3));
            default -> {
              if (rs.getInt(3) == 0) {
                p.addLong(ts, rs.getLong(4));
              } else {
                p.addDouble(ts, rs.getDouble(5));
              }
            }
          }
          hasPoints.add(sid);
          if ((++scanned & 0xFFFF) == 0) {
            budget.scanned(scanned);
            budget.checkTime();
          }
        }
      }
      budget.scanned(scanned);
    } catch (SQLTimeoutException e) {
      throw budget.timeExceeded();
    }
  }
}
