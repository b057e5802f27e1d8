package io.raftmetrics.store;

import io.raftmetrics.api.ingest.DataType;

import java.util.SortedMap;

/**
 * A series as KairosDB identifies it: metric, tags and datastore type. Long and double points of the same metric and
 * tags are two series, as they are two Cassandra rows in KairosDB.
 *
 * @param sid the series id used in the points tables; assigned in log order, so identical on every replica
 * @param metric metric name
 * @param tags tags, sorted by key (unmodifiable)
 * @param type value type
 */
public record SeriesInfo(int sid, String metric, SortedMap<String, String> tags, DataType type) {
}
