package io.raftmetrics.query.kairos;

import io.raftmetrics.api.kairos.KairosMetricQuery;
import io.raftmetrics.query.ShardReader;
import io.raftmetrics.store.SeriesCatalog;
import io.raftmetrics.store.SeriesInfo;
import io.raftmetrics.store.TagFilter;
import io.vertx.core.json.JsonObject;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Runs one metric of a KairosDB query against a replica and renders its element of {@code queries[]}, following
 * KairosDB's pipeline: select series (tag filter), read their points (per-row {@code limit}, order), group by type
 * and tag, then by time/value/bin, apply {@code limit} to each group, run the aggregator chain, and print every group
 * that has points. Aggregation that DuckDB can do with KairosDB's exact results is pushed down ({@link PushDown}).
 * Blocking (JDBC): call it on a worker thread, inside {@link ShardReader#read}.
 */
final class KairosQueryEngine {

  /**
   * The rendered fragment, what {@code save_as} asked to store, and whether the first aggregator ran in DuckDB.
   */
  record Result(String json, List<SaveAsAggregator.Saved> saves, boolean pushedDown) {
  }

  private KairosQueryEngine() {
  }

  static Result run(ShardReader reader, KairosMetricQuery q, QueryBudget budget, long now) throws SQLException {
    return run(reader, q, budget, now, true);
  }

  /** @param pushDown false to run everything on the streaming path (tests compare both) */
  static Result run(ShardReader reader, KairosMetricQuery q, QueryBudget budget, long now, boolean pushDown)
    throws SQLException {
    List<SeriesInfo> series = select(reader.catalog(), q.name(), q.tags());
    if (series.isEmpty()) {
      return new Result("{\"sample_size\":0,\"results\":[]}", List.of(), false);
    }
    JsonObject tagGroupBy = null;
    List<JsonObject> otherGroupBys = new ArrayList<>();
    Set<String> tagNames = new LinkedHashSet<>();
    for (JsonObject g : q.groupBy()) {
      if (g.getString("name").equals("tag")) {
        g.getJsonArray("tags").forEach(t -> tagNames.add((String) t));
        tagGroupBy = tagGroupBy == null ? g : tagGroupBy;
      } else {
        otherGroupBys.add(g);
      }
    }
    List<BaseGroups.Base> bases = BaseGroups.build(series, tagGroupBy);
    List<SaveAsAggregator.Saved> saves = new ArrayList<>();
    List<KairosAggregator> chain = Aggregators.chain(q.aggregators(), q.name(), tagNames, now, budget, saves);
    SidSet participating = new SidSet();
    Points[] points = new Points[bases.size()];
    for (int i = 0; i < points.length; i++) {
      points[i] = new Points(1024);
    }
    long sampleSize;
    int applied = 0;
    PushDown push = pushDown ? PushDown.plan(q, bases, chain, otherGroupBys) : null;
    sampleSize = push == null ? -1 : push.run(reader, q.startMs(), q.endMs(), points, participating, budget);
    if (sampleSize >= 0) {
      applied = 1;
    } else {
      push = null;
      for (int i = 0; i < points.length; i++) {
        points[i] = new Points(1024);
      }
      PointFetcher fetcher = new PointFetcher(reader, budget);
      fetcher.fetch(bases, q.startMs(), q.endMs(), q.limit(), q.descending(), points, participating);
      sampleSize = fetcher.scanned();
    }
    List<SeriesInfo> unknown = new ArrayList<>();
    for (SeriesInfo s : series) {
      if (!participating.contains(s.sid())) {
        unknown.add(s);
      }
    }
    Participation.check(reader, unknown, q.startMs(), q.endMs(), participating);
    KairosJson out = new KairosJson(4096).raw("{\"sample_size\":").number(sampleSize).raw(",\"results\":[");
    boolean first = true;
    for (int b = 0; b < bases.size(); b++) {
      Map<String, List<String>> tags = tags(bases.get(b).series(), participating);
      if (tags == null) {
        continue;
      }
      ResultGroup base = new ResultGroup(bases.get(b).groupBy(), tags, bases.get(b).type(), points[b]);
      if (applied > 0) {
        base.type = chain.get(0).aggregatedType(base.type);
      }
      List<ResultGroup> groups = otherGroupBys.isEmpty() ? List.of(base) : Grouper.group(otherGroupBys, base);
      for (ResultGroup g : groups) {
        if (q.limit() > 0) {
          // KairosDB's LimitAggregator, on each final group before the aggregators
          g.points.truncate(q.limit());
        }
        for (int a = applied; a < chain.size(); a++) {
          KairosAggregator agg = chain.get(a);
          if (agg.canAggregate(g.type)) {
            g.points = agg.apply(g.points, g);
            g.type = agg.aggregatedType(g.type);
            budget.checkTime();
          }
        }
        if (!g.points.isEmpty()) {
          out.raw(first ? "" : ",");
          ResultWriter.group(out, q, g);
          first = false;
        }
      }
    }
    return new Result(out.raw("]}").toString(), saves, applied > 0);
  }

  /** The series of a metric that pass the tag filter, in creation order. */
  static List<SeriesInfo> select(SeriesCatalog catalog, String metric, Map<String, List<String>> tags) {
    TagFilter filter = TagFilter.of(tags);
    List<SeriesInfo> out = new ArrayList<>();
    for (SeriesInfo s : catalog.seriesOf(metric)) {
      if (filter.matches(s.tags())) {
        out.add(s);
      }
    }
    return out;
  }

  /** Sorted tags of the participating series of a group, or null if none participates. */
  static Map<String, List<String>> tags(List<SeriesInfo> series, SidSet participating) {
    TreeMap<String, TreeSet<String>> tags = null;
    for (SeriesInfo s : series) {
      if (!participating.contains(s.sid())) {
        continue;
      }
      if (tags == null) {
        tags = new TreeMap<>();
      }
      for (Map.Entry<String, String> t : s.tags().entrySet()) {
        tags.computeIfAbsent(t.getKey(), k -> new TreeSet<>()).add(t.getValue());
      }
    }
    if (tags == null) {
      return null;
    }
    Map<String, List<String>> out = new java.util.LinkedHashMap<>();
    tags.forEach((k, v) -> out.put(k, new ArrayList<>(v)));
    return out;
  }
}
