package io.raftmetrics.store;

import io.raftmetrics.api.ingest.IngestBatchWriter;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Manual benchmark of {@link DuckReplica#apply} on one thread: batches of 100 series x 100 points, timestamps rising
 * (the append path), then 200 batches rewriting stored timestamps with new values (the overwrite path).
 * Not a test; run with {@code java -cp <test classpath> io.raftmetrics.store.ApplyBenchmark [batches] [dir]
 * [checkpoint_threshold]}.
 */
public final class ApplyBenchmark {

  private static final int SERIES = 100;
  private static final int POINTS = 100;

  private ApplyBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int batches = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("apply-bench");
    Path file = dir.resolve("bench.duckdb");
    Files.deleteIfExists(file);
    Files.deleteIfExists(ReplicaSnapshots.walOf(file));
    List<byte[]> log = new ArrayList<>();
    for (int b = 0; b < batches; b++) {
      log.add(batch(1_700_000_000_000L + (long) b * POINTS * 1000));
    }
    try (Replica replica = DuckReplica.open(0, file, null)) {
      if (args.length > 2) {
        try (Connection c = replica.openReader(); Statement st = c.createStatement()) {
          st.execute("SET GLOBAL checkpoint_threshold = '" + args[2] + "'");
        }
      }
      long index = 0;
      int warmup = Math.min(100, batches / 10);
      for (int b = 0; b < warmup; b++) {
        replica.apply(1, ++index, log.get(b));
      }
      long heapBefore = usedHeap();
      long cpu0 = processCpuNanos();
      long t0 = System.nanoTime();
      for (int b = warmup; b < batches; b++) {
        replica.apply(1, ++index, log.get(b));
      }
      report("append", (long) (batches - warmup) * SERIES * POINTS, System.nanoTime() - t0, processCpuNanos() - cpu0);
      long heapAfter = usedHeap();
      System.out.printf("heap growth %.2f MB over %d stored points (%.3f bytes/point)%n",
        (heapAfter - heapBefore) / 1e6, (long) batches * SERIES * POINTS,
        (heapAfter - heapBefore) / (double) ((long) batches * SERIES * POINTS));

      int rewrites = Math.min(200, batches);
      List<byte[]> again = new ArrayList<>();
      for (int b = 0; b < rewrites; b++) {
        again.add(batch(1_700_000_000_000L + (long) (batches - rewrites + b) * POINTS * 1000));
      }
      long cpu1 = processCpuNanos();
      long t1 = System.nanoTime();
      for (byte[] entry : again) {
        replica.apply(1, ++index, entry);
      }
      report("overwrite", (long) rewrites * SERIES * POINTS, System.nanoTime() - t1, processCpuNanos() - cpu1);
      System.out.printf("file %.1f MB%n", Files.size(file) / 1e6);
    }
  }

  private static byte[] batch(long startTs) {
    IngestBatchWriter w = new IngestBatchWriter(UUID.randomUUID(), 0, 0, SERIES * POINTS * 12);
    for (int s = 0; s < SERIES; s++) {
      Map<String, String> tags = new TreeMap<>(Map.of("host", "host-" + s, "dc", "dc-" + (s % 4)));
      w.startMetric("bench.metric", new TreeMap<>(tags), 0);
      for (int p = 0; p < POINTS; p++) {
        w.addDouble(startTs + p * 1000L, s * 0.5 + p);
      }
      w.endMetric();
    }
    return w.finish().bytes();
  }

  /**
   * Wall-clock rate, plus the rate per CPU-second of the whole process (Java and DuckDB threads), which says more
   * than wall time when other processes compete for the cores.
   */
  private static void report(String what, long points, long nanos, long cpuNanos) {
    System.out.printf("%-9s %,d points in %.0f ms: %,.0f points/s wall, %,.0f points per CPU-second (load %.1f)%n",
      what, points, nanos / 1e6, points / (nanos / 1e9), points / (cpuNanos / 1e9),
      ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
      .getProcessCpuTime();
  }

  private static long usedHeap() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
