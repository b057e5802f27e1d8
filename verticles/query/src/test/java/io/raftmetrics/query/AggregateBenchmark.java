package io.raftmetrics.query;

import io.raftmetrics.api.Addresses;
import io.raftmetrics.api.Codecs;
import io.raftmetrics.api.ingest.IngestBatchWriter;
import io.raftmetrics.api.node.NodeServices;
import io.raftmetrics.api.query.Aggregate;
import io.raftmetrics.api.query.AggregateRequest;
import io.raftmetrics.api.query.AggregateResult;
import io.raftmetrics.store.DuckReplica;
import io.raftmetrics.store.Replica;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Manual benchmark of {@code /aggregate}: one metric of 100 series x 100,000 points (10 million, one per second per
 * series), 1-minute windows. Measures the DuckDB path directly on a {@link ShardReader} and the round trip through
 * the event bus to a deployed {@link QueryVerticle}. Not a test; run with
 * {@code java -cp <test classpath> io.raftmetrics.query.AggregateBenchmark [dir] [duckdb threads]}; the data file is
 * kept in {@code dir} and reused by later runs.
 */
public final class AggregateBenchmark {

  private static final int SERIES = 100;
  private static final int POINTS_PER_SERIES = 100_000;
  private static final long T0 = 1_700_000_000_000L;
  private static final int RUNS = 10;

  private AggregateBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("aggregate-bench");
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
    try (Replica replica = DuckReplica.open(0, dir.resolve("bench.duckdb"), null)) {
      if (replica.catalog().seriesOf("bench").isEmpty()) {
        ingest(replica);
      }
      long points = (long) SERIES * POINTS_PER_SERIES;
      List<Aggregate> defaults = List.of(Aggregate.AVG, Aggregate.MIN, Aggregate.MAX, Aggregate.COUNT);
      Map<String, AggregateRequest> cases = new java.util.LinkedHashMap<>();
      cases.put("default aggs, 1m windows", request(defaults, 60_000, List.of()));
      cases.put("default aggs, no window", request(defaults, 0, List.of()));
      cases.put("default aggs, 1m windows, group by dc", request(defaults, 60_000, List.of("dc")));
      cases.put("all aggs (p50..p99, stddev, first, last), 1m windows", request(List.of(Aggregate.values()), 60_000,
        List.of()));
      try (ShardReader reader = ShardReader.open(replica, 600)) {
        reader.configure(threads, null);
        System.out.printf("DuckDB threads: %d, points: %,d%n", threads, points);
        for (Map.Entry<String, AggregateRequest> c : cases.entrySet()) {
          long[] ms = new long[RUNS];
          for (int i = -3; i < RUNS; i++) {
            long t0 = System.nanoTime();
            AggregateResult r = AggregateQuery.run(reader, c.getValue(), 1_000_000);
            if (i >= 0) {
              ms[i] = (System.nanoTime() - t0) / 1_000_000;
            }
            if ((Long) r.aggregations().get("count") != points) {
              throw new IllegalStateException("wrong count " + r.aggregations().get("count"));
            }
          }
          report("direct " + c.getKey(), ms, points, threads);
        }
      }
      viaEventBus(replica, cases.values().iterator().next(), points, threads);
    }
  }

  private static void viaEventBus(Replica replica, AggregateRequest request, long points, int threads)
    throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Codecs.registerAll(vertx.eventBus());
      NodeServices.of(vertx).put(NodeServices.replicaKey(0), replica);
      vertx.deployVerticle(QueryVerticle.class, QueryHarness.worker(new JsonObject().put("duckdb_threads", threads), 2))
        .await(60, TimeUnit.SECONDS);
      long[] ms = new long[RUNS];
      for (int i = -3; i < RUNS; i++) {
        long t0 = System.nanoTime();
        vertx.eventBus().request(Addresses.queryShard(0), request).await(60, TimeUnit.SECONDS);
        if (i >= 0) {
          ms[i] = (System.nanoTime() - t0) / 1_000_000;
        }
      }
      report("event bus default aggs, 1m windows", ms, points, threads);
    } finally {
      vertx.close().await(60, TimeUnit.SECONDS);
    }
  }

  private static AggregateRequest request(List<Aggregate> aggs, long window, List<String> groupBy) {
    return new AggregateRequest("bench", Long.MIN_VALUE, Long.MAX_VALUE, window, aggs, groupBy, Map.of(), null, false,
      0, false);
  }

  private static void ingest(Replica replica) {
    long t0 = System.nanoTime();
    long index = replica.lastApplied().index();
    for (int chunk = 0; chunk < POINTS_PER_SERIES / 100; chunk++) {
      IngestBatchWriter w = new IngestBatchWriter(UUID.randomUUID(), 0, 0, SERIES * 100 * 12);
      for (int s = 0; s < SERIES; s++) {
        w.startMetric("bench", new TreeMap<>(Map.of("host", "host-" + s, "dc", "dc-" + s % 4)), 0);
        for (int p = 0; p < 100; p++) {
          long i = chunk * 100L + p;
          w.addDouble(T0 + i * 1000, (i * 7919 + s * 31) % 10_000 / 10.0);
        }
        w.endMetric();
      }
      replica.apply(1, ++index, w.finish().bytes());
    }
    System.out.printf("ingested %,d points in %.1f s%n", (long) SERIES * POINTS_PER_SERIES,
      (System.nanoTime() - t0) / 1e9);
  }

  private static void report(String what, long[] ms, long points, int threads) {
    long[] sorted = ms.clone();
    Arrays.sort(sorted);
    long median = sorted[sorted.length / 2];
    System.out.printf("%-60s min %4d ms, median %4d ms, %,.0f rows/s (%,.0f per DuckDB thread)%n", what, sorted[0],
      median, points / (median / 1000.0), points / (median / 1000.0) / threads);
  }
}
