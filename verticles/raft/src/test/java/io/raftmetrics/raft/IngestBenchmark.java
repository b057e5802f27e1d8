package io.raftmetrics.raft;

import io.raftmetrics.api.ingest.IngestAck;
import io.raftmetrics.api.ingest.IngestBatch;
import io.raftmetrics.api.ingest.IngestBatchWriter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Manual benchmark, not a test: committed and applied points per second through {@code ingest.write} on one node,
 * with 16 concurrent senders of 10,000-point batches. Run from {@code verticles/raft} after {@code test-compile}:
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) io.raftmetrics.raft.IngestBenchmark [batches]
 * </pre>
 */
public final class IngestBenchmark {

  private static final int SENDERS = 16;
  private static final int POINTS_PER_BATCH = 10_000;
  private static final int SERIES_PER_BATCH = 100;

  private IngestBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int total = args.length > 0 ? Integer.parseInt(args[0]) : 1200;
    Path dir = Files.createTempDirectory("raft-bench");
    List<IngestBatch> batches = new ArrayList<>(total);
    for (int i = 0; i < total; i++) {
      batches.add(batch(i));
    }
    System.out.printf("%d batches of %d points, %d bytes each%n", total, POINTS_PER_BATCH,
      batches.get(0).bytes().length);

    Vertx vertx = RaftTestSupport.newVertx();
    JsonObject config = RaftTestSupport.config(RaftTestSupport.peers(1), 0, dir)
      .put("election_timeout_min_ms", 1000).put("election_timeout_max_ms", 2000).put("request_timeout_ms", 30_000);
    RaftTestSupport.deploy(vertx, config).await(60, TimeUnit.SECONDS);
    RaftTestSupport.ingest(vertx, batch(-1)).await(60, TimeUnit.SECONDS);

    ConcurrentLinkedQueue<IngestBatch> queue = new ConcurrentLinkedQueue<>(batches);
    AtomicLong points = new AtomicLong();
    AtomicInteger failures = new AtomicInteger();
    long[] latencies = new long[total];
    AtomicInteger done = new AtomicInteger();
    com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpuStart = os.getProcessCpuTime();
    long start = System.nanoTime();
    List<Future<Void>> senders = new ArrayList<>();
    for (int s = 0; s < SENDERS; s++) {
      Promise<Void> finished = Promise.promise();
      vertx.runOnContext(v -> send(vertx, queue, points, failures, latencies, done, finished));
      senders.add(finished.future());
    }
    Future.all(senders).await(30, TimeUnit.MINUTES);
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
    Arrays.sort(latencies, 0, done.get());
    System.out.printf("%d points in %.1f s: %.0f points/s, %.1f batches/s, %d failures%n", points.get(), seconds,
      points.get() / seconds, done.get() / seconds, failures.get());
    // CPU per point is what the 2-core target depends on, and is less disturbed by other load on the machine
    System.out.printf("process CPU %.1f s (%.2f cores), %.2f CPU-ms per 10,000 points%n", cpuSeconds,
      cpuSeconds / seconds, cpuSeconds * 1e3 / (points.get() / 10_000.0));
    System.out.printf("commit latency ms: p50 %.1f, p99 %.1f, max %.1f%n", latencies[done.get() / 2] / 1e6,
      latencies[(int) (done.get() * 0.99)] / 1e6, latencies[done.get() - 1] / 1e6);
    vertx.close().await(60, TimeUnit.SECONDS);
  }

  private static void send(Vertx vertx, ConcurrentLinkedQueue<IngestBatch> queue, AtomicLong points,
                           AtomicInteger failures, long[] latencies, AtomicInteger done, Promise<Void> finished) {
    IngestBatch next = queue.poll();
    if (next == null) {
      finished.complete();
      return;
    }
    long t0 = System.nanoTime();
    RaftTestSupport.ingest(vertx, next).onComplete(ar -> {
      if (ar.succeeded()) {
        IngestAck ack = ar.result();
        points.addAndGet(ack.points());
      } else {
        failures.incrementAndGet();
        System.err.println("failed: " + ar.cause());
      }
      latencies[done.getAndIncrement()] = System.nanoTime() - t0;
      send(vertx, queue, points, failures, latencies, done, finished);
    });
  }

  /** 100 series of 100 points, as a KairosDB client batch would carry them; each batch its own time range. */
  private static IngestBatch batch(int n) {
    IngestBatchWriter w = new IngestBatchWriter(UUID.randomUUID(), System.currentTimeMillis(), 0, 160_000);
    long base = 1_700_000_000_000L + (n + 1) * 1_000_000L;
    int perSeries = POINTS_PER_BATCH / SERIES_PER_BATCH;
    for (int s = 0; s < SERIES_PER_BATCH; s++) {
      w.startMetric("bench.cpu", new TreeMap<>(Map.of("host", "host-" + s, "dc", "dc-" + (s % 4))), 0);
      for (int p = 0; p < perSeries; p++) {
        w.addDouble(base + p * 1000L, Math.sin(n + s + p) * 100);
      }
      w.endMetric();
    }
    return w.finish();
  }
}
