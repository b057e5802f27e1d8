package io.raftmetrics.bench;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP bulk-ingest load on {@code POST /api/v1/datapoints}: {@code --connections} keep-alive connections, each
 * with one request in flight; a request holds {@code --metrics} metric objects of {@code --points} points, 3 tags;
 * {@code --series} distinct series in all (10 metric names × 100 tag combinations by default), each advancing in time
 * so that no point is overwritten. Reports acknowledged points/s, latency percentiles, server CPU per point (with
 * {@code --pid}) and the server's peak heap (from its management endpoint, {@code --mgmt}), then checks through
 * {@code /aggregate} that every acknowledged point is stored.
 */
public final class IngestLoad {

  private static final long T0 = 1_700_000_000_000L;

  public static void main(String[] argv) throws Exception {
    Args a = new Args(argv);
    URI url = URI.create(a.get("url", "http://127.0.0.1:8080"));
    String token = a.get("token", "local-dev-token-123");
    int connections = a.integer("connections", 16);
    int seconds = a.integer("seconds", 60);
    int warmup = a.integer("warmup", 10);
    int metrics = a.integer("metrics", 100);
    int points = a.integer("points", 100);
    int series = a.integer("series", 1000);
    long pid = a.longValue("pid", 0);
    String mgmt = a.get("mgmt", "");
    String prefix = a.get("prefix", "bench.m");

    Vertx vertx = Vertx.vertx();
    WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost(url.getHost())
      .setDefaultPort(url.getPort()).setKeepAlive(true),
      new PoolOptions().setHttp1MaxSize(connections));
    Bodies bodies = new Bodies(prefix, series, metrics, points, T0);
    HeapWatch heap = new HeapWatch(vertx, client, mgmt);

    System.out.printf("warm-up %d s, then %d s: %d connections, %d metrics x %d points per request, %d series%n",
      warmup, seconds, connections, metrics, points, series);
    Phase warm = run(vertx, client, token, bodies, connections, warmup, pid);
    heap.reset();
    Phase main = run(vertx, client, token, bodies, connections, seconds, pid);
    long acked = warm.ackedPoints + main.ackedPoints;
    System.out.printf("requests ok %d, failed %d%n", main.ok, main.failed);
    System.out.printf("acknowledged points/s: %.0f%n", main.ackedPoints / (main.elapsedNanos / 1e9));
    System.out.printf("latency ms: p50 %.1f  p99 %.1f  max %.1f%n", main.latencies.percentileMs(0.5),
      main.latencies.percentileMs(0.99), main.latencies.percentileMs(1.0));
    if (pid > 0) {
      System.out.printf("server CPU: %.2f cores, %.2f CPU-us per point%n",
        main.cpuMicros / (main.elapsedNanos / 1e3), (double) main.cpuMicros / main.ackedPoints);
    }
    heap.report();
    long stored = Verify.storedPoints(client, token, prefix, bodies.metricNames());
    System.out.printf("acknowledged %d points, stored %d (%s)%n", acked, stored, stored == acked ? "all" : "MISMATCH");
    client.close();
    vertx.close().await(10, TimeUnit.SECONDS);
    System.exit(stored == acked && main.failed == 0 ? 0 : 1);
  }

  static final class Phase {
    final Latencies latencies = new Latencies();
    long ok;
    long failed;
    long ackedPoints;
    long elapsedNanos;
    long cpuMicros;
  }

  private static Phase run(Vertx vertx, WebClient client, String token, Bodies bodies, int connections, int seconds,
                           long pid) throws InterruptedException {
    Phase p = new Phase();
    long cpu0 = ProcessCpu.micros(pid);
    long start = System.nanoTime();
    long end = start + seconds * 1_000_000_000L;
    CountDownLatch done = new CountDownLatch(connections);
    AtomicLong sent = new AtomicLong();
    // One context: every callback runs on the same event loop, so the counters need no synchronisation.
    Context ctx = vertx.getOrCreateContext();
    for (int c = 0; c < connections; c++) {
      ctx.runOnContext(v -> loop(client, token, bodies, end, p, done, sent));
    }
    done.await();
    p.elapsedNanos = System.nanoTime() - start;
    p.cpuMicros = ProcessCpu.micros(pid) - cpu0;
    return p;
  }

  private static void loop(WebClient client, String token, Bodies bodies, long end, Phase p, CountDownLatch done,
                           AtomicLong sent) {
    if (System.nanoTime() >= end) {
      done.countDown();
      return;
    }
    Bodies.Body body = bodies.next();
    long t0 = System.nanoTime();
    client.post("/api/v1/datapoints").putHeader("Authorization", "Bearer " + token)
      .putHeader("Content-Type", "application/json").sendBuffer(body.json()).onComplete(ar -> {
        p.latencies.add((System.nanoTime() - t0) / 1000);
        if (ar.succeeded() && ar.result().statusCode() == 204) {
          p.ok++;
          p.ackedPoints += body.points();
        } else {
          p.failed++;
          if (p.failed <= 5) {
            System.out.println("failed: " + (ar.succeeded() ? ar.result().statusCode() + " "
              + ar.result().bodyAsString() : ar.cause()));
          }
        }
        sent.incrementAndGet();
        loop(client, token, bodies, end, p, done, sent);
      });
  }

  private IngestLoad() {
  }
}
