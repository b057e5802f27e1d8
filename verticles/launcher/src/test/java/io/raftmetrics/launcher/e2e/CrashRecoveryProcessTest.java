package io.raftmetrics.launcher.e2e;

import io.raftmetrics.testkit.ProductProcess;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Durability of acknowledged writes across a {@code kill -9} and a graceful restart of a real node JVM: every
 * acknowledged request's points are there afterwards, once, and a request is never half applied.
 */
class CrashRecoveryProcessTest {

  private static final long T0 = 1_700_000_000_000L;
  private static final int POINTS = 500;

  @TempDir
  Path dir;
  private Vertx vertx;
  private WebClient client;
  private ProductProcess process;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (process != null) {
      process.close();
    }
    if (client != null) {
      client.close();
    }
    vertx.close().await(20, TimeUnit.SECONDS);
  }

  /** Request {@code i} writes POINTS points at {@code T0 + i s + j ms}: a 1-second window of its own. */
  private static String body(int i) {
    StringBuilder sb = new StringBuilder("[{\"name\":\"crash.test\",\"tags\":{\"host\":\"h").append(i % 4)
      .append("\"},\"datapoints\":[");
    for (int j = 0; j < POINTS; j++) {
      sb.append(j == 0 ? "" : ",").append('[').append(T0 + i * 1000L + j).append(',').append(i).append(']');
    }
    return sb.append("]}]").toString();
  }

  private Future<Integer> send(int i) {
    return client.post("/api/v1/datapoints").putHeader("Authorization", "Bearer " + NodeHarness.TOKEN)
      .sendBuffer(Buffer.buffer(body(i))).map(HttpResponse::statusCode);
  }

  private ProductProcess start(Path config, int mgmt) {
    return ProductProcess.start(config, Map.of(), mgmt, dir.resolve("node.log"), Duration.ofSeconds(90));
  }

  /** Counts per 1-second window, i.e. per request, from the restarted node. */
  private Map<Long, Long> countsPerRequest() throws Exception {
    HttpResponse<Buffer> r = client.get("/aggregate?metric=crash.test&window=1s&agg=count")
      .putHeader("Authorization", "Bearer " + NodeHarness.TOKEN).send().await(30, TimeUnit.SECONDS);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    JsonArray windows = r.bodyAsJsonObject().getJsonArray("windows");
    TreeMap<Long, Long> counts = new TreeMap<>();
    for (Object o : windows) {
      JsonObject w = (JsonObject) o;
      long start = Instant.parse(w.getString("start")).toEpochMilli();
      counts.put((start - T0) / 1000, w.getLong("count"));
    }
    return counts;
  }

  @Test
  void acknowledgedPointsSurviveKill9AndRestart() throws Exception {
    Path config = NodeHarness.writeConfig(dir);
    JsonObject yaml = new JsonObject(new Yaml().<Map<String, Object>>load(Files.readString(config)));
    int http = yaml.getJsonObject("gateway").getInteger("port");
    int mgmt = yaml.getJsonObject("management").getInteger("port");
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(http),
      new PoolOptions().setHttp1MaxSize(8));
    process = start(config, mgmt);

    Set<Integer> acked = new ConcurrentSkipListSet<>();
    int next = 0;
    // a first round fully acknowledged
    for (; next < 40; next++) {
      assertThat(send(next).await(30, TimeUnit.SECONDS)).isEqualTo(204);
      acked.add(next);
    }
    // then requests in flight while the JVM is killed
    List<Future<Integer>> inflight = new ArrayList<>();
    for (int k = 0; k < 24; k++, next++) {
      int i = next;
      // a request cut by the kill fails on the client: it is simply not acknowledged
      inflight.add(send(i).onSuccess(s -> {
        if (s == 204) {
          acked.add(i);
        }
      }).otherwise(-1));
    }
    Thread.sleep(150);
    process.kill9();
    Future.join(inflight).await(60, TimeUnit.SECONDS);
    Set<Integer> ackedBeforeKill = new TreeSet<>(acked);

    process = start(config, mgmt);
    Map<Long, Long> counts = countsPerRequest();
    for (int i : ackedBeforeKill) {
      assertThat(counts.get((long) i)).as("request " + i + " was acknowledged").isEqualTo(POINTS);
    }
    // a request in flight at the kill is applied entirely or not at all, and nothing is doubled
    counts.values().forEach(c -> assertThat(c).isEqualTo(POINTS));
    int sent = next;
    assertThat(counts.keySet()).allMatch(k -> k >= 0 && k < sent);

    // graceful restart: same content
    for (int k = 0; k < 5; k++, next++) {
      assertThat(send(next).await(30, TimeUnit.SECONDS)).isEqualTo(204);
    }
    Map<Long, Long> before = countsPerRequest();
    process.stop();
    process = start(config, mgmt);
    assertThat(countsPerRequest()).isEqualTo(before);
  }
}
