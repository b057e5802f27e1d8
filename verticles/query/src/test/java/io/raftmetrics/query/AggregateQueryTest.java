package io.raftmetrics.query;

import io.raftmetrics.api.ErrorCode;
import io.raftmetrics.api.ingest.IngestBatchWriter;
import io.raftmetrics.api.query.Aggregate;
import io.raftmetrics.api.query.AggregateRequest;
import io.raftmetrics.api.query.AggregateResult;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static io.raftmetrics.query.Dataset.T0;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class AggregateQueryTest {

  private static final List<Aggregate> ALL = List.of(Aggregate.values());
  private static final long MINUTE = 60_000;

  @TempDir
  Path dir;
  private QueryHarness harness;

  @BeforeEach
  void setUp(Vertx vertx) {
    harness = QueryHarness.withReplica(vertx, dir);
    Dataset.entries().forEach(harness::apply);
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  private static AggregateRequest request(String metric, long from, long to, long window, List<Aggregate> aggs,
                                          List<String> groupBy, Map<String, String> tags) {
    return new AggregateRequest(metric, from, to, window, aggs, groupBy, tags, null, false, 0, false);
  }

  private static AggregateRequest all(String metric) {
    return request(metric, Long.MIN_VALUE, Long.MAX_VALUE, 0, ALL, List.of(), Map.of());
  }

  @Test
  void everyAggregateOverAllPointsMatchesAnIndependentComputation() throws Exception {
    harness.deploy(new JsonObject());

    AggregateResult r = harness.ask(all("cpu"));

    Expected.assertSame(r.aggregations(), Expected.aggregates(Dataset.points("cpu"), ALL));
    assertThat(r.aggregations().get("count")).isEqualTo(650L);
    assertThat(r.windows()).isEmpty();
    assertThat(r.groups()).isEmpty();
  }

  @Test
  void rangeIncludesFromAndExcludesTo() throws Exception {
    harness.deploy(new JsonObject());
    long from = T0 + 7_000;
    long to = T0 + 77_000;

    AggregateResult r = harness.ask(request("cpu", from, to, 0, ALL, List.of(), Map.of()));

    List<Dataset.Point> inRange = Dataset.points("cpu").stream().filter(p -> p.ts() >= from && p.ts() < to).toList();
    Expected.assertSame(r.aggregations(), Expected.aggregates(inRange, ALL));
    assertThat(inRange).anyMatch(p -> p.ts() == from).noneMatch(p -> p.ts() == to);
  }

  @Test
  void windowsAreAlignedToMultiplesOfTheWidthAndDefaultAggregatesApply() throws Exception {
    harness.deploy(new JsonObject());

    AggregateResult r = harness.ask(request("cpu", Long.MIN_VALUE, Long.MAX_VALUE, MINUTE, List.of(), List.of(),
      Map.of()));

    List<Aggregate> defaults = List.of(Aggregate.AVG, Aggregate.MIN, Aggregate.MAX, Aggregate.COUNT);
    TreeMap<Long, List<Dataset.Point>> expected = byWindow(Dataset.points("cpu"), MINUTE);
    assertThat(r.windows()).extracting(AggregateResult.Window::start).containsExactlyElementsOf(expected.keySet());
    for (AggregateResult.Window w : r.windows()) {
      assertThat(w.start() % MINUTE).isZero();
      assertThat(w.end()).isEqualTo(w.start() + MINUTE);
      Expected.assertSame(w.aggregations(), Expected.aggregates(expected.get(w.start()), defaults));
    }
    Expected.assertSame(r.aggregations(), Expected.aggregates(Dataset.points("cpu"), defaults));
  }

  @Test
  void negativeTimestampsFallInFlooredWindows() throws Exception {
    harness.deploy(new JsonObject());

    AggregateResult r = harness.ask(request("neg", Long.MIN_VALUE, Long.MAX_VALUE, MINUTE,
      List.of(Aggregate.COUNT, Aggregate.FIRST), List.of(), Map.of()));

    // Points at -150000, -130000, ..., 130000.
    assertThat(r.windows()).extracting(AggregateResult.Window::start)
      .containsExactly(-180_000L, -120_000L, -60_000L, 0L, 60_000L, 120_000L);
    assertThat(r.windows()).extracting(w -> w.aggregations().get("count")).containsExactly(2L, 3L, 3L, 3L, 3L, 1L);
    assertThat(r.windows()).extracting(w -> w.aggregations().get("first")).containsExactly(0.0, 2.0, 5.0, 8.0, 11.0, 14.0);
  }

  @Test
  void groupsBySeriesTagsWithAMissingTagAsNullAndWindowsPerGroup() throws Exception {
    harness.deploy(new JsonObject());
    List<Aggregate> aggs = List.of(Aggregate.SUM, Aggregate.P90, Aggregate.LAST, Aggregate.STDDEV, Aggregate.COUNT);

    AggregateResult r = harness.ask(request("cpu", Long.MIN_VALUE, Long.MAX_VALUE, 10 * MINUTE, aggs, List.of("dc"),
      Map.of()));

    List<Dataset.Point> points = Dataset.points("cpu");
    assertThat(r.groups()).extracting(g -> g.tags().get("dc")).containsExactly(null, "x", "y");
    for (AggregateResult.Group g : r.groups()) {
      String dc = g.tags().get("dc");
      assertThat(g.tags()).containsOnlyKeys("dc");
      List<Dataset.Point> ofGroup = points.stream().filter(p -> Objects.equals(p.tags().get("dc"), dc)).toList();
      Expected.assertSame(g.aggregations(), Expected.aggregates(ofGroup, aggs));
      TreeMap<Long, List<Dataset.Point>> windows = byWindow(ofGroup, 10 * MINUTE);
      assertThat(g.windows()).extracting(AggregateResult.Window::start).containsExactlyElementsOf(windows.keySet());
      g.windows().forEach(w -> Expected.assertSame(w.aggregations(), Expected.aggregates(windows.get(w.start()), aggs)));
    }
    TreeMap<Long, List<Dataset.Point>> all = byWindow(points, 10 * MINUTE);
    assertThat(r.windows()).extracting(AggregateResult.Window::start).containsExactlyElementsOf(all.keySet());
    r.windows().forEach(w -> Expected.assertSame(w.aggregations(), Expected.aggregates(all.get(w.start()), aggs)));
    Expected.assertSame(r.aggregations(), Expected.aggregates(points, aggs));
  }

  @Test
  void everyAggregateAtEveryLevelWithOnlyWindowsOrOnlyGroups() throws Exception {
    harness.deploy(new JsonObject());
    List<Dataset.Point> points = Dataset.points("cpu");

    AggregateResult windowed = harness.ask(request("cpu", Long.MIN_VALUE, Long.MAX_VALUE, 5 * MINUTE, ALL, List.of(),
      Map.of()));
    AggregateResult grouped = harness.ask(request("cpu", Long.MIN_VALUE, Long.MAX_VALUE, 0, ALL, List.of("host"),
      Map.of()));

    TreeMap<Long, List<Dataset.Point>> windows = byWindow(points, 5 * MINUTE);
    assertThat(windowed.windows()).hasSize(windows.size());
    windowed.windows().forEach(w -> Expected.assertSame(w.aggregations(), Expected.aggregates(windows.get(w.start()), ALL)));
    Expected.assertSame(windowed.aggregations(), Expected.aggregates(points, ALL));
    assertThat(grouped.groups()).extracting(g -> g.tags().get("host")).containsExactly("a", "b", "c");
    grouped.groups().forEach(g -> Expected.assertSame(g.aggregations(), Expected.aggregates(
      points.stream().filter(p -> p.tags().get("host").equals(g.tags().get("host"))).toList(), ALL)));
    assertThat(grouped.groups()).allSatisfy(g -> assertThat(g.windows()).isEmpty());
    Expected.assertSame(grouped.aggregations(), Expected.aggregates(points, ALL));
  }

  @Test
  void groupsAreOrderedByAnAggregateThenLimited() throws Exception {
    harness.deploy(new JsonObject());
    List<Dataset.Point> points = Dataset.points("cpu");
    Map<String, Double> avgByHost = points.stream().collect(Collectors.groupingBy(p -> p.tags().get("host"),
      Collectors.averagingDouble(Dataset.Point::value)));
    List<String> byAvgDesc = avgByHost.entrySet().stream()
      .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).map(Map.Entry::getKey).toList();

    AggregateResult desc = harness.ask(new AggregateRequest("cpu", Long.MIN_VALUE, Long.MAX_VALUE, 0,
      List.of(Aggregate.COUNT), List.of("host"), Map.of(), Aggregate.AVG, true, 2, false));
    AggregateResult asc = harness.ask(new AggregateRequest("cpu", Long.MIN_VALUE, Long.MAX_VALUE, 0,
      List.of(Aggregate.AVG), List.of("host"), Map.of(), Aggregate.AVG, false, 0, false));

    assertThat(desc.groups()).extracting(g -> g.tags().get("host")).containsExactlyElementsOf(byAvgDesc.subList(0, 2));
    assertThat(desc.groups().get(0).aggregations()).containsOnlyKeys("count");
    List<String> byAvgAsc = new ArrayList<>(byAvgDesc);
    Collections.reverse(byAvgAsc);
    assertThat(asc.groups()).extracting(g -> g.tags().get("host")).containsExactlyElementsOf(byAvgAsc);
  }

  @Test
  void windowsAreOrderedAndLimitedWhenNotGrouping() throws Exception {
    harness.deploy(new JsonObject());
    TreeMap<Long, List<Dataset.Point>> windows = byWindow(Dataset.points("cpu"), MINUTE);
    List<Long> expected = windows.entrySet().stream()
      .sorted(Comparator.comparingDouble((Map.Entry<Long, List<Dataset.Point>> e) ->
        e.getValue().stream().mapToDouble(Dataset.Point::value).max().orElseThrow()).reversed()
        .thenComparing(Map.Entry::getKey))
      .limit(3).map(Map.Entry::getKey).toList();

    AggregateResult r = harness.ask(new AggregateRequest("cpu", Long.MIN_VALUE, Long.MAX_VALUE, MINUTE,
      List.of(Aggregate.MAX), List.of(), Map.of(), Aggregate.MAX, true, 3, false));

    assertThat(r.windows()).extracting(AggregateResult.Window::start).containsExactlyElementsOf(expected);
  }

  @Test
  void tagsFilterSelectsSeriesWithExactValues() throws Exception {
    harness.deploy(new JsonObject());

    AggregateResult r = harness.ask(request("cpu", Long.MIN_VALUE, Long.MAX_VALUE, 0, ALL, List.of(),
      Map.of("dc", "x", "host", "b")));

    Predicate<Dataset.Point> hostB = p -> "b".equals(p.tags().get("host"));
    Expected.assertSame(r.aggregations(), Expected.aggregates(Dataset.points("cpu").stream().filter(hostB).toList(), ALL));
  }

  @Test
  void metricWithoutNumericPointsGivesEmptyAggregates() throws Exception {
    IngestBatchWriter w = new IngestBatchWriter(UUID.randomUUID(), 0, 0);
    harness.apply(w.startMetric("words", new TreeMap<>(Map.of("k", "v")), 0).addString(1, "hi").endMetric().finish().bytes());
    harness.deploy(new JsonObject());

    AggregateResult r = harness.ask(all("words"));
    AggregateResult noMatch = harness.ask(request("cpu", Long.MIN_VALUE, Long.MAX_VALUE, MINUTE, List.of(), List.of("host"),
      Map.of("host", "zzz")));

    assertThat(r.aggregations().get("count")).isEqualTo(0L);
    assertThat(r.aggregations()).containsEntry("avg", null).containsEntry("p99", null).hasSize(ALL.size());
    assertThat(noMatch.aggregations().get("count")).isEqualTo(0L);
    assertThat(noMatch.windows()).isEmpty();
    assertThat(noMatch.groups()).isEmpty();
  }

  @Test
  void unknownMetricIsNotFoundAndInvalidRequestsAreRejected() throws Exception {
    harness.deploy(new JsonObject());

    assertThat(harness.failure(all("nope")).failureCode()).isEqualTo(404);
    List<AggregateRequest> invalid = List.of(
      request("cpu", 10, 0, 0, ALL, List.of(), Map.of()),
      request("cpu", 0, 10, -1, ALL, List.of(), Map.of()),
      request("cpu", 0, 10, 0, ALL, List.of(""), Map.of()),
      request("", 0, 10, 0, ALL, List.of(), Map.of()),
      new AggregateRequest("cpu", 0, 10, 0, ALL, List.of(), Map.of(), null, false, -1, false));
    for (AggregateRequest bad : invalid) {
      assertThat(harness.failure(bad).failureCode()).as(bad.toString()).isEqualTo(ErrorCode.BAD_REQUEST.code());
    }
  }

  @Test
  void tooManyWindowsIsALimitError() throws Exception {
    harness.deploy(new JsonObject().put("max_result_rows", 10));

    var failure = harness.failure(request("cpu", Long.MIN_VALUE, Long.MAX_VALUE, 1, List.of(), List.of(), Map.of()));

    assertThat(failure.failureCode()).isEqualTo(ErrorCode.LIMIT_EXCEEDED.code());
    assertThat(failure.getMessage()).contains("more than 10");
  }

  private static TreeMap<Long, List<Dataset.Point>> byWindow(List<Dataset.Point> points, long width) {
    TreeMap<Long, List<Dataset.Point>> out = new TreeMap<>();
    for (Dataset.Point p : points) {
      out.computeIfAbsent(Math.floorDiv(p.ts(), width) * width, k -> new ArrayList<>()).add(p);
    }
    return out;
  }
}
