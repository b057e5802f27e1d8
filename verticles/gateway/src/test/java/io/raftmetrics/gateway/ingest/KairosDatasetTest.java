package io.raftmetrics.gateway.ingest;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.raftmetrics.api.Sharding;
import io.raftmetrics.api.ingest.DataType;
import io.raftmetrics.testkit.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every valid request KairosDB accepted in the recorded dataset must be accepted whole, and the decoded points must
 * be what the request says. The expectation is computed here from a Gson tree, independently of the parser.
 */
class KairosDatasetTest {

  private static final KairosIngestParser PARSER = new KairosIngestParser(IngestLimits.DEFAULTS);
  private static final int SHARDS = 3;

  static List<JsonObject> requests() {
    List<JsonObject> out = new ArrayList<>();
    Fixtures.json("dataset.json").getAsJsonArray().forEach(e -> out.add(e.getAsJsonObject()));
    return out;
  }

  @ParameterizedTest(name = "{index}")
  @MethodSource("requests")
  void acceptsEveryPointAsWritten(JsonObject request) {
    assertThat(request.get("response_status").getAsInt()).isEqualTo(204);
    KairosIngestResult r = parse(request);
    assertThat(r.errors()).isEmpty();
    assertThat(r.status()).isEqualTo(KairosIngestResult.Status.ACCEPTED);
    List<DecodedPoint> decoded = DecodedPoint.decode(r.batches());
    assertThat(decoded.stream().map(DecodedPoint::content).toList())
      .containsExactlyInAnyOrderElementsOf(expected(request.get("body").getAsString()));
    for (DecodedPoint p : decoded) {
      assertThat(p.shard()).isEqualTo(Sharding.shardOf(p.metric(), SHARDS));
    }
    assertThat(r.acceptedPoints()).isEqualTo(decoded.size());
    assertThat(r.rejectedPoints()).isZero();
  }

  @Test
  void holdsTheDatasetsPointCount() {
    int total = requests().stream().mapToInt(r -> parse(r).acceptedPoints()).sum();
    assertThat(total).isEqualTo(4884);
  }

  @Test
  void keepsKairosDbsTypesAndValues() {
    List<DecodedPoint> all = new ArrayList<>();
    requests().forEach(r -> all.addAll(DecodedPoint.decode(parse(r).batches())));
    assertThat(all.stream().map(DecodedPoint::content).toList()).contains(
      point("single.form", Map.of("host", "s2"), DataType.DOUBLE, 1640217621000L, 4.5),
      point("single.form", Map.of("host", "s3"), DataType.LONG, 1640217622000L, 7L),
      point("single.form", Map.of("host", "s4"), DataType.LONG, 1640217623000L, 1000L),
      point("single.form", Map.of("host", "s5"), DataType.LONG, 1640217625000L, 10L),
      point("edge.longs", Map.of("host", "h1"), DataType.LONG, 1640217604000L, Long.MIN_VALUE),
      point("edge.doubles", Map.of("host", "h1"), DataType.DOUBLE, 1640217598000L, -0.0),
      point("text.status", Map.of("host", "h1"), DataType.STRING, 1640217600000L, ""),
      point("text.status", Map.of("host", "h1"), DataType.STRING, 1640217603000L, "42"),
      point("text.inferred", Map.of("host", "h2"), DataType.STRING, 1640217612000L, "7"),
      point("edge.time", Map.of("host", "h1"), DataType.LONG, -1814400001L, 6L),
      point("tags.special", Map.of("k:colon", "v=eq", "k=eq", "v:colon", "uml", "ü"), DataType.LONG,
        1640217605000L, 5L));
    assertThat(all).filteredOn(p -> p.metric().equals("ttl.metric")).extracting(DecodedPoint::ttl)
      .containsOnly(86400);
    assertThat(all).filteredOn(p -> p.metric().equals("mixed.values")).extracting(DecodedPoint::type)
      .containsExactly(DataType.LONG, DataType.LONG, DataType.LONG, DataType.DOUBLE, DataType.DOUBLE, DataType.DOUBLE);
  }

  private static DecodedPoint point(String metric, Map<String, String> tags, DataType type, long ts, Object value) {
    return DecodedPoint.of(metric, tags, type, ts, value);
  }

  private static KairosIngestResult parse(JsonObject request) {
    byte[] body = request.get("body").getAsString().getBytes(StandardCharsets.UTF_8);
    JsonObject headers = request.getAsJsonObject("headers");
    if (request.get("gzip").getAsBoolean()) {
      body = gzip(body);
    }
    GunzipResult decoded = GzipBodies.decode(body, header(headers, "Content-Type"),
      header(headers, "Content-Encoding"), 1 << 24);
    assertThat(decoded).isInstanceOf(GunzipResult.Body.class);
    return PARSER.parse(((GunzipResult.Body) decoded).bytes(), SHARDS, UUID::randomUUID, 0L);
  }

  private static String header(JsonObject headers, String name) {
    return headers.has(name) ? headers.get(name).getAsString() : null;
  }

  static byte[] gzip(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The points a valid request describes, by KairosDB's documented rules, read from a plain Gson tree. */
  private static List<DecodedPoint> expected(String body) {
    JsonElement root = JsonParser.parseString(body);
    List<JsonElement> metrics = new ArrayList<>();
    if (root.isJsonArray()) {
      root.getAsJsonArray().forEach(metrics::add);
    } else {
      metrics.add(root);
    }
    List<DecodedPoint> out = new ArrayList<>();
    for (JsonElement e : metrics) {
      JsonObject m = e.getAsJsonObject();
      String name = m.get("name").getAsString();
      Map<String, String> tags = new TreeMap<>();
      m.getAsJsonObject("tags").entrySet().forEach(t -> tags.put(t.getKey(), t.getValue().getAsString()));
      String type = m.has("type") ? m.get("type").getAsString() : null;
      JsonElement ts = m.has("time") ? m.get("time") : m.get("timestamp");
      if (ts != null && m.has("value")) {
        out.add(expectedPoint(name, tags, type, ts.getAsLong(), m.getAsJsonPrimitive("value")));
      }
      if (m.has("datapoints")) {
        for (JsonElement dp : m.getAsJsonArray("datapoints")) {
          JsonArray a = dp.getAsJsonArray();
          String t = a.size() > 2 ? a.get(2).getAsString() : type;
          out.add(expectedPoint(name, tags, t, a.get(0).getAsLong(), a.get(1).getAsJsonPrimitive()));
        }
      }
    }
    return out;
  }

  private static DecodedPoint expectedPoint(String name, Map<String, String> tags, String type, long ts,
                                            JsonPrimitive v) {
    String text = v.getAsString();
    if (type == null) {
      boolean numeric = v.isNumber() || text.matches("[+-]?[0-9]*\\.?[0-9]+");
      type = !numeric ? "string" : text.contains(".") ? "double" : "long";
    }
    switch (type) {
      case "long":
        return point(name, tags, DataType.LONG, ts, new BigDecimal(text).longValue());
      case "double":
        return point(name, tags, DataType.DOUBLE, ts, Double.parseDouble(text));
      default:
        return point(name, tags, DataType.STRING, ts, text);
    }
  }
}
