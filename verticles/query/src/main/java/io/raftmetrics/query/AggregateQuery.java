package io.raftmetrics.query;

import io.raftmetrics.api.ErrorCode;
import io.raftmetrics.api.query.Aggregate;
import io.raftmetrics.api.query.AggregateRequest;
import io.raftmetrics.api.query.AggregateResult;

import java.math.BigInteger;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Answers an {@link AggregateRequest}: numeric points of the metric's matching series in {@code [from, to)},
 * aggregated overall, per window, per group and per group and window. DuckDB does the scan and the per-(group,
 * window) aggregation; coarser levels are merged from those rows (see {@link Partial}), and percentiles come from a
 * second statement in the same read transaction. Windows and groups without points are omitted.
 */
final class AggregateQuery {

  /** One row of the partials statement. */
  private record Cell(int group, long window, Partial partial) {
  }

  /** Percentile values per level, group and window. */
  private record QuantileKey(int level, int group, long window) {
  }

  /** A window or group being assembled, with the value it is ordered by. */
  private record Ranked<T>(T item, Object sortValue, int naturalRank) {
  }

  private AggregateQuery() {
  }

  static AggregateResult run(ShardReader reader, AggregateRequest request, int maxRows) throws SQLException {
    AggregatePlan plan = AggregatePlan.of(reader.catalog(), request);
    if (plan.series.isEmpty()) {
      return new AggregateResult(new Partial().values(plan.returned, Map.of()), List.of(), List.of());
    }
    AggregateSql sql = new AggregateSql(plan);
    return reader.read(r -> {
      List<Cell> cells = partials(r, plan, sql, maxRows);
      Map<QuantileKey, Map<Aggregate, Double>> quantiles = sql.hasQuantiles() ? quantiles(r, plan, sql, maxRows)
        : Map.of();
      return assemble(plan, cells, quantiles);
    });
  }

  private static void bind(PreparedStatement ps, AggregatePlan plan, AggregateSql sql, int maxRows)
    throws SQLException {
    int i = 1;
    for (int s = 0; s < sql.sourceCount(); s++) {
      ps.setLong(i++, plan.request.from());
      ps.setLong(i++, plan.request.to());
    }
    ps.setLong(i, maxRows + 1L);
  }

