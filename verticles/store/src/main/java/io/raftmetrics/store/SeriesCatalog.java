package io.raftmetrics.store;

import java.util.List;

/**
 * Read-only view of a replica's series, safe to use from any thread. It is never behind what readers can see: a
 * series is listed before any of its points becomes visible, and it stays listed until its removal is committed, so
 * a reader that selects series here and then reads their points misses nothing (it may find a series without points).
 */
public interface SeriesCatalog {

  /** @return the series of a metric in creation order (ascending {@code sid}), empty if unknown */
  List<SeriesInfo> seriesOf(String metric);

  /** @return every metric name, sorted by {@code String} natural order */
  List<String> metricNames();

  /** @return the metric names starting with {@code prefix} (all if null or empty), sorted */
  List<String> metricNames(String prefix);

  /** @return the series with that id, or null */
  SeriesInfo byId(int sid);

  /** @return the number of series */
  int seriesCount();
}
