package io.raftmetrics.query.kairos;

import io.raftmetrics.api.ingest.DataType;
import io.raftmetrics.api.kairos.KairosMetricQuery;
import io.raftmetrics.query.SeriesSelection;
import io.raftmetrics.query.ShardReader;
import io.raftmetrics.store.SeriesInfo;
import io.vertx.core.json.JsonObject;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The first range aggregator of a query computed by DuckDB, when that gives KairosDB's exact result: ranges of fixed
 * length counted from the (aligned) start, so a point's range is {@code (ts - start) // width}; grouped by the
 * type/tag groups (a join on series id); ascending order, no {@code limit}, no other group-by before it.
 * <ul>
 *   <li>{@code count}: over long and double series;</li>
 *   <li>{@code min}, {@code max}, {@code sum}, {@code avg}: over long series, whose conversion to double is exact;
 *   a sum is only exact in any order while its partial sums stay below 2^53, which the query checks, and hands the
 *   metric back to the streaming path otherwise.</li>
 * </ul>
 * Double sums are not pushed down: KairosDB adds them one by one in time order, and only that order reproduces its
 * rounding; the streaming path does that (and is as fast at these sizes, see docs/benchmarks-kairos-query.md).
 */
final class PushDown {

  private static final Set<String> ANY_NUMBER = Set.of("count");
  private static final Set<String> LONGS_ONLY = Set.of("min", "max", "sum", "avg");
  private static final double EXACT_LIMIT = 0x1p52;

  private static final String SOURCE = "SELECT sid, ts, %s AS v FROM %s WHERE sid IN (%s) AND ts BETWEEN ? AND ?";
  /** One scan: the aggregate per (group, range), and per series whether it has a point (for its tags). */
  private static final String AGGREGATE = "SELECT g, b, sid, count(*) AS n, min(ts) AS t0, %s AS a,"
    + " sum(abs(v::DOUBLE)) AS magnitude FROM (SELECT %s AS g, (ts - ?) // ? AS b, sid, ts, v FROM (%s) p%s)"
    + " GROUP BY GROUPING SETS ((g, b), (sid)) ORDER BY g, b";

  private final String function;
  private final RangeAggregator range;
  private final RangeCalendar calendar;
  private final long width;
  private final boolean alignStart;
  private final boolean alignEnd;
  private final List<BaseGroups.Base> bases;

  private PushDown(String function, RangeAggregator range, JsonObject agg, List<BaseGroups.Base> bases) {
    this.function = function;
    this.range = range;
    JsonObject sampling = agg.getJsonObject("sampling");
    this.calendar = new RangeCalendar(sampling.getString("unit"), agg.getString("time_zone"));
    this.width = calendar.unitMillis() * sampling.getLong("value");
    this.alignStart = agg.getBoolean("align_start_time");
    this.alignEnd = agg.getBoolean("align_end_time");
    this.bases = bases;
  }

  /** @return the plan, or null when the query must run on the streaming path */
  static PushDown plan(KairosMetricQuery q, List<BaseGroups.Base> bases, List<KairosAggregator> chain,
                       List<JsonObject> otherGroupBys) {
    if (chain.isEmpty() || q.limit() != 0 || q.descending() || !otherGroupBys.isEmpty()) {
      return null;
    }
    JsonObject agg = q.aggregators().get(0);
    String name = agg.getString("name");
    boolean longsOnly = LONGS_ONLY.contains(name);
    if (!longsOnly && !ANY_NUMBER.contains(name)) {
      return null;
    }
    for (BaseGroups.Base b : bases) {
      for (SeriesInfo s : b.series()) {
        if (s.type() == DataType.STRING || (longsOnly && s.type() != DataType.LONG)) {
          return null;
        }
      }
    }
    PushDown p = new PushDown(name, (RangeAggregator) chain.get(0), agg, bases);
    long start = p.range.rangeStart();
    if (!p.calendar.fixedWidth() || p.width <= 0 || start > q.startMs()) {
      return null;
    }
    try {
      Math.subtractExact(q.endMs(), start);
      Math.addExact(Math.multiplyExact((q.endMs() - start) / p.width + 1, p.width), start);
    } catch (ArithmeticException e) {
      return null;
    }
    return p;
  }

  /**
   * Runs the aggregation; fills {@code out} with each group's aggregated points and marks the series with points.
   *
   * @return the number of points read (sample size), or -1 when a sum could not be exact (run the streaming path)
   */
  long run(ShardReader reader, long start, long end, Points[] out, SidSet participating, QueryBudget budget)
    throws SQLException {
    List<SeriesInfo> all = new ArrayList<>();
    bases.forEach(b -> all.addAll(b.series()));
    List<String> sources = new ArrayList<>(2);
    for (DataType type : List.of(DataType.LONG, DataType.DOUBLE)) {
      List<SeriesInfo> ofType = SeriesSelection.ofType(all, type);
      if (!ofType.isEmpty()) {
        sources.add(String.format(SOURCE, type == DataType.LONG ? "v" : "0::BIGINT",
          type == DataType.LONG ? "points_long" : "points_double", SeriesSelection.sidList(ofType)));
      }
    }
    String groupExpr = bases.size() == 1 ? "0" : "m.g";
    String join = bases.size() == 1 ? "" : " JOIN (VALUES " + groupValues() + ") m(sid, g) USING (sid)";
    String aggregate = switch (function) {
      case "min" -> "min(v)";
      case "max" -> "max(v)";
      case "count" -> "0";
      default -> "sum(v::DOUBLE)";
    };
    long rangeStart = range.rangeStart();
    String sql = String.format(AGGREGATE, aggregate, groupExpr, String.join(" UNION ALL ", sources), join);
    long scanned = 0;
    try (PreparedStatement ps = reader.prepare(sql)) {
      ps.setQueryTimeout(budget.remainingSeconds());
      ps.setLong(1, rangeStart);
      ps.setLong(2, width);
      for (int i = 0; i < sources.size(); i++) {
        ps.setLong(3 + 2 * i, start);
        ps.setLong(4 + 2 * i, end);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int sid = rs.getInt(3);
          if (!rs.wasNull()) {
            participating.add(sid);
            continue;
          }
          long n = rs.getLong(4);
          scanned += n;
          if (!function.equals("count") && rs.getDouble(7) >= EXACT_LIMIT) {
            return -1;
          }
          long b = rs.getLong(2);
          long t = alignStart ? rangeStart + b * width : alignEnd ? rangeStart + (b + 1) * width : rs.getLong(5);
          Points p = out[rs.getInt(1)];
          switch (function) {
            case "count" -> p.addLong(t, n);
            case "min", "max" -> p.addDouble(t, (double) rs.getLong(6));
            case "sum" -> p.addDouble(t, rs.getDouble(6));
            default -> p.addDouble(t, rs.getDouble(6) / n);
          }
        }
      }
    } catch (SQLTimeoutException e) {
      throw budget.timeExceeded();
    }
    budget.scanned(scanned);
    return scanned;
  }

  private String groupValues() {
    StringBuilder sb = new StringBuilder();
    for (int g = 0; g < bases.size(); g++) {
      for (SeriesInfo s : bases.get(g).series()) {
        sb.append(sb.length() == 0 ? "" : ",").append('(').append(s.sid()).append(',').append(g).append(')');
      }
    }
    return sb.toString();
  }
}
