package io.raftmetrics.launcher.e2e;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The simple analytics API (spec/raftmetrics.md) end to end: writes are answered 201 once durable, reads see them at
 * once, aggregates are exact, errors use the RaftMetrics envelope.
 */
class SimpleApiE2ETest {

  @TempDir
  static Path dir;
  static NodeHarness node;

  @BeforeAll
  static void start() throws Exception {
    node = NodeHarness.start(dir, "");
    // cpu: hosts a and b, one point a minute for 10 minutes from 2024-01-20T15:00:00Z; a = i, b = 10 * i
    JsonArray metrics = new JsonArray();
    for (int i = 0; i < 10; i++) {
      String ts = String.format("2024-01-20T15:%02d:00Z", i);
      metrics.add(new JsonObject().put("metric_name", "cpu").put("value", (double) i).put("timestamp", ts)
        .put("tags", new JsonObject().put("host", "a").put("dc", "x")));
      metrics.add(new JsonObject().put("key", "cpu").put("value", 10.0 * i).put("timestamp", ts)
        .put("tags", new JsonObject().put("host", "b").put("dc", "x")));
    }
    HttpResponse<Buffer> r = node.send(node.post("/metrics/batch"), new JsonObject().put("metrics", metrics).encode());
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.bodyAsJsonObject()).isEqualTo(new JsonObject().put("success", true).put("count", 20));
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  private static JsonObject getJson(String path, int status) throws Exception {
    HttpResponse<Buffer> r = node.send(node.get(path));
    assertThat(r.statusCode()).as(path + " -> " + r.bodyAsString()).isEqualTo(status);
    return r.bodyAsJsonObject();
  }

  @Test
  void postOneMetricIsDurableAndReadableAtOnce() throws Exception {
    HttpResponse<Buffer> r = node.send(node.post("/metrics"),
      "{\"metric_name\":\"cpu_usage\",\"value\":75.5,\"timestamp\":\"2024-01-20T15:30:00Z\",\"tags\":{\"host\":\"server-1\"}}");
    assertThat(r.statusCode()).isEqualTo(201);
    JsonObject body = r.bodyAsJsonObject();
    assertThat(body.getBoolean("success")).isTrue();
    assertThat(body.getString("message")).isEqualTo("Metric recorded");
    assertThat(body.getString("metric_name")).isEqualTo("cpu_usage");
    assertThat(body.getInteger("shard")).isZero();
    assertThat(body.getLong("index")).isPositive();
    JsonObject latest = getJson("/metrics/cpu_usage", 200);
    assertThat(latest).isEqualTo(new JsonObject().put("metric_name", "cpu_usage").put("value", 75.5)
      .put("timestamp", "2024-01-20T15:30:00Z").put("tags", new JsonObject().put("host", "server-1")));
  }

  @Test
  void latestHonoursTagFilters() throws Exception {
    assertThat(getJson("/metrics/cpu?tags=host:a", 200).getDouble("value")).isEqualTo(9.0);
    assertThat(getJson("/metrics/cpu?tags=host:b,dc:x", 200).getDouble("value")).isEqualTo(90.0);
    assertThat(getJson("/metrics/cpu?tags=host:zzz", 404).getString("code")).isEqualTo("NOT_FOUND");
  }

  @Test
  void unknownMetricIs404() throws Exception {
    JsonObject body = getJson("/metrics/no_such_metric", 404);
    assertThat(body.getBoolean("error")).isTrue();
    assertThat(body.getString("code")).isEqualTo("NOT_FOUND");
    assertThat(getJson("/aggregate?metric=no_such_metric", 404).getString("code")).isEqualTo("NOT_FOUND");
  }

