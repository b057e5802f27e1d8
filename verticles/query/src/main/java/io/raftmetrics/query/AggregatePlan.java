package io.raftmetrics.query;

import io.raftmetrics.api.query.Aggregate;
import io.raftmetrics.api.query.AggregateRequest;
import io.raftmetrics.store.SeriesCatalog;
import io.raftmetrics.store.SeriesInfo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A validated {@link AggregateRequest} bound to the series it reads: the numeric series matching the tags, and for
 * each the index of its group. Groups are numbered in their natural order (tag values in {@code groupBy} order, a
 * missing tag before any value), so SQL's {@code ORDER BY g} is that order.
 */
final class AggregatePlan {

  /** What {@code aggs} means when empty, as in the REST API. */
  static final List<Aggregate> DEFAULT_AGGS = List.of(Aggregate.AVG, Aggregate.MIN, Aggregate.MAX, Aggregate.COUNT);
  /** Windows are numbered by floor division, and {@code start + width} must not overflow for any window. */
  static final long MAX_WINDOW_MS = Long.MAX_VALUE / 4;

  private static final Comparator<List<String>> GROUP_ORDER = (a, b) -> {
    for (int i = 0; i < a.size(); i++) {
      String x = a.get(i);
      String y = b.get(i);
      int c = x == null ? (y == null ? 0 : -1) : (y == null ? 1 : x.compareTo(y));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  };

  final AggregateRequest request;
  /** Aggregates returned, in request order. */
  final Set<Aggregate> returned;
  /** Aggregates computed: the returned ones plus the ordering one. */
  final Set<Aggregate> computed;
  final List<SeriesInfo> series;
  /** Group index of each series of {@link #series}, aligned; all 0 without grouping. */
  final int[] groupOf;
  /** Tags of each group, by group index. */
  final List<Map<String, String>> groups;

  private AggregatePlan(AggregateRequest request, Set<Aggregate> returned, Set<Aggregate> computed,
                        List<SeriesInfo> series, int[] groupOf, List<Map<String, String>> groups) {
    this.request = request;
    this.returned = returned;
    this.computed = computed;
    this.series = series;
    this.groupOf = groupOf;
    this.groups = groups;
  }

  boolean grouped() {
    return !request.groupBy().isEmpty();
  }

  boolean windowed() {
    return request.windowMs() > 0;
  }

  /**
   * @throws QueryFailure 400 for an invalid request, 404 if the metric has no series
   */
  static AggregatePlan of(SeriesCatalog catalog, AggregateRequest r) {
    validate(r);
    if (catalog.seriesOf(r.metric()).isEmpty()) {
      throw QueryFailure.notFound("metric " + r.metric() + " not found");
    }
    Set<Aggregate> returned = new LinkedHashSet<>(r.aggs().isEmpty() ? DEFAULT_AGGS : r.aggs());
    Set<Aggregate> computed = EnumSet.copyOf(returned);
    if (r.orderBy() != null) {
      computed.add(r.orderBy());
    }
    List<SeriesInfo> numeric = SeriesSelection.withTags(catalog, r.metric(), r.tags()).stream()
      .filter(s -> s.type().isNumeric()).toList();
    List<String> groupBy = List.copyOf(new LinkedHashSet<>(r.groupBy()));
    TreeMap<List<String>, Integer> keys = new TreeMap<>(GROUP_ORDER);
    List<List<String>> keyOf = new ArrayList<>(numeric.size());
    for (SeriesInfo s : numeric) {
      List<String> key = Arrays.asList(groupBy.stream().map(t -> s.tags().get(t)).toArray(String[]::new));
      keyOf.add(key);
      keys.put(key, 0);
    }
    List<Map<String, String>> groups = new ArrayList<>();
    for (Map.Entry<List<String>, Integer> e : keys.entrySet()) {
      e.setValue(groups.size());
      Map<String, String> tags = new LinkedHashMap<>();
      for (int i = 0; i < groupBy.size(); i++) {
        tags.put(groupBy.get(i), e.getKey().get(i));
      }
      groups.add(Collections.unmodifiableMap(tags));
    }
    int[] groupOf = new int[numeric.size()];
    for (int i = 0; i < numeric.size(); i++) {
      groupOf[i] = keys.get(keyOf.get(i));
    }
    return new AggregatePlan(r, Collections.unmodifiableSet(returned), computed, numeric, groupOf, groups);
  }

  private static void validate(AggregateRequest r) {
    if (r.metric() == null || r.metric().isEmpty()) {
      throw QueryFailure.badRequest("metric name is required");
    }
    if (r.aggs().stream().anyMatch(Objects::isNull)) {
      throw QueryFailure.badRequest("unknown aggregate; valid ones are avg, min, max, sum, count, p50, p90, p95, p99, "
        + "first, last, stddev");
    }
    if (r.from() > r.to()) {
      throw QueryFailure.badRequest("from must not be after to");
    }
    if (r.windowMs() < 0 || r.windowMs() > MAX_WINDOW_MS) {
      throw QueryFailure.badRequest("window must be positive and at most " + MAX_WINDOW_MS + " ms");
    }
    if (r.limit() < 0) {
      throw QueryFailure.badRequest("limit must not be negative");
    }
    for (String tag : r.groupBy()) {
      if (tag == null || tag.isEmpty()) {
        throw QueryFailure.badRequest("group_by tag names must not be empty");
      }
    }
  }
}
