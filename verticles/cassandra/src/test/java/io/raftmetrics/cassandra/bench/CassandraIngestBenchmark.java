package io.raftmetrics.cassandra.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.raftmetrics.api.Addresses;
import io.raftmetrics.api.Codecs;
import io.raftmetrics.api.ingest.IngestBatch;
import io.raftmetrics.api.ingest.IngestBatchWriter;
import io.raftmetrics.cassandra.CassandraVerticle;
import io.raftmetrics.cassandra.kairos.RowKey;
import io.raftmetrics.cassandra.kairos.RowSpec;
import io.raftmetrics.testkit.cassandra.CassandraExtension;
import io.raftmetrics.testkit.cassandra.CassandraOptions;
import io.raftmetrics.testkit.cassandra.CassandraProcess;
import io.raftmetrics.testkit.cassandra.CassandraRuntime;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Direct-mode ingest throughput against a Cassandra on the same machine (RF 1, write consistency ONE): {@code series}
 * series, requests of {@code pointsPerRequest} points ({@code seriesPerRequest} series each), {@code inFlight}
 * requests outstanding. Points are counted in Cassandra after the run, partition by partition; CPU time is taken
 * from this JVM ({@code getProcessCpuTime}) and from the Cassandra process ({@code /proc/<pid>/stat}) separately.
 * Batches are built before the clock starts, so the figures cover the writer, not the request generator.
 *
 * <pre>
 * mvn -B -q -pl verticles/cassandra test-compile dependency:build-classpath \
 *   -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * cd verticles/cassandra
 * java -cp target/test-classes:target/classes:$(cat target/bench.cp) -Dproject.root=$(cd ../.. &amp;&amp; pwd) \
 *   io.raftmetrics.cassandra.bench.CassandraIngestBenchmark [points] [seriesPerRequest]
 * </pre>
 *
 * Further knobs as system properties: {@code bench.series} (1000), {@code bench.pointsPerRequest} (100),
 * {@code bench.inFlight} (64), {@code bench.cassandraHeapMb} (2048), {@code bench.protocol} (V4), and the batch keys
 * of the verticle as {@code bench.batch.max_statements}, {@code bench.batch.small_partition_rows} etc.
 */
public final class CassandraIngestBenchmark {

  private static final long T0 = 1_700_000_000_000L;

  private CassandraIngestBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    long totalPoints = args.length > 0 ? Long.parseLong(args[0]) : 3_000_000;
    int seriesPerRequest = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    int series = Integer.getInteger("bench.series", 1000);
    int pointsPerRequest = Integer.getInteger("bench.pointsPerRequest", 100);
    int inFlight = Integer.getInteger("bench.inFlight", 64);
    int requests = (int) (totalPoints / pointsPerRequest);

