package io.raftmetrics.gateway;

import io.raftmetrics.testkit.Ports;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every limit answers with a clear error in the API's format, never a 500 or a hang, and a request that passes the
 * gateway's checks but finds no storage role gets 503, not a silent 204.
 */
class GatewayLimitsTest {

  private static GatewayHarness gw;

  @BeforeAll
  static void start() throws Exception {
    JsonObject conf = GatewayHarness.baseConfig(Ports.free());
    conf.put("limits", new JsonObject().put("max_body_bytes", 64 * 1024).put("max_decompressed_bytes", 256 * 1024)
      .put("max_points_per_request", 1000).put("max_tags_per_metric", 3).put("max_name_length", 50)
      .put("max_metrics_per_batch", 5));
    gw = GatewayHarness.start(conf);
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
  }

  private static HttpResponse<Buffer> post(String path, Buffer body, String... headers) throws Exception {
    var req = gw.client.post(path).putHeader("Authorization", "Bearer " + GatewayHarness.TOKEN);
    for (int i = 0; i < headers.length; i += 2) {
      req.putHeader(headers[i], headers[i + 1]);
    }
    return req.sendBuffer(body).await(20, TimeUnit.SECONDS);
  }

  private static String firstError(HttpResponse<Buffer> r) {
    return r.bodyAsJsonObject().getJsonArray("errors").getString(0);
  }

  @Test
  void bodyOverTheLimitIs413() throws Exception {
    Buffer big = Buffer.buffer(new byte[70 * 1024]);
    HttpResponse<Buffer> kairos = post("/api/v1/datapoints", big);
    assertThat(kairos.statusCode()).isEqualTo(413);
    assertThat(firstError(kairos)).isEqualTo("Request body too large: more than 65536 bytes");
    HttpResponse<Buffer> simple = post("/metrics/batch", big);
    assertThat(simple.statusCode()).isEqualTo(413);
    assertThat(simple.bodyAsJsonObject().getString("code")).isEqualTo("PAYLOAD_TOO_LARGE");
  }

  @Test
  void gzipBombIs413WithoutInflatingIt() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 64; i++) {
        gz.write(zeros);
      }
    }
    assertThat(bytes.size()).isLessThan(64 * 1024);
    HttpResponse<Buffer> r = post("/api/v1/datapoints", Buffer.buffer(bytes.toByteArray()),
      "Content-Type", "application/gzip");
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(firstError(r)).contains("after decompression");
  }

  @Test
  void notGzipUnderTheGzipContentTypeIsKairosDbsMessage() throws Exception {
    HttpResponse<Buffer> r = post("/api/v1/datapoints", Buffer.buffer("[]"), "Content-Type", "application/gzip");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsString()).isEqualTo("{\"errors\":[\"Not in GZIP format\"]}");
  }

  @Test
  void tooManyPointsIs413AndNothingIsWritten() throws Exception {
    StringBuilder sb = new StringBuilder("[{\"name\":\"m\",\"tags\":{\"h\":\"a\"},\"datapoints\":[");
    for (int i = 0; i < 1001; i++) {
      sb.append(i == 0 ? "" : ",").append('[').append(1_700_000_000_000L + i).append(",1]");
    }
    sb.append("]}]");
    HttpResponse<Buffer> r = post("/api/v1/datapoints", Buffer.buffer(sb.toString()));
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(firstError(r)).contains("1000");
  }

  @Test
  void tooManyTagsOrTooLongNamesAre400ForThatMetric() throws Exception {
    HttpResponse<Buffer> tags = post("/api/v1/datapoints", Buffer.buffer(
      "{\"name\":\"m\",\"tags\":{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\",\"d\":\"4\"},\"datapoints\":[[1,1]]}"));
    assertThat(tags.statusCode()).isEqualTo(400);
    assertThat(firstError(tags)).startsWith("metric[0](name=m)");
    HttpResponse<Buffer> name = post("/api/v1/datapoints", Buffer.buffer(
      "{\"name\":\"" + "x".repeat(51) + "\",\"tags\":{\"a\":\"1\"},\"datapoints\":[[1,1]]}"));
    assertThat(name.statusCode()).isEqualTo(400);
    assertThat(firstError(name)).startsWith("metric[0]");
  }

  @Test
  void tooManyMetricsInASimpleBatchIs413() throws Exception {
    StringBuilder sb = new StringBuilder("{\"metrics\":[");
    for (int i = 0; i < 6; i++) {
      sb.append(i == 0 ? "" : ",").append("{\"metric_name\":\"m\",\"value\":").append(i).append('}');
    }
    sb.append("]}");
    HttpResponse<Buffer> r = post("/metrics/batch", Buffer.buffer(sb.toString()));
    assertThat(r.statusCode()).isEqualTo(413);
  }

  @Test
  void validWriteWithoutAStorageRoleIs503NotASilentSuccess() throws Exception {
    HttpResponse<Buffer> r = post("/api/v1/datapoints",
      Buffer.buffer("{\"name\":\"m\",\"tags\":{\"h\":\"a\"},\"datapoints\":[[1,1]]}"));
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(firstError(r)).startsWith("Data points not stored: service unavailable");
    HttpResponse<Buffer> simple = post("/metrics", Buffer.buffer("{\"metric_name\":\"m\",\"value\":1.5}"));
    assertThat(simple.statusCode()).isEqualTo(503);
    assertThat(simple.bodyAsJsonObject().getString("code")).isEqualTo("RAFT_ERROR");
  }

  @Test
  void unknownRoutesAre404AndWrongMethodsAre405() throws Exception {
    HttpResponse<Buffer> tagnames = gw.client.get("/api/v1/no-such-endpoint")
      .putHeader("Authorization", "Bearer " + GatewayHarness.TOKEN).send().await(10, TimeUnit.SECONDS);
    assertThat(tagnames.statusCode()).isEqualTo(404);
    HttpResponse<Buffer> put = gw.client.put("/api/v1/datapoints")
      .putHeader("Authorization", "Bearer " + GatewayHarness.TOKEN).send().await(10, TimeUnit.SECONDS);
    assertThat(put.statusCode()).isEqualTo(405);
    assertThat(put.bodyAsJsonObject().getJsonArray("errors")).hasSize(1);
  }
}
