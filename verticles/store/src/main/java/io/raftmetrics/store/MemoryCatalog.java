package io.raftmetrics.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The {@link SeriesCatalog} of a replica. One thread (the applier) writes, any thread reads. Per-metric lists are
 * immutable and replaced whole, so a reader always sees a complete list.
 */
final class MemoryCatalog implements SeriesCatalog {

  private final ConcurrentSkipListMap<String, List<SeriesInfo>> byMetric = new ConcurrentSkipListMap<>();
  private final ConcurrentHashMap<Integer, SeriesInfo> byId = new ConcurrentHashMap<>();

  @Override
  public List<SeriesInfo> seriesOf(String metric) {
    return metric == null ? List.of() : byMetric.getOrDefault(metric, List.of());
  }

  @Override
  public List<String> metricNames() {
    return List.copyOf(byMetric.keySet());
  }

  @Override
  public List<String> metricNames(String prefix) {
    if (prefix == null || prefix.isEmpty()) {
      return metricNames();
    }
    ConcurrentNavigableMap<String, List<SeriesInfo>> tail = byMetric.tailMap(prefix, true);
    List<String> out = new ArrayList<>();
    for (String name : tail.keySet()) {
      if (!name.startsWith(prefix)) {
        break;
      }
      out.add(name);
    }
    return out;
  }

  @Override
  public SeriesInfo byId(int sid) {
    return byId.get(sid);
  }

  @Override
  public int seriesCount() {
    return byId.size();
  }

  /** Adds series (already absent), grouped so each metric's list is copied once. */
  void addAll(Collection<SeriesInfo> series) {
    Map<String, List<SeriesInfo>> perMetric = new LinkedHashMap<>();
    List<SeriesInfo> replaced = new ArrayList<>();
    for (SeriesInfo s : series) {
      perMetric.computeIfAbsent(s.metric(), k -> new ArrayList<>()).add(s);
      SeriesInfo previous = byId.put(s.sid(), s);
      if (previous != null && !previous.equals(s)) {
        replaced.add(previous);
      }
    }
    dropFromMetrics(replaced);
    perMetric.forEach((metric, added) -> byMetric.compute(metric, (k, old) -> {
      List<SeriesInfo> merged = new ArrayList<>(old == null ? List.of() : old);
      Set<Integer> known = new HashSet<>();
      merged.forEach(s -> known.add(s.sid()));
      added.stream().filter(s -> !known.contains(s.sid())).forEach(merged::add);
      merged.sort((a, b) -> Integer.compare(a.sid(), b.sid()));
      return List.copyOf(merged);
    }));
  }

  /** Removes series; a metric left without series disappears from {@link #metricNames()}. */
  void removeAll(Collection<SeriesInfo> series) {
    dropFromMetrics(series);
    for (SeriesInfo s : series) {
      byId.remove(s.sid(), s);
    }
  }

  private void dropFromMetrics(Collection<SeriesInfo> series) {
    Map<String, Set<Integer>> perMetric = new LinkedHashMap<>();
    for (SeriesInfo s : series) {
      perMetric.computeIfAbsent(s.metric(), k -> new HashSet<>()).add(s.sid());
    }
    perMetric.forEach((metric, sids) -> byMetric.computeIfPresent(metric, (k, old) -> {
      List<SeriesInfo> kept = old.stream().filter(s -> !sids.contains(s.sid())).toList();
      return kept.isEmpty() ? null : kept;
    }));
  }

  /**
   * Makes the catalog hold exactly {@code all}: adds the missing ones first, then removes the others, so a reader
   * never misses a series present in both the old and the new state.
   */
  void replaceAll(Collection<SeriesInfo> all) {
    Set<Integer> keep = new HashSet<>();
    List<SeriesInfo> missing = new ArrayList<>();
    for (SeriesInfo s : all) {
      keep.add(s.sid());
      if (!s.equals(byId.get(s.sid()))) {
        missing.add(s);
      }
    }
    addAll(missing);
    List<SeriesInfo> stale = byId.values().stream().filter(s -> !keep.contains(s.sid())).toList();
    removeAll(stale);
  }
}