  @Test
  void aggregatesAreExact() throws Exception {
    JsonObject r = getJson("/aggregate?metric=cpu&agg=avg,min,max,sum,count,p50,p90,first,last,stddev", 200);
    JsonObject a = r.getJsonObject("aggregations");
    // values: 0..9 and 0,10..90
    assertThat(a.getDouble("sum")).isEqualTo(495.0);
    assertThat(a.getLong("count")).isEqualTo(20L);
    assertThat(a.getDouble("avg")).isEqualTo(24.75);
    assertThat(a.getDouble("min")).isEqualTo(0.0);
    assertThat(a.getDouble("max")).isEqualTo(90.0);
    // sorted: 0,0,1,2,3,4,5,6,7,8,9,10,20,...,90 -> p50 = between 9th and 10th (0-based 9.5) = 8.5
    assertThat(a.getDouble("p50")).isCloseTo(8.5, within(1e-9));
    // p90: position 0.9 * 19 = 17.1 -> 70 + 0.1 * 10 = 71
    assertThat(a.getDouble("p90")).isCloseTo(71.0, within(1e-9));
    assertThat(a.getDouble("stddev")).isCloseTo(29.499107925851803, within(1e-9));
    assertThat(r.getString("metric")).isEqualTo("cpu");
  }

  @Test
  void windowsAndTimeBoundsFollowTheRequest() throws Exception {
    JsonObject r = getJson("/aggregate?metric=cpu&from=2024-01-20T15:02:00Z&to=1705763100000&window=2m&agg=sum,count",
      200);
    assertThat(r.getString("from")).isEqualTo("2024-01-20T15:02:00Z");
    assertThat(r.getString("to")).isEqualTo("2024-01-20T15:05:00Z");
    assertThat(r.getJsonObject("aggregations").getLong("count")).isEqualTo(6L);
    JsonArray windows = r.getJsonArray("windows");
    assertThat(windows).hasSize(2);
    assertThat(windows.getJsonObject(0).getString("start")).isEqualTo("2024-01-20T15:02:00Z");
    assertThat(windows.getJsonObject(0).getString("end")).isEqualTo("2024-01-20T15:04:00Z");
    assertThat(windows.getJsonObject(0).getDouble("sum")).isEqualTo(2 + 3 + 20 + 30.0);
    assertThat(windows.getJsonObject(1).getLong("count")).isEqualTo(2L);
  }

  @Test
  void groupByOrderAndLimit() throws Exception {
    JsonObject r = getJson("/metrics/cpu/aggregate?group_by=host&agg=max,count&order_by=max:desc&limit=1", 200);
    JsonArray groups = r.getJsonArray("groups");
    assertThat(groups).hasSize(1);
    assertThat(groups.getJsonObject(0).getJsonObject("tags")).isEqualTo(new JsonObject().put("host", "b"));
    assertThat(groups.getJsonObject(0).getJsonObject("aggregations").getDouble("max")).isEqualTo(90.0);
    assertThat(groups.getJsonObject(0).getJsonObject("aggregations").getLong("count")).isEqualTo(10L);
    JsonArray both = getJson("/aggregate?metric=cpu&group_by=host&agg=avg&order_by=avg:asc&tags=dc:x", 200)
      .getJsonArray("groups");
    assertThat(both).hasSize(2);
    assertThat(both.getJsonObject(0).getJsonObject("tags").getString("host")).isEqualTo("a");
  }

  @Test
  void invalidParametersListEveryField() throws Exception {
    JsonObject r = getJson("/aggregate?from=yesterday&window=5x&agg=avg,median&limit=-1", 400);
    assertThat(r.getString("code")).isEqualTo("VALIDATION_ERROR");
    JsonArray fields = r.getJsonObject("details").getJsonArray("fields");
    assertThat(fields.stream().map(f -> ((JsonObject) f).getString("field")))
      .containsExactly("metric", "from", "window", "agg", "limit");
    assertThat(fields.getJsonObject(1).getString("error")).isEqualTo("must be a valid ISO 8601 timestamp or epoch milliseconds");
  }

  @Test
  void invalidWritesAreAllOrNothing() throws Exception {
    HttpResponse<Buffer> r = node.send(node.post("/metrics/batch"),
      "{\"metrics\":[{\"metric_name\":\"ok_metric\",\"value\":1},{\"metric_name\":\"bad name\",\"value\":\"x\"}]}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsJsonObject().getString("code")).isEqualTo("VALIDATION_ERROR");
    assertThat(getJson("/metrics/ok_metric", 404).getString("code")).isEqualTo("NOT_FOUND");
    HttpResponse<Buffer> malformed = node.post("/metrics").sendBuffer(Buffer.buffer("{\"metric_name\":"))
      .await(10, TimeUnit.SECONDS);
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.bodyAsJsonObject().getString("code")).isEqualTo("INVALID_REQUEST");
  }
}
