package io.raftmetrics.store;

import java.util.List;

/** Read-only view of a replica's series, always consistent with what readers can see (never behind it). */
public interface SeriesCatalog {

  /** @return the series of a metric, empty if unknown */
  List<SeriesInfo> seriesOf(String metric);

  /** @return every metric name, sorted by {@code String} natural order */
  List<String> metricNames();

  /** @return the series with that id, or null */
  SeriesInfo byId(int sid);
}
