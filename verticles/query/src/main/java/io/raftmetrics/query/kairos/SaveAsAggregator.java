package io.raftmetrics.query.kairos;

import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code save_as}: passes the points through and records them for re-ingestion as {@code metric_name}, tagged
 * with the aggregator's {@code tags}, {@code saved_from=<metric>} (unless {@code add_saved_from} is false) and the
 * group-by tags that have a single value in the group, as KairosDB does. Any type.
 */
final class SaveAsAggregator implements KairosAggregator.AnyType {

  /** Points to store: a metric, its tags, the ttl in seconds, and the points. */
  record Saved(String metric, SortedMap<String, String> tags, int ttl, Points points) {
  }

  private final String metric;
  private final String source;
  private final JsonObject tags;
  private final int ttl;
  private final boolean addSavedFrom;
  private final Set<String> tagsToKeep;
  private final List<Saved> sink;

  SaveAsAggregator(JsonObject agg, String source, Set<String> tagsToKeep, List<Saved> sink) {
    this.metric = agg.getString("metric_name");
    this.source = source;
    this.tags = agg.getJsonObject("tags");
    this.ttl = agg.getInteger("ttl");
    this.addSavedFrom = agg.getBoolean("add_saved_from");
    this.tagsToKeep = tagsToKeep;
    this.sink = sink;
  }

  @Override
  public Points apply(Points in, ResultGroup group) {
    SortedMap<String, String> t = new TreeMap<>();
    tags.forEach(e -> t.put(e.getKey(), String.valueOf(e.getValue())));
    if (addSavedFrom) {
      t.put("saved_from", source);
    }
    for (Map.Entry<String, List<String>> e : group.tags.entrySet()) {
      if (tagsToKeep.contains(e.getKey()) && e.getValue().size() == 1) {
        t.put(e.getKey(), e.getValue().get(0));
      }
    }
    sink.add(new Saved(metric, t, ttl, in));
    return in;
  }
}
