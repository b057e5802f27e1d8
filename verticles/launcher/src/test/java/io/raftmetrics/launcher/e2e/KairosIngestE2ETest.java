package io.raftmetrics.launcher.e2e;

import io.raftmetrics.testkit.Fixtures;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * KairosDB ingest end to end on a single-JVM node (gateway → Raft → DuckDB): the recorded dataset and every recorded
 * bad-input ingest request, in recorded order, answered as KairosDB answered them (status and exact body) except
 * the documented intended differences; then what was stored is visible through the read APIs.
 */
class KairosIngestE2ETest {

  /** Cases where KairosDB answered 500 or lost data and we answer 400 (docs/compatibility.md). */
  private static final Set<String> INTENDED_400 = Set.of("025-ingest-nan-string-value-typed-double",
    "026-ingest-infinity-string-typed-double", "029-ingest-timestamp-as-non-numeric-string",
    "105-ingest-ttl-negative-with-valid-companion");

  @TempDir
  static Path dir;
  static NodeHarness node;

  @BeforeAll
  static void start() throws Exception {
    node = NodeHarness.start(dir, "");
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  private static HttpResponse<Buffer> post(String path, Map<String, String> headers, byte[] body) throws Exception {
    HttpRequest<Buffer> req = node.post(path);
    headers.forEach(req::putHeader);
    return req.sendBuffer(Buffer.buffer(body)).await(60, TimeUnit.SECONDS);
  }

  private static byte[] gzip(String body) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(body.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  @Test
  void datasetThenBadInputAreAnsweredAsKairosDbAnswered() throws Exception {
    JsonArray dataset = new JsonArray(Fixtures.read(Fixtures.kairosDir().resolve("dataset.json")));
    for (Object o : dataset) {
      JsonObject req = (JsonObject) o;
      Map<String, String> headers = new HashMap<>();
      req.getJsonObject("headers").forEach(h -> headers.put(h.getKey(), String.valueOf(h.getValue())));
      byte[] body = req.getBoolean("gzip") ? gzip(req.getString("body"))
        : req.getString("body").getBytes(StandardCharsets.UTF_8);
      HttpResponse<Buffer> r = post(req.getString("path"), headers, body);
      assertThat(r.statusCode()).as(req.getString("description")).isEqualTo(req.getInteger("response_status"));
    }
    // KairosDB's /metricnames after the dataset (queries/041)
    HttpResponse<Buffer> names = node.send(node.get("/api/v1/metricnames"));
    assertThat(names.bodyAsString()).isEqualTo(
      new JsonObject(Fixtures.read(Fixtures.kairosDir().resolve("queries/041-metricnames.response.json")))
        .getString("body"));

    int replayed = 0;
    for (Fixtures.Case c : Fixtures.cases("bad-input")) {
      if (!c.path().equals("/api/v1/datapoints")) {
        continue;
      }
      HttpRequest<Buffer> req = c.method().equals("POST") ? node.post(c.path())
        : node.client.request(HttpMethod.valueOf(c.method()), c.path())
          .putHeader("Authorization", "Bearer " + NodeHarness.TOKEN);
      c.headers().forEach(req::putHeader);
      String body = Fixtures.requestBody(c);
      HttpResponse<Buffer> r = req.sendBuffer(Buffer.buffer(body)).await(60, TimeUnit.SECONDS);
      replayed++;
      if (INTENDED_400.contains(c.name())) {
        assertThat(r.statusCode()).as(c.name()).isEqualTo(400);
        assertThat(r.bodyAsJsonObject().getJsonArray("errors").getString(0)).as(c.name()).startsWith("metric[0](name=");
      } else if (c.status() == 405) {
        assertThat(r.statusCode()).as(c.name()).isEqualTo(405);
      } else {
        assertThat(r.statusCode()).as(c.name()).isEqualTo(c.status());
        assertThat(r.bodyAsString() == null ? "" : r.bodyAsString()).as(c.name()).isEqualTo(c.responseBody());
      }
    }
    assertThat(replayed).isGreaterThan(50);

    // The names KairosDB listed after the bad input (check 058), minus the metrics we refuse on purpose.
    HttpResponse<Buffer> after = node.send(node.get("/api/v1/metricnames?prefix=inv."));
    TreeSet<String> expected = new TreeSet<>();
    new JsonObject(Fixtures.cases("bad-input").stream().filter(c -> c.name().startsWith("058")).findFirst()
      .orElseThrow().responseBody()).getJsonArray("results").forEach(n -> expected.add((String) n));
    expected.removeIf(n -> !n.startsWith("inv."));
    expected.removeAll(Set.of("inv.nandbl", "inv.infdbl", "inv.tsbad"));
    TreeSet<String> ours = new TreeSet<>();
    after.bodyAsJsonObject().getJsonArray("results").forEach(n -> ours.add((String) n));
    // the negative-ttl companion metric (case 105) is stored by us, KairosDB lost it
    ours.remove("inv.ttlcompanion");
    assertThat(ours).isEqualTo(expected);
  }

  @Test
  void storedValuesAreReadableThroughTheSimpleApi() throws Exception {
    HttpResponse<Buffer> ingest = post("/api/v1/datapoints", Map.of(), ("[{\"name\":\"e2e.read\",\"tags\":{\"h\":\"a\"},"
      + "\"datapoints\":[[1000,1],[2000,2.5],[3000,4]]},{\"name\":\"e2e.read\",\"tags\":{\"h\":\"b\"},"
      + "\"datapoints\":[[2500,10]]}]").getBytes(StandardCharsets.UTF_8));
    assertThat(ingest.statusCode()).isEqualTo(204);
    // acknowledged means applied on the leader: readable at once
    JsonObject latest = node.send(node.get("/metrics/e2e.read")).bodyAsJsonObject();
    assertThat(latest.getLong("value")).isEqualTo(4L);
    assertThat(latest.getString("timestamp")).isEqualTo("1970-01-01T00:00:03Z");
    JsonObject agg = node.send(node.get("/aggregate?metric=e2e.read&agg=sum,count,min,max")).bodyAsJsonObject()
      .getJsonObject("aggregations");
    assertThat(agg.getDouble("sum")).isEqualTo(17.5);
    assertThat(agg.getLong("count")).isEqualTo(4L);
    assertThat(agg.getDouble("min")).isEqualTo(1.0);
    assertThat(agg.getDouble("max")).isEqualTo(10.0);
  }
}