    Path dir = Files.createTempDirectory("cassandra-bench-");
    CassandraProcess cassandra = CassandraProcess.start(CassandraRuntime.locate(), CassandraOptions.onFreePorts(dir)
      .withHeapMb(Integer.getInteger("bench.cassandraHeapMb", 2048)).withMemtableMb(256));
    Vertx vertx = Vertx.vertx();
    try {
      Codecs.registerAll(vertx.eventBus());
      JsonObject config = new JsonObject().put("mode", "direct")
        .put("contact_points", new JsonArray().add("127.0.0.1:" + cassandra.options().nativePort()))
        .put("keyspace", "bench").put("write_consistency", "ONE")
        .put("protocol_version", System.getProperty("bench.protocol", "V4"))
        .put("batch", new JsonObject()
          .put("max_statements", Integer.getInteger("bench.batch.max_statements", 100))
          .put("max_concurrent_requests", Integer.getInteger("bench.batch.max_concurrent_requests", 32))
          .put("max_window_points", Integer.getInteger("bench.batch.max_window_points", 20_000))
          .put("max_windows_in_flight", Integer.getInteger("bench.batch.max_windows_in_flight", 2))
          .put("small_partition_rows", Integer.getInteger("bench.batch.small_partition_rows", 10)));
      vertx.deployVerticle(new CassandraVerticle(), new DeploymentOptions().setConfig(config))
        .await(120, TimeUnit.SECONDS);

      List<IngestBatch> batches = batches(requests, series, pointsPerRequest, seriesPerRequest);
      System.out.printf("cassandra pid %d; %d requests of %d points (%d series each), %d series, %d in flight%n",
        cassandra.pid(), requests, pointsPerRequest, seriesPerRequest, series, inFlight);
      run(vertx, batches.subList(0, Math.min(batches.size(), 2_000)), inFlight);

      long cpu0 = jvmCpuNanos();
      long ccpu0 = cassandraCpuNanos(cassandra.pid());
      long t0 = System.nanoTime();
      run(vertx, batches, inFlight);
      long elapsed = System.nanoTime() - t0;
      long cpu = jvmCpuNanos() - cpu0;
      long ccpu = cassandraCpuNanos(cassandra.pid()) - ccpu0;

      // The warm-up's cells are rewritten by the timed run: every point is one distinct cell.
      long stored = count(cassandra, series, requests, pointsPerRequest);
      long sent = (long) requests * pointsPerRequest;
      double seconds = elapsed / 1e9;
      System.out.printf("acknowledged %d points in %.2f s: %.0f points/s%n", sent, seconds, sent / seconds);
      System.out.printf("counted in Cassandra afterwards: %d points (%s)%n", stored,
        stored == sent ? "all" : "MISSING " + (sent - stored));
      System.out.printf("CPU per point: this JVM %.2f us, Cassandra %.2f us (machine: %d cores)%n",
        cpu / 1e3 / sent, ccpu / 1e3 / sent, Runtime.getRuntime().availableProcessors());
    } finally {
      vertx.close().await(60, TimeUnit.SECONDS);
      cassandra.stop();
      CassandraExtension.deleteTree(dir);
    }
  }

  /** Request {@code r} carries {@code seriesPerRequest} series with consecutive timestamps, 1 s apart. */
  private static List<IngestBatch> batches(int requests, int series, int points, int seriesPerRequest) {
    List<IngestBatch> out = new ArrayList<>(requests);
    int perSeries = points / seriesPerRequest;
    int[] next = new int[series];
    int s = 0;
    for (int r = 0; r < requests; r++) {
      IngestBatchWriter w = new IngestBatchWriter(UUID.randomUUID(), System.currentTimeMillis(), 0);
      for (int k = 0; k < seriesPerRequest; k++, s = (s + 1) % series) {
        w.startMetric("bench.metric", tags(s), 0);
        for (int p = 0; p < perSeries; p++) {
          long ts = T0 + next[s]++ * 1000L;
          w.addLong(ts, ts / 1000 % 1_000_000);
        }
        w.endMetric();
      }
      out.add(w.finish());
    }
    return out;
  }

  private static TreeMap<String, String> tags(int s) {
    TreeMap<String, String> t = new TreeMap<>();
    t.put("host", "host-" + (s % 100));
    t.put("series", Integer.toString(s));
    return t;
  }

  /** Sends every batch with at most {@code inFlight} requests outstanding; fails on the first refused batch. */
  private static void run(Vertx vertx, List<IngestBatch> batches, int inFlight) throws Exception {
    Promise<Void> done = Promise.promise();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger acked = new AtomicInteger();
    vertx.runOnContext(v -> {
      for (int i = 0; i < inFlight; i++) {
        send(vertx, batches, next, acked, done);
      }
    });
    done.future().await(30, TimeUnit.MINUTES);
  }

  private static void send(Vertx vertx, List<IngestBatch> batches, AtomicInteger next, AtomicInteger acked,
                           Promise<Void> done) {
    int i = next.getAndIncrement();
    if (i >= batches.size()) {
      return;
    }
    vertx.eventBus().request(Addresses.INGEST_WRITE, batches.get(i)).onComplete(ar -> {
      if (ar.failed()) {
        done.tryFail(ar.cause());
        return;
      }
      if (acked.incrementAndGet() == batches.size()) {
        done.tryComplete();
      }
      send(vertx, batches, next, acked, done);
    });
  }

  /** Counts the stored points partition by partition (a full-table count would time out). */
  private static long count(CassandraProcess cassandra, int series, int requests, int points) {
    try (CqlSession s = CqlSession.builder().addContactPoint(cassandra.nativeAddress())
      .withLocalDatacenter("datacenter1").withConfigLoader(DriverConfigLoader.programmaticBuilder()
        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(60)).build()).build()) {
      PreparedStatement ps = s.prepare("SELECT COUNT(*) FROM bench.data_points WHERE key = ?");
      long lastTs = T0 + ((long) requests * points / series + 1) * 1000L;
      long total = 0;
      for (int k = 0; k < series; k++) {
        for (long rowTime = RowSpec.DEFAULT.rowTime(T0); rowTime <= lastTs; rowTime += RowSpec.DEFAULT_WIDTH) {
          byte[] key = new RowKey("bench.metric", rowTime, "kairos_long", tags(k)).toBytes();
          total += s.execute(ps.bind(ByteBuffer.wrap(key))).one().getLong(0);
        }
      }
      return total;
    }
  }

  private static long jvmCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
      .getProcessCpuTime();
  }

  /** utime + stime of a process from {@code /proc/<pid>/stat}, in nanoseconds (100 ticks per second). */
  private static long cassandraCpuNanos(long pid) throws Exception {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
  }
}
