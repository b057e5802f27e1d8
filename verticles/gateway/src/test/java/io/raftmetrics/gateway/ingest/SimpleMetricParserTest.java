package io.raftmetrics.gateway.ingest;

import io.raftmetrics.api.Sharding;
import io.raftmetrics.api.ingest.DataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class SimpleMetricParserTest {

  private static final long NOW = 1_705_764_600_000L;
  private static final int SHARDS = 4;

  private final SimpleMetricParser parser = new SimpleMetricParser(IngestLimits.DEFAULTS);

  private SimpleIngestResult one(String body) {
    return parser.parseMetric(body.getBytes(StandardCharsets.UTF_8), SHARDS, UUID::randomUUID, NOW);
  }

  private SimpleIngestResult batch(String body) {
    return parser.parseBatch(body.getBytes(StandardCharsets.UTF_8), SHARDS, UUID::randomUUID, NOW);
  }

  private static List<DecodedPoint> points(SimpleIngestResult r) {
    return DecodedPoint.decode(r.batches()).stream().map(DecodedPoint::content).collect(Collectors.toList());
  }

  @Test
  void acceptsTheDocumentedExample() {
    SimpleIngestResult r = one("{\"metric_name\":\"cpu_usage\",\"value\":75.5,\"timestamp\":\"2024-01-20T15:30:00Z\","
      + "\"tags\":{\"host\":\"server-1\"}}");
    assertThat(r.status()).isEqualTo(SimpleIngestResult.Status.ACCEPTED);
    assertThat(r.status().httpStatus()).isEqualTo(201);
    assertThat(r.metricName()).isEqualTo("cpu_usage");
    assertThat(r.points()).isEqualTo(1);
    assertThat(r.batches()).hasSize(1);
    assertThat(r.batches().get(0).shard()).isEqualTo(Sharding.shardOf("cpu_usage", SHARDS));
    assertThat(points(r)).containsExactly(
      DecodedPoint.of("cpu_usage", Map.of("host", "server-1"), DataType.DOUBLE, 1705764600000L, 75.5));
  }

  @Test
  void acceptsAliasesDefaultsAndEveryTimestampForm() {
    assertThat(points(one("{\"key\":\"a.b-c_d\",\"value\":3}")))
      .containsExactly(DecodedPoint.of("a.b-c_d", Map.of(), DataType.LONG, NOW, 3L));
    assertThat(points(one("{\"metric_name\":\"m\",\"value\":1e3,\"timestamp\":1705764600123}")))
      .containsExactly(DecodedPoint.of("m", Map.of(), DataType.LONG, 1705764600123L, 1000L));
    assertThat(points(one("{\"metric_name\":\"m\",\"value\":1e-3,\"timestamp\":\"1705764600123\"}")))
      .containsExactly(DecodedPoint.of("m", Map.of(), DataType.DOUBLE, 1705764600123L, 0.001));
    assertThat(points(one("{\"metric_name\":\"m\",\"value\":2,\"timestamp\":\"2024-01-20T16:30:00+01:00\"}")))
      .extracting(DecodedPoint::timestamp).containsExactly(1705764600000L);
    assertThat(points(one("{\"metric_name\":\"m\",\"value\":2,\"timestamp\":\"2024-01-20T15:30:00.250\"}")))
      .extracting(DecodedPoint::timestamp).containsExactly(1705764600250L);
    assertThat(points(one("{\"metric_name\":\"m\",\"value\":9223372036854775808,\"tags\":null,\"timestamp\":null}")))
      .containsExactly(DecodedPoint.of("m", Map.of(), DataType.DOUBLE, NOW, 9.223372036854775808E18));
  }

  @Test
  void reportsEachFieldError() {
    assertThat(one("{\"value\":1}").fieldErrors()).containsExactly(new FieldError("metric_name", "is required"));
    assertThat(one("{\"metric_name\":\"bad name\",\"value\":1}").fieldErrors()).containsExactly(
      new FieldError("metric_name", "must match ^[a-zA-Z0-9_.-]+$ and be 1..256 characters"));
    assertThat(one("{\"key\":\"" + "x".repeat(257) + "\",\"value\":1}").fieldErrors()).containsExactly(
      new FieldError("key", "must match ^[a-zA-Z0-9_.-]+$ and be 1..256 characters"));
    assertThat(one("{\"metric_name\":5,\"value\":1}").fieldErrors()).extracting(FieldError::field)
      .containsExactly("metric_name");
    for (String value : List.of("\"75\"", "true", "null", "{}", "[1]")) {
      assertThat(one("{\"metric_name\":\"m\",\"value\":" + value + "}").fieldErrors())
        .containsExactly(new FieldError("value", "is required and must be a number"));
    }
    assertThat(one("{\"metric_name\":\"m\"}").fieldErrors())
      .containsExactly(new FieldError("value", "is required and must be a number"));
    assertThat(one("{\"metric_name\":\"m\",\"value\":1.5e400}").fieldErrors())
      .containsExactly(new FieldError("value", "must be a finite number"));
    for (String ts : List.of("\"yesterday\"", "\"2024-13-01T00:00:00Z\"", "1.5", "true", "{}", "1e30")) {
      assertThat(one("{\"metric_name\":\"m\",\"value\":1,\"timestamp\":" + ts + "}").fieldErrors())
        .containsExactly(new FieldError("timestamp", "must be a valid ISO 8601 timestamp or epoch milliseconds"));
    }
    assertThat(one("{\"metric_name\":\"m\",\"value\":1,\"tags\":[\"a\"]}").fieldErrors())
      .containsExactly(new FieldError("tags", "must be an object of string values"));
    assertThat(one("{\"metric_name\":\"m\",\"value\":1,\"tags\":{\"host\":5,\"dc\":\"\",\"\":\"x\"}}").fieldErrors())
      .containsExactly(new FieldError("tags.host", "must be a string"),
        new FieldError("tags.dc", "must be 1..1024 characters"),
        new FieldError("tags", "keys must be 1..1024 characters"));
    SimpleIngestResult all = one("{\"metric_name\":\"\",\"value\":\"x\",\"timestamp\":\"x\",\"tags\":1}");
    assertThat(all.status()).isEqualTo(SimpleIngestResult.Status.INVALID);
    assertThat(all.status().errorCode()).isEqualTo("VALIDATION_ERROR");
    assertThat(all.fieldErrors()).extracting(FieldError::field)
      .containsExactly("metric_name", "value", "timestamp", "tags");
    assertThat(all.batches()).isEmpty();
    assertThat(all.fieldErrors().get(0).toJson().encode())
      .isEqualTo("{\"field\":\"metric_name\",\"error\":\"must match ^[a-zA-Z0-9_.-]+$ and be 1..256 characters\"}");
  }

  @Test
  void writesABatchAcrossShards() {
    StringBuilder body = new StringBuilder("{\"metrics\":[");
    for (int i = 0; i < 50; i++) {
      body.append(i == 0 ? "" : ",").append("{\"metric_name\":\"m").append(i % 10).append("\",\"value\":").append(i)
        .append(",\"timestamp\":").append(1000 + i).append(",\"tags\":{\"i\":\"").append(i % 2).append("\"}}");
    }
    SimpleIngestResult r = batch(body.append("]}").toString());
    assertThat(r.status()).isEqualTo(SimpleIngestResult.Status.ACCEPTED);
    assertThat(r.points()).isEqualTo(50);
    assertThat(r.metricName()).isNull();
    List<DecodedPoint> decoded = DecodedPoint.decode(r.batches());
    assertThat(decoded).hasSize(50);
    for (DecodedPoint p : decoded) {
      assertThat(p.shard()).isEqualTo(Sharding.shardOf(p.metric(), SHARDS));
      assertThat(p.value()).isEqualTo(p.timestamp() - 1000);
      assertThat(p.tags()).isEqualTo(Map.of("i", Long.toString((p.timestamp() - 1000) % 2)));
    }
  }

  @Test
  void refusesAWholeBatchForOneBadMetric() {
    SimpleIngestResult r = batch("{\"metrics\":[{\"metric_name\":\"ok\",\"value\":1},"
      + "{\"metric_name\":\"ok\",\"value\":2},"
      + "{\"metric_name\":\"ok\",\"value\":3},{\"metric_name\":\"ok\",\"value\":\"x\"},5]}");
    assertThat(r.status()).isEqualTo(SimpleIngestResult.Status.INVALID);
    assertThat(r.batches()).isEmpty();
    assertThat(r.points()).isZero();
    assertThat(r.fieldErrors()).containsExactly(new FieldError("metrics[3].value", "is required and must be a number"),
      new FieldError("metrics[4]", "must be an object"));
    for (String b : List.of("{}", "{\"metrics\":[]}", "{\"metrics\":{}}")) {
      assertThat(batch(b).fieldErrors())
        .containsExactly(new FieldError("metrics", "is required and must be a non-empty array"));
    }
  }

  @Test
  void limitsTheMetricsOfABatch() {
    SimpleMetricParser small = new SimpleMetricParser(new IngestLimits(100, 64, 1024, 2, 64));
    SimpleIngestResult r = small.parseBatch(("{\"metrics\":[{\"metric_name\":\"m\",\"value\":1},"
      + "{\"metric_name\":\"m\",\"value\":1},{\"metric_name\":\"m\",\"value\":1}]}").getBytes(StandardCharsets.UTF_8),
      1, UUID::randomUUID, NOW);
    assertThat(r.status()).isEqualTo(SimpleIngestResult.Status.TOO_LARGE);
    assertThat(r.status().httpStatus()).isEqualTo(413);
    assertThat(r.message()).isEqualTo("Too many metrics in one request: more than 2");
  }

  @Test
  void answersMalformedBodiesWithAMessage() {
    assertThat(one("").message()).isEqualTo("Request body is empty");
    assertThat(one("[1]").message()).isEqualTo("Request body must be a JSON object");
    assertThat(one("{\"metric_name\":\"m\" \"value\":1}").message())
      .isEqualTo("Malformed JSON: Unterminated object at line 1 column 21 path $.metric_name");
    assertThat(one("{\"metric_name\":'m',\"value\":1}").message())
      .startsWith("Malformed JSON: syntax error at line 1 column ");
    assertThat(one("{\"metric_name\":\"m\",\"value\":1} {}").message())
      .isEqualTo("Malformed JSON: unexpected content after the value");
    assertThat(one("{\"metric_name\":\"\\u00zz\"}").status()).isEqualTo(SimpleIngestResult.Status.MALFORMED);
    assertThat(batch("{\"metrics\":" + "[".repeat(10_000)).message())
      .isEqualTo("Malformed JSON: nested deeper than 64 levels");
    SimpleIngestResult r = one("{");
    assertThat(r.status()).isEqualTo(SimpleIngestResult.Status.MALFORMED);
    assertThat(r.status().errorCode()).isEqualTo("INVALID_REQUEST");
  }

  @Test
  @Timeout(60)
  void randomInputAlwaysGetsAnAnswer() {
    Random rnd = new Random(99);
    String valid = "{\"metrics\":[{\"metric_name\":\"cpu\",\"value\":1.5,\"timestamp\":\"2024-01-20T15:30:00Z\","
      + "\"tags\":{\"h\":\"a\"}},{\"key\":\"mem\",\"value\":7}]}";
    for (int i = 0; i < 3000; i++) {
      StringBuilder sb = new StringBuilder(valid);
      for (int e = 0; e < 1 + rnd.nextInt(3); e++) {
        int at = rnd.nextInt(sb.length());
        if (rnd.nextBoolean()) {
          sb.setCharAt(at, (char) (32 + rnd.nextInt(95)));
        } else {
          sb.insert(at, new String[] {"\\u12", "[", "{", "\"", "1e99999", "null", ","}[rnd.nextInt(7)]);
        }
      }
      byte[] body = sb.toString().getBytes(StandardCharsets.UTF_8);
      for (SimpleIngestResult r : List.of(parser.parseBatch(body, 2, UUID::randomUUID, NOW),
        parser.parseMetric(body, 2, UUID::randomUUID, NOW))) {
        assertThat(r.status()).isNotNull();
        assertThat(r.batches().isEmpty()).isEqualTo(r.status() != SimpleIngestResult.Status.ACCEPTED);
      }
    }
  }
}
