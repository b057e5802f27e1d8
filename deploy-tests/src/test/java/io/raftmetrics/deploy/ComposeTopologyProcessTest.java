package io.raftmetrics.deploy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.raftmetrics.testkit.ProductProcess;
import io.raftmetrics.testkit.cassandra.CassandraOptions;
import io.raftmetrics.testkit.cassandra.CassandraProcess;
import io.raftmetrics.testkit.cassandra.CassandraRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker-compose.yml} run as local processes: each service a JVM (the product services with
 * {@code ProductProcess}, Cassandra with the project's Cassandra launcher), on a loopback address of its own, with
 * exactly the environment Compose gives it over the image's ENV, hosts rewritten to those addresses
 * ({@link LoopbackTopology}); the image's data directory (and the volume mounted there) is a temporary directory per
 * service. Services start in the order of their {@code depends_on}, each once its dependencies pass their compose
 * healthcheck; the profile-only KairosDB is not started, as with a plain {@code docker compose up}. Then points go in
 * and come back out through the gateway, reach every Raft replica and, through the cassandra-ingest node, Cassandra.
 */
class ComposeTopologyProcessTest {

  static final String METRIC = "deploy.compose";
  static final long T0 = 1_700_000_000_000L;
  static final Duration READY = Duration.ofMinutes(4);
  static final Pattern APPLIED = Pattern.compile("(?m)^raftmetrics_points_applied_total\\{[^}]*} ([0-9.E]+)$");

  static ComposeFile compose;
  static LoopbackTopology topology;
  static final Map<String, ProductProcess> nodes = new LinkedHashMap<>();
  static final List<HealthcheckForwarder> forwarders = new ArrayList<>();
  static CassandraProcess cassandra;
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @BeforeAll
  static void up(@TempDir Path tmp) throws Exception {
    compose = ComposeFile.load();
    topology = new LoopbackTopology(compose);
    Path logs = Files.createDirectories(Paths.get("target", "compose-topology"));
    Map<String, String> imageEnv = ImageFacts.release().env();
    List<String> started = new ArrayList<>();
    List<ComposeFile.Service> pending = new ArrayList<>(compose.services.values().stream()
      .filter(s -> s.list("profiles").isEmpty()).toList());
    ExecutorService pool = Executors.newCachedThreadPool();
    try {
      while (!pending.isEmpty()) {
        List<ComposeFile.Service> wave = pending.stream()
          .filter(s -> started.containsAll(s.dependsOn().keySet())).toList();
        assertThat(wave).as("services whose dependencies can start: " + pending).isNotEmpty();
        List<Future<?>> starts = new ArrayList<>();
        for (ComposeFile.Service s : wave) {
          starts.add(pool.submit(() -> start(s, imageEnv, tmp, logs)));
        }
        for (Future<?> f : starts) {
          f.get();
        }
        wave.forEach(s -> started.add(s.name()));
        pending.removeAll(wave);
      }
    } finally {
      pool.shutdown();
    }
  }

  private static void start(ComposeFile.Service s, Map<String, String> imageEnv, Path tmp, Path logs) {
    String address = topology.address.get(s.name());
    if (!s.isProduct()) {
      assertThat(String.valueOf(s.raw().get("image"))).as(s.name()).startsWith("cassandra:5.0");
      cassandra = CassandraProcess.start(CassandraRuntime.locate(), CassandraOptions.singleNode(tmp.resolve(s.name()),
        address, s.publishedContainerPorts().get(0), 7000).withHeapMb(heapMb(s.environment().get("MAX_HEAP_SIZE"))));
      return;
    }
    try {
      // The image's data directory, where the compose volume (if any) is mounted, is this service's own directory.
      String image = Repo.read("docker/raftmetrics.yaml");
      Path dataDir = Files.createDirectories(tmp.resolve(s.name()).resolve("data"));
      Path config = tmp.resolve(s.name()).resolve("raftmetrics.yaml");
      Files.writeString(config, image.replace("/var/lib/raftmetrics", dataDir.toString()));
      Map<String, String> env = new HashMap<>(imageEnv);
      env.putAll(topology.environment(s));
      HealthcheckForwarder forwarder = new HealthcheckForwarder(topology.healthcheck(s));
      synchronized (forwarders) {
        forwarders.add(forwarder);
      }
      ProductProcess p = ProductProcess.start(config, env, forwarder.port(), logs.resolve(s.name() + ".log"), READY);
      synchronized (nodes) {
        nodes.put(s.name(), p);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @AfterAll
  static void down() {
    List<String> order = new ArrayList<>(nodes.keySet());
    java.util.Collections.reverse(order);
    order.forEach(n -> nodes.get(n).stop());
    forwarders.forEach(HealthcheckForwarder::close);
    if (cassandra != null) {
      cassandra.stop();
    }
  }

  @Test
  void pointsGoInAndOutThroughTheGatewayAndReachEveryReplicaAndCassandra() throws Exception {
    String gateway = "http://" + topology.address.get("gateway") + ":"
      + compose.service("gateway").publishedContainerPorts().get(0);
    String token = compose.service("gateway").environment().get("AUTH_TOKEN");
    String points = "[{\"name\":\"" + METRIC + "\",\"tags\":{\"host\":\"a\"},\"datapoints\":[[" + T0 + ",1],["
      + (T0 + 1000) + ",2],[" + (T0 + 2000) + ",3.5]]}]";
    HttpResponse<String> ingest = post(gateway + "/api/v1/datapoints", token, points);
    assertThat(ingest.statusCode()).as(ingest.body()).isEqualTo(204);

    // The KairosDB query API (POST /api/v1/datapoints/query) is not routed by the gateway yet: read back through
    // the simple API and the KairosDB metric names.
    HttpResponse<String> aggregate = get(gateway + "/aggregate?metric=" + METRIC + "&agg=count,sum,max", token);
    assertThat(aggregate.statusCode()).as(aggregate.body()).isEqualTo(200);
    JsonObject aggs = JsonParser.parseString(aggregate.body()).getAsJsonObject().getAsJsonObject("aggregations");
    assertThat(aggs.get("count").getAsInt()).isEqualTo(3);
    assertThat(aggs.get("sum").getAsDouble()).isEqualTo(6.5);
    assertThat(aggs.get("max").getAsDouble()).isEqualTo(3.5);
    HttpResponse<String> names = get(gateway + "/api/v1/metricnames", token);
    assertThat(names.statusCode()).as(names.body()).isEqualTo(200);
    assertThat(names.body()).contains("\"" + METRIC + "\"");

    HttpResponse<String> latest = get(gateway + "/metrics/" + METRIC, token);
    assertThat(latest.statusCode()).as(latest.body()).isEqualTo(200);
    assertThat(JsonParser.parseString(latest.body()).getAsJsonObject().get("value").getAsDouble()).isEqualTo(3.5);

    for (String replica : List.of("raft-1", "raft-2", "raft-3")) {
      URI metrics = topology.healthcheck(compose.service(replica));
      String url = "http://" + metrics.getHost() + ":" + metrics.getPort() + "/metrics";
      awaitTrue(replica + " applied the points", () -> applied(url) >= 3);
    }

    InetSocketAddress cql = new InetSocketAddress(topology.address.get("cassandra"),
      compose.service("cassandra").publishedContainerPorts().get(0));
    String keyspace = compose.service("cassandra-ingest").environment().get("RAFTMETRICS_CASSANDRA__KEYSPACE");
    try (CqlSession session = CqlSession.builder().addContactPoint(cql).withLocalDatacenter("datacenter1").build()) {
      awaitTrue("the metric name in " + keyspace + ".string_index", () -> metricNames(session, keyspace)
        .contains(METRIC));
      awaitTrue("3 cells in " + keyspace + ".data_points", () -> session.execute("SELECT count(*) FROM " + keyspace
        + ".data_points").one().getLong(0) >= 3);
    }
  }

  private static List<String> metricNames(CqlSession session, String keyspace) {
    try {
      List<String> names = new ArrayList<>();
      for (Row r : session.execute("SELECT column1 FROM " + keyspace
        + ".string_index WHERE key = 0x6d65747269635f6e616d6573")) {
        names.add(r.getString(0));
      }
      return names;
    } catch (InvalidQueryException e) {
      return List.of(); // the keyspace or table does not exist yet
    }
  }

  private static double applied(String url) {
    try {
      Matcher m = APPLIED.matcher(HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString()).body());
      double sum = 0;
      while (m.find()) {
        sum += Double.parseDouble(m.group(1));
      }
      return sum;
    } catch (Exception e) {
      return -1;
    }
  }

  private static void awaitTrue(String what, BooleanSupplier check) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!check.getAsBoolean()) {
      assertThat(System.nanoTime()).as("timed out waiting for " + what).isLessThan(deadline);
      Thread.sleep(500);
    }
  }

  private static HttpResponse<String> post(String url, String token, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
      .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
      .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String url, String token) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
      .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Compose's {@code MAX_HEAP_SIZE} of the Cassandra image ({@code 1G}, {@code 512M}) in MiB. */
  static int heapMb(String size) {
    if (size == null) {
      return 1024;
    }
    int n = Integer.parseInt(size.substring(0, size.length() - 1));
    return size.toUpperCase().endsWith("G") ? n * 1024 : n;
  }
}
