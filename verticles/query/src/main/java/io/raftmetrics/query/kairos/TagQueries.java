package io.raftmetrics.query.kairos;

import io.raftmetrics.api.kairos.KairosMetricQuery;
import io.raftmetrics.api.kairos.TagNamesRequest;
import io.raftmetrics.api.kairos.TagValuesRequest;
import io.raftmetrics.api.query.NameList;
import io.raftmetrics.query.ShardReader;
import io.raftmetrics.store.SeriesCatalog;
import io.raftmetrics.store.SeriesInfo;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The tag endpoints: {@code /datapoints/query/tags} (the tags of the series KairosDB would read for the query,
 * without values; an unknown metric still gets its empty entry) and the tag name and value lists, which come from
 * the in-memory series catalog.
 */
final class TagQueries {

  private TagQueries() {
  }

  /** @return {@code {"results":[{"name":...,"tags":{...},"values":[]}]}} */
  static String queryTags(ShardReader reader, KairosMetricQuery q) throws SQLException {
    List<SeriesInfo> series = KairosQueryEngine.select(reader.catalog(), q.name(), q.tags());
    SidSet participating = new SidSet();
    Participation.check(reader, series, q.startMs(), q.endMs(), participating);
    Map<String, List<String>> tags = KairosQueryEngine.tags(series, participating);
    KairosJson out = new KairosJson(256).raw("{\"results\":[{\"name\":").string(q.name()).raw(",\"tags\":");
    ResultWriter.tags(out, tags == null ? Map.of() : tags);
    return out.raw(",\"values\":[]}]}").toString();
  }

  static NameList tagNames(SeriesCatalog catalog, TagNamesRequest r) {
    TreeSet<String> names = new TreeSet<>();
    for (SeriesInfo s : series(catalog, r.metric())) {
      for (String k : s.tags().keySet()) {
        if (r.prefix() == null || k.startsWith(r.prefix())) {
          names.add(k);
        }
      }
    }
    return new NameList(new ArrayList<>(names));
  }

  static NameList tagValues(SeriesCatalog catalog, TagValuesRequest r) {
    TreeSet<String> values = new TreeSet<>();
    for (SeriesInfo s : series(catalog, r.metric())) {
      for (Map.Entry<String, String> t : s.tags().entrySet()) {
        if ((r.tag() == null || r.tag().equals(t.getKey()))
          && (r.prefix() == null || t.getValue().startsWith(r.prefix()))) {
          values.add(t.getValue());
        }
      }
    }
    return new NameList(new ArrayList<>(values));
  }

  private static List<SeriesInfo> series(SeriesCatalog catalog, String metric) {
    if (metric != null) {
      return catalog.seriesOf(metric);
    }
    List<SeriesInfo> all = new ArrayList<>();
    for (String m : catalog.metricNames()) {
      all.addAll(catalog.seriesOf(m));
    }
    return all;
  }
}
