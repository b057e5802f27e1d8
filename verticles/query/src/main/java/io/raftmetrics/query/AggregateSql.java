package io.raftmetrics.query;

import io.raftmetrics.api.ingest.DataType;
import io.raftmetrics.api.query.Aggregate;
import io.raftmetrics.store.SeriesInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The SQL of an aggregate query, built from named fragments. The scan reads only the points tables that hold
 * selected series, restricted by a literal sid list and the time range; each point gets its group index {@code g}
 * (from a VALUES join, only when grouping) and window index {@code w} (floor division, so negative timestamps fall in
 * the right window).
 *
 * <p>Two statements: {@link #partials} computes mergeable states per (g, w) in one pass; {@link #quantiles}, only when
 * percentiles are asked for, computes {@code quantile_cont} (exact, linear interpolation) per needed level with
 * GROUPING SETS, as percentiles cannot be merged.
 */
final class AggregateSql {

  private static final String SOURCE =
    "SELECT sid, ts, %s AS v FROM %s WHERE sid IN (%s) AND ts >= ? AND ts < ?";
  private static final String WINDOW_INDEX = "CASE WHEN ts >= 0 THEN ts // %1$d ELSE (ts + 1) // %1$d - 1 END";
  private static final String GROUP_JOIN = " JOIN (VALUES %s) sel(sid, g) ON p.sid = sel.sid";
  /** Orders points by (timestamp, sid) in one comparable value, for deterministic first/last on ties. */
  private static final String ORDER_KEY = "p.ts::HUGEINT * 4294967296 + p.sid";
  private static final String POINTS =
    "SELECT %s AS g, %s AS w, p.ts, p.v, %s AS k FROM (%s) p%s";
  private static final String PARTIALS = "SELECT g, w, count(*) AS n%s FROM (%s) x GROUP BY g, w ORDER BY g, w LIMIT ?";
  private static final String QUANTILES =
    "SELECT %s, quantile_cont(v, [%s]) AS q FROM (%s) x GROUP BY GROUPING SETS (%s) LIMIT ?";
  /**
   * Keys of a quantile row. DuckDB only accepts grouping columns in GROUPING() and the select list, so a dimension
   * that is not grouped is a constant and the level is completed by hand (see the LEVEL_ constants).
   */
  private static final String KEYS_GROUP_WINDOW = "g, w, GROUPING(g, w) AS lvl";
  private static final String KEYS_GROUP = "g, 0::BIGINT AS w, 1 + 2 * GROUPING(g) AS lvl";
  private static final String KEYS_WINDOW = "0 AS g, w, 2 + GROUPING(w) AS lvl";
  private static final String KEYS_TOTAL = "0 AS g, 0::BIGINT AS w, 3 AS lvl";

  /** {@code GROUPING(g, w)}: a set bit means the column was aggregated away. */
  static final int LEVEL_GROUP_WINDOW = 0;
  static final int LEVEL_GROUP = 1;
  static final int LEVEL_WINDOW = 2;
  static final int LEVEL_ALL = 3;

  private final String points;
  private final int sources;
  private final String partialColumns;
  private final String quantileList;
  private final String groupingSets;
  private final String quantileKeys;

  AggregateSql(AggregatePlan plan) {
    List<String> scans = new ArrayList<>();
    for (DataType t : List.of(DataType.LONG, DataType.DOUBLE)) {
      List<SeriesInfo> ofType = SeriesSelection.ofType(plan.series, t);
      if (!ofType.isEmpty()) {
        String table = t == DataType.LONG ? "points_long" : "points_double";
        String value = t == DataType.LONG ? "CAST(v AS DOUBLE)" : "v";
        scans.add(String.format(SOURCE, value, table, SeriesSelection.sidList(ofType)));
      }
    }
    this.sources = scans.size();
    String source = String.join(" UNION ALL ", scans);
    String window = plan.windowed() ? String.format(WINDOW_INDEX, plan.request.windowMs()) : "0::BIGINT";
    String group = plan.grouped() ? "sel.g" : "0";
    String join = plan.grouped() ? String.format(GROUP_JOIN, groupValues(plan)) : "";
    this.points = String.format(POINTS, group, window, ORDER_KEY, source, join);
    this.partialColumns = partialColumns(plan);
    StringJoiner qs = new StringJoiner(", ");
    plan.computed.stream().filter(a -> !Double.isNaN(a.quantile())).forEach(a -> qs.add(Double.toString(a.quantile())));
    this.quantileList = qs.toString();
    StringJoiner sets = new StringJoiner(", ");
    sets.add("()");
    if (plan.grouped()) {
      sets.add("(g)");
    }
    if (plan.windowed()) {
      sets.add("(w)");
    }
    if (plan.grouped() && plan.windowed()) {
      sets.add("(g, w)");
    }
    this.groupingSets = sets.toString();
    if (plan.grouped()) {
      this.quantileKeys = plan.windowed() ? KEYS_GROUP_WINDOW : KEYS_GROUP;
    } else {
      this.quantileKeys = plan.windowed() ? KEYS_WINDOW : KEYS_TOTAL;
    }
  }

  private static String groupValues(AggregatePlan plan) {
    StringJoiner j = new StringJoiner(",");
    for (int i = 0; i < plan.series.size(); i++) {
      j.add("(" + plan.series.get(i).sid() + "," + plan.groupOf[i] + ")");
    }
    return j.toString();
  }

  private static String partialColumns(AggregatePlan plan) {
    StringBuilder sb = new StringBuilder();
    boolean any = false;
    for (Aggregate a : plan.computed) {
      any |= a == Aggregate.SUM || a == Aggregate.AVG;
    }
    if (any) {
      sb.append(", sum(v) AS s");
    }
    if (plan.computed.contains(Aggregate.MIN)) {
      sb.append(", min(v) AS mn");
    }
    if (plan.computed.contains(Aggregate.MAX)) {
      sb.append(", max(v) AS mx");
    }
    if (plan.computed.contains(Aggregate.STDDEV)) {
      sb.append(", avg(v) AS mean, var_pop(v) AS vp");
    }
    if (plan.computed.contains(Aggregate.FIRST)) {
      sb.append(", arg_min(v, k) AS fv, min(k) AS fk");
    }
    if (plan.computed.contains(Aggregate.LAST)) {
      sb.append(", arg_max(v, k) AS lv, max(k) AS lk");
    }
    return sb.toString();
  }

  /**
   * @return the statement computing per-(g, w) partial states; parameters: (from, to) per source, then the row
   *   limit
   */
  String partials() {
    return String.format(PARTIALS, partialColumns, points);
  }

  /** @return true if percentiles were asked for */
  boolean hasQuantiles() {
    return !quantileList.isEmpty();
  }

  /** @return the statement computing percentiles per level; parameters as for {@link #partials()} */
  String quantiles() {
    return String.format(QUANTILES, quantileKeys, quantileList, points, groupingSets);
  }

  /** Number of time-range parameter pairs ({@code from}, {@code to}) the statements start with. */
  int sourceCount() {
    return sources;
  }
}
