package io.raftmetrics.query.kairos;

import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Builds the aggregator chain of a query from its normalised aggregator objects (see {@code docs/kairos-query.md}). */
final class Aggregators {

  private Aggregators() {
  }

  /**
   * @param aggs normalised aggregators, in order
   * @param metric the queried metric ({@code save_as} records it as {@code saved_from})
   * @param tagGroupBys tag names of the query's tag group-bys ({@code save_as} keeps those tags)
   * @param now the query time ({@code gaps} stops there)
   * @param saves receives what {@code save_as} steps record
   */
  static List<KairosAggregator> chain(List<JsonObject> aggs, String metric, Set<String> tagGroupBys, long now,
                                      QueryBudget budget, List<SaveAsAggregator.Saved> saves) {
    List<KairosAggregator> out = new ArrayList<>(aggs.size());
    for (JsonObject a : aggs) {
      out.add(create(a, metric, tagGroupBys, now, budget, saves));
    }
    return out;
  }

  static KairosAggregator create(JsonObject a, String metric, Set<String> tagGroupBys, long now, QueryBudget budget,
                                 List<SaveAsAggregator.Saved> saves) {
    String name = a.getString("name");
    switch (name) {
      case "avg": return range(a, RangeFunction.AVG, now, budget);
      case "sum": return range(a, RangeFunction.SUM, now, budget);
      case "min": return range(a, RangeFunction.MIN, now, budget);
      case "max": return range(a, RangeFunction.MAX, now, budget);
      case "first": return range(a, RangeFunction.FIRST, now, budget);
      case "last": return range(a, RangeFunction.LAST, now, budget);
      case "least_squares": return range(a, RangeFunction.LEAST_SQUARES, now, budget);
      case "dev": return range(a, RangeFunction.dev(a.getString("return_type"), a.getLong("dev_count")), now, budget);
      case "percentile": return range(a, RangeFunction.percentile(a.getDouble("percentile")), now, budget);
      case "count": return new RangeAggregator(a, RangeFunction.COUNT, true, false, false, now, budget);
      case "gaps": return new RangeAggregator(a, RangeFunction.PASS, true, true, true, now, budget);
      case "rate": return PointAggregators.rate(a, false);
      case "sampler": return PointAggregators.rate(a, true);
      case "diff": return PointAggregators.diff();
      case "div": return PointAggregators.divide(a.getDouble("divisor"));
      case "scale": return PointAggregators.scale(a.getDouble("factor"));
      case "trim": return PointAggregators.trim(a.getString("trim"));
      case "sma": return PointAggregators.sma(a.getInteger("size"));
      case "score": return PointAggregators.score(a);
      case "filter": return new FilterAggregator(a.getString("filter_op"), a.getValue("threshold"));
      case "save_as": return new SaveAsAggregator(a, metric, tagGroupBys, saves);
      default: throw KairosQueryException.badRequest("unknown aggregator '" + name + "'");
    }
  }

  private static KairosAggregator range(JsonObject a, RangeFunction f, long now, QueryBudget budget) {
    return new RangeAggregator(a, f, false, false, false, now, budget);
  }
}
