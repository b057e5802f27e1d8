package io.raftmetrics.launcher.e2e;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * End-to-end latency of KairosDB queries over HTTP on a single-JVM node (gateway, Raft, DuckDB), the figures of
 * {@code docs/benchmarks-kairos-query.md}. A {@code main}, run by hand (see that page for the command):
 * <ol>
 *   <li>one metric, 10 of its 20 series selected by tag, 24 h at 10 s (86,400 points), {@code avg} over 1 minute;</li>
 *   <li>1000 series x 1 h at 10 s (360,000 points), {@code group_by} tag, {@code sum} over 5 minutes.</li>
 * </ol>
 * Each scenario runs with long and with double values (longs go through the DuckDB push-down, doubles through the
 * streaming path). Requests are sequential on one keep-alive connection; the latency is the client's, and the CPU
 * time per query is the whole process's (server and client) over the measured runs, which the load of the machine
 * does not inflate.
 */
public final class KairosQueryBenchmark {

  private static final long T0 = 1_700_006_400_000L;
  private static final int WARMUP = 30;
  private static final int RUNS = 200;

  private KairosQueryBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("kairos-bench");
    // -Dbench.duckdb_threads=1 sets query.duckdb_threads (DuckDB's default is one thread per core)
    String threads = System.getProperty("bench.duckdb_threads");
    String override = threads == null ? "" : "query:\n  duckdb_threads: " + threads + "\n";
    System.out.println("query.duckdb_threads: " + (threads == null ? "default" : threads));
    try (NodeHarness node = NodeHarness.start(dir, override);
         KairosQueryServer queries = KairosQueryServer.of(node)) {
      for (String type : new String[] {"long", "double"}) {
        ingest(node, "bench.day." + type, 20, 8640, 10_000, type, i -> i % 2 == 0 ? "yes" : "no", i -> "r" + i % 5);
        ingest(node, "bench.hour." + type, 1000, 360, 10_000, type, i -> "yes", i -> "r" + i % 10);
      }
      for (String type : new String[] {"long", "double"}) {
        run(queries, "10 series x 24 h at 10 s, avg 1 min (" + type + ")", "{\"start_absolute\":" + T0
          + ",\"end_absolute\":" + (T0 + 86_400_000L - 1) + ",\"metrics\":[{\"name\":\"bench.day." + type
          + "\",\"tags\":{\"sel\":\"yes\"},\"aggregators\":[{\"name\":\"avg\",\"sampling\":{\"value\":1,"
          + "\"unit\":\"minutes\"}}]}]}", 86_400);
        for (String tag : new String[] {"rack", "host"}) {
          run(queries, "1000 series x 1 h at 10 s, group_by " + tag + ", sum 5 min (" + type + ")",
            "{\"start_absolute\":" + T0 + ",\"end_absolute\":" + (T0 + 3_600_000L - 1) + ",\"metrics\":[{\"name\":"
              + "\"bench.hour." + type + "\",\"group_by\":[{\"name\":\"tag\",\"tags\":[\"" + tag + "\"]}],"
              + "\"aggregators\":[{\"name\":\"sum\",\"sampling\":{\"value\":5,\"unit\":\"minutes\"}}]}]}", 360_000);
        }
      }
    }
  }

  private interface Tag {
    String of(int series);
  }

  private static void ingest(NodeHarness node, String metric, int series, int points, long step, String type,
                             Tag sel, Tag rack) throws Exception {
    long started = System.nanoTime();
    int perRequest = Math.max(1, 50_000 / points);
    for (int s0 = 0; s0 < series; s0 += perRequest) {
      StringBuilder body = new StringBuilder(4 << 20).append('[');
      for (int s = s0; s < Math.min(series, s0 + perRequest); s++) {
        body.append(s == s0 ? "" : ",").append("{\"name\":\"").append(metric).append("\",\"tags\":{\"host\":\"h")
          .append(s).append("\",\"sel\":\"").append(sel.of(s)).append("\",\"rack\":\"").append(rack.of(s))
          .append("\"},\"datapoints\":[");
        for (int i = 0; i < points; i++) {
          long v = (i * 37L + s * 11L) % 1000;
          body.append(i == 0 ? "[" : ",[").append(T0 + i * step).append(',')
            .append(type.equals("long") ? Long.toString(v) : (v / 8.0) + "").append(']');
        }
        body.append("]}");
      }
      HttpResponse<Buffer> r = node.post("/api/v1/datapoints").sendBuffer(Buffer.buffer(body.append(']').toString()))
        .await(120, TimeUnit.SECONDS);
      if (r.statusCode() != 204) {
        throw new IllegalStateException("ingest failed: " + r.statusCode() + " " + r.bodyAsString());
      }
    }
    System.out.printf("ingested %s: %d series x %d points in %.1f s%n", metric, series, points,
      (System.nanoTime() - started) / 1e9);
  }

  private static void run(KairosQueryServer queries, String name, String query, long expectedSample) throws Exception {
    long[] nanos = new long[RUNS];
    com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long cpu = 0;
    for (int i = -WARMUP; i < RUNS; i++) {
      if (i == 0) {
        cpu = os.getProcessCpuTime();
      }
      long t = System.nanoTime();
      HttpResponse<Buffer> r = queries.client.post("/api/v1/datapoints/query")
        .putHeader("Authorization", "Bearer " + NodeHarness.TOKEN).sendBuffer(Buffer.buffer(query))
        .await(60, TimeUnit.SECONDS);
      long elapsed = System.nanoTime() - t;
      if (r.statusCode() != 200) {
        throw new IllegalStateException(name + ": " + r.statusCode() + " " + r.bodyAsString());
      }
      long sample = new JsonObject(r.bodyAsString()).getJsonArray("queries").getJsonObject(0).getLong("sample_size");
      if (sample != expectedSample) {
        throw new IllegalStateException(name + ": sample_size " + sample + ", expected " + expectedSample);
      }
      if (i >= 0) {
        nanos[i] = elapsed;
      }
    }
    cpu = os.getProcessCpuTime() - cpu;
    Arrays.sort(nanos);
    System.out.printf("%-60s p50 %6.1f ms  p90 %6.1f ms  p99 %6.1f ms  max %6.1f ms  cpu/query %5.1f ms%n", name,
      nanos[RUNS / 2] / 1e6, nanos[RUNS * 90 / 100] / 1e6, nanos[RUNS * 99 / 100] / 1e6, nanos[RUNS - 1] / 1e6,
      cpu / 1e6 / RUNS);
  }
}