  private static List<Cell> partials(ShardReader r, AggregatePlan plan, AggregateSql sql, int maxRows)
    throws SQLException {
    List<Cell> cells = new ArrayList<>();
    Set<Aggregate> aggs = plan.computed;
    try (PreparedStatement ps = r.prepare(sql.partials())) {
      bind(ps, plan, sql, maxRows);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Partial p = new Partial();
          p.count = rs.getLong("n");
          if (aggs.contains(Aggregate.SUM) || aggs.contains(Aggregate.AVG)) {
            p.sum = rs.getDouble("s");
          }
          if (aggs.contains(Aggregate.MIN)) {
            p.min = rs.getDouble("mn");
          }
          if (aggs.contains(Aggregate.MAX)) {
            p.max = rs.getDouble("mx");
          }
          if (aggs.contains(Aggregate.STDDEV)) {
            p.mean = rs.getDouble("mean");
            p.m2 = rs.getDouble("vp") * p.count;
          }
          if (aggs.contains(Aggregate.FIRST)) {
            p.first = rs.getDouble("fv");
            p.firstKey = bigInteger(rs.getObject("fk"));
          }
          if (aggs.contains(Aggregate.LAST)) {
            p.last = rs.getDouble("lv");
            p.lastKey = bigInteger(rs.getObject("lk"));
          }
          cells.add(new Cell(rs.getInt("g"), rs.getLong("w"), p));
        }
      }
    }
    checkSize(cells.size(), maxRows);
    return cells;
  }

  private static Map<QuantileKey, Map<Aggregate, Double>> quantiles(ShardReader r, AggregatePlan plan,
                                                                    AggregateSql sql, int maxRows)
    throws SQLException {
    List<Aggregate> order = plan.computed.stream().filter(a -> !Double.isNaN(a.quantile())).toList();
    Map<QuantileKey, Map<Aggregate, Double>> out = new HashMap<>();
    // Each of up to four levels may hold maxRows rows.
    try (PreparedStatement ps = r.prepare(sql.quantiles())) {
      bind(ps, plan, sql, 4 * maxRows);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Array array = rs.getArray("q");
          Object[] values = (Object[]) array.getArray();
          Map<Aggregate, Double> byAgg = new HashMap<>();
          for (int i = 0; i < order.size(); i++) {
            byAgg.put(order.get(i), values[i] == null ? null : ((Number) values[i]).doubleValue());
          }
          out.put(new QuantileKey(rs.getInt("lvl"), rs.getInt("g"), rs.getLong("w")), byAgg);
        }
      }
    }
    return out;
  }

  private static AggregateResult assemble(AggregatePlan plan, List<Cell> cells,
                                          Map<QuantileKey, Map<Aggregate, Double>> quantiles) {
    Partial total = new Partial();
    TreeMap<Long, Partial> byWindow = new TreeMap<>();
    TreeMap<Integer, Partial> byGroup = new TreeMap<>();
    Map<Integer, List<Cell>> cellsOfGroup = new HashMap<>();
    for (Cell c : cells) {
      total.merge(c.partial());
      byWindow.computeIfAbsent(c.window(), w -> new Partial()).merge(c.partial());
      byGroup.computeIfAbsent(c.group(), g -> new Partial()).merge(c.partial());
      cellsOfGroup.computeIfAbsent(c.group(), g -> new ArrayList<>()).add(c);
    }
    Map<String, Object> overall = total.values(plan.returned, q(quantiles, AggregateSql.LEVEL_ALL, 0, 0));
    List<AggregateResult.Window> windows = new ArrayList<>();
    List<Ranked<AggregateResult.Window>> rankedWindows = new ArrayList<>();
    if (plan.windowed()) {
      for (Map.Entry<Long, Partial> e : byWindow.entrySet()) {
        Map<Aggregate, Double> qs = q(quantiles, AggregateSql.LEVEL_WINDOW, 0, e.getKey());
        AggregateResult.Window w = window(plan, e.getKey(), e.getValue(), qs);
        windows.add(w);
        rankedWindows.add(new Ranked<>(w, sortValue(plan, e.getValue(), qs), rankedWindows.size()));
      }
    }
    if (!plan.grouped()) {
      if (plan.windowed() && (plan.request.orderBy() != null || plan.request.limit() > 0)) {
        windows = orderAndLimit(plan, rankedWindows);
      }
      return new AggregateResult(overall, windows, List.of());
    }
    List<Ranked<AggregateResult.Group>> rankedGroups = new ArrayList<>();
    for (Map.Entry<Integer, Partial> e : byGroup.entrySet()) {
      int g = e.getKey();
      List<AggregateResult.Window> groupWindows = new ArrayList<>();
      if (plan.windowed()) {
        for (Cell c : cellsOfGroup.get(g)) {
          groupWindows.add(window(plan, c.window(), c.partial(),
            q(quantiles, AggregateSql.LEVEL_GROUP_WINDOW, g, c.window())));
        }
      }
      Map<Aggregate, Double> qs = q(quantiles, AggregateSql.LEVEL_GROUP, g, 0);
      AggregateResult.Group group = new AggregateResult.Group(plan.groups.get(g),
        e.getValue().values(plan.returned, qs), groupWindows);
      rankedGroups.add(new Ranked<>(group, sortValue(plan, e.getValue(), qs), g));
    }
    return new AggregateResult(overall, windows, orderAndLimit(plan, rankedGroups));
  }

  private static AggregateResult.Window window(AggregatePlan plan, long index, Partial p, Map<Aggregate, Double> qs) {
    long width = plan.request.windowMs();
    long start;
    try {
      start = Math.multiplyExact(index, width);
    } catch (ArithmeticException e) {
      start = Long.MIN_VALUE;
    }
    long end = start > Long.MAX_VALUE - width ? Long.MAX_VALUE : start + width;
    return new AggregateResult.Window(start, end, p.values(plan.returned, qs));
  }

  private static Object sortValue(AggregatePlan plan, Partial p, Map<Aggregate, Double> qs) {
    Aggregate by = plan.request.orderBy();
    return by == null ? null : p.values(Set.of(by), qs).get(by.key());
  }

  /** Orders by the aggregate (nulls last in both directions, ties in natural order), then applies the limit. */
  private static <T> List<T> orderAndLimit(AggregatePlan plan, List<Ranked<T>> items) {
    List<Ranked<T>> sorted = new ArrayList<>(items);
    if (plan.request.orderBy() != null) {
      Comparator<Ranked<T>> byValue = (a, b) -> {
        double x = ((Number) a.sortValue()).doubleValue();
        double y = ((Number) b.sortValue()).doubleValue();
        return plan.request.descending() ? Double.compare(y, x) : Double.compare(x, y);
      };
      Comparator<Ranked<T>> nullsLast = (a, b) -> {
        if (a.sortValue() == null || b.sortValue() == null) {
          return a.sortValue() == null ? (b.sortValue() == null ? 0 : 1) : -1;
        }
        return byValue.compare(a, b);
      };
      sorted.sort(nullsLast.thenComparingInt(Ranked::naturalRank));
    }
    int limit = plan.request.limit() > 0 ? Math.min(plan.request.limit(), sorted.size()) : sorted.size();
    return sorted.subList(0, limit).stream().map(Ranked::item).toList();
  }

  private static Map<Aggregate, Double> q(Map<QuantileKey, Map<Aggregate, Double>> all, int level, int g, long w) {
    return all.getOrDefault(new QuantileKey(level, level == AggregateSql.LEVEL_ALL || level == AggregateSql.LEVEL_WINDOW
      ? 0 : g, level == AggregateSql.LEVEL_ALL || level == AggregateSql.LEVEL_GROUP ? 0 : w), Map.of());
  }

  private static BigInteger bigInteger(Object o) {
    if (o instanceof BigInteger b) {
      return b;
    }
    return o == null ? null : new BigInteger(o.toString());
  }

  private static void checkSize(int rows, int maxRows) {
    if (rows > maxRows) {
      throw new QueryFailure(ErrorCode.LIMIT_EXCEEDED, "the aggregation has more than " + maxRows
        + " windows x groups; use a wider window, a shorter range or fewer group_by tags");
    }
  }
}
