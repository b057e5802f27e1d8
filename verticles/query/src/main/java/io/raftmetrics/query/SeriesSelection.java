package io.raftmetrics.query;

import io.raftmetrics.api.ingest.DataType;
import io.raftmetrics.store.SeriesCatalog;
import io.raftmetrics.store.SeriesInfo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** Selecting series from a catalog, and the SQL fragments that restrict a scan to them. */
public final class SeriesSelection {

  private SeriesSelection() {
  }

  /**
   * @return the series of {@code metric} that have every given tag with exactly the given value, in sid order
   */
  public static List<SeriesInfo> withTags(SeriesCatalog catalog, String metric, Map<String, String> tags) {
    List<SeriesInfo> out = new ArrayList<>();
    for (SeriesInfo s : catalog.seriesOf(metric)) {
      if (hasTags(s, tags)) {
        out.add(s);
      }
    }
    return out;
  }

  private static boolean hasTags(SeriesInfo s, Map<String, String> tags) {
    for (Map.Entry<String, String> e : tags.entrySet()) {
      if (!e.getValue().equals(s.tags().get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** @return the series of one type */
  public static List<SeriesInfo> ofType(Collection<SeriesInfo> series, DataType type) {
    return series.stream().filter(s -> s.type() == type).toList();
  }

  /**
   * A comma-separated list of the series ids, for {@code sid IN (...)}. DuckDB turns a literal IN list into a filter
   * applied inside the scan, which measured faster than a join on a bound array; the ids are integers from the
   * catalog, never user text.
   */
  public static String sidList(Collection<SeriesInfo> series) {
    StringJoiner j = new StringJoiner(",");
    for (SeriesInfo s : series) {
      j.add(Integer.toString(s.sid()));
    }
    return j.toString();
  }
}
