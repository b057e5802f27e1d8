package io.raftmetrics.gateway.ingest;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.raftmetrics.api.ingest.DataType;
import io.raftmetrics.testkit.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays every recorded invalid ingest request of the real KairosDB against the parser: the error list must be
 * KairosDB's, text for text, and what gets stored must be what KairosDB stored (the {@code check-*} recordings),
 * except for the intended differences listed in {@code docs/compatibility.md}.
 */
class KairosBadInputFixturesTest {

  private static final KairosIngestParser PARSER = new KairosIngestParser(IngestLimits.DEFAULTS);
  private static final int SHARDS = 4;
  private static final int MAX_BODY = 64 * 1024 * 1024;

  /** Where KairosDB answers 500 or stores data it then loses or cannot serve, we answer 400 with these. */
  private static final Map<String, List<String>> OUR_ANSWERS = Map.of(
    "025-ingest-nan-string-value-typed-double",
    List.of("metric[0](name=inv.nandbl).datapoints[0].value may not be NaN or Infinity."),
    "026-ingest-infinity-string-typed-double",
    List.of("metric[0](name=inv.infdbl).datapoints[0].value may not be NaN or Infinity."),
    "029-ingest-timestamp-as-non-numeric-string",
    List.of("metric[0](name=inv.tsbad).datapoints[0].timestamp must be an integer number of milliseconds."),
    "105-ingest-ttl-negative-with-valid-companion",
    List.of("metric[0](name=inv.ttlneg).ttl must be greater than or equal to 0."));

  /** Metrics KairosDB lists in {@code /metricnames} but that we refuse on purpose. */
  private static final Set<String> REFUSED_ON_PURPOSE = Set.of("inv.nandbl", "inv.infdbl", "inv.ttlneg");

  /** Every point written by the ingest cases, in order, as KairosDB received them. */
  private static final List<DecodedPoint> STORED = new ArrayList<>();

  static List<Fixtures.Case> ingestCases() {
    return Fixtures.cases("bad-input").stream()
      .filter(c -> c.name().contains("-ingest-") && c.method().equals("POST"))
      .collect(Collectors.toList());
  }

  @BeforeAll
  static void ingestAll() {
    for (Fixtures.Case c : ingestCases()) {
      KairosIngestResult r = run(c);
      STORED.addAll(DecodedPoint.decode(r.batches()));
    }
  }

  @Test
  void everyIngestCaseIsCovered() {
    assertThat(ingestCases()).hasSize(51);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ingestCases")
  void answersAsKairosDb(Fixtures.Case c) {
    KairosIngestResult r = run(c);
    List<String> ours = OUR_ANSWERS.get(c.name());
    if (ours != null) {
      assertThat(r.status()).isEqualTo(KairosIngestResult.Status.INVALID);
      assertThat(r.errors()).containsExactlyElementsOf(ours);
    } else if (c.status() == 204) {
      assertThat(r.errors()).isEmpty();
      assertThat(r.status()).isEqualTo(KairosIngestResult.Status.ACCEPTED);
    } else {
      assertThat(c.status()).isEqualTo(400);
      assertThat(r.status()).isEqualTo(KairosIngestResult.Status.INVALID);
      assertThat(r.errors()).containsExactlyElementsOf(errorsOf(c.responseBody()));
    }
    if (r.status() == KairosIngestResult.Status.ACCEPTED) {
      assertThat(r.rejectedPoints()).isZero();
    }
    assertThat(DecodedPoint.decode(r.batches())).hasSize(r.acceptedPoints());
  }

  @Test
  void storesWhatKairosDbStored() {
    for (String check : List.of("053-check-stored-after-bad-ingest", "054-check-stored-nan-string-metric",
      "057-check-stored-nan-bare-metric")) {
      Fixtures.Case c = caseNamed(check);
      JsonArray metrics = JsonParser.parseString(c.body()).getAsJsonObject().getAsJsonArray("metrics");
      JsonArray queries = JsonParser.parseString(c.responseBody()).getAsJsonObject().getAsJsonArray("queries");
      for (int i = 0; i < metrics.size(); i++) {
        JsonObject query = metrics.get(i).getAsJsonObject();
        String metric = query.get("name").getAsString();
        JsonObject answer = queries.get(i).getAsJsonObject();
        List<DecodedPoint> ours = storedPoints(metric);
        if (query.has("aggregators")) {
          // inv.huge: KairosDB answered the count of 100,000 points from the first timestamp.
          JsonArray value = answer.getAsJsonArray("results").get(0).getAsJsonObject().getAsJsonArray("values")
            .get(0).getAsJsonArray();
          assertThat(ours).hasSize(answer.get("sample_size").getAsInt());
          assertThat((long) ours.size()).isEqualTo(value.get(1).getAsLong());
          assertThat(ours.get(0).timestamp()).isEqualTo(value.get(0).getAsLong());
        } else {
          assertThat(ours).as(metric).containsExactlyElementsOf(kairosPoints(metric, answer));
        }
      }
    }
  }

  @Test
  void refusedNanAndInfinityAreNotStored() {
    // KairosDB stored them, and every later query of these metrics failed with 500 (055, 056).
    assertThat(caseNamed("055-check-stored-nan-typed-double-metric").status()).isEqualTo(500);
    assertThat(caseNamed("056-check-stored-infinity-typed-double-metric").status()).isEqualTo(500);
    assertThat(storedPoints("inv.nandbl")).isEmpty();
    assertThat(storedPoints("inv.infdbl")).isEmpty();
  }

  @Test
  void negativeTtlLosesOnlyItsOwnMetric() {
    // KairosDB lost both metrics of the request (and the rest of its Cassandra batch, 106); we keep the valid one.
    JsonArray queries = JsonParser.parseString(caseNamed("106-check-stored-after-negative-ttl").responseBody())
      .getAsJsonObject().getAsJsonArray("queries");
    assertThat(queries.get(1).getAsJsonObject().get("sample_size").getAsInt()).isZero();
    assertThat(storedPoints("inv.ttlneg")).isEmpty();
    assertThat(storedPoints("inv.ttlcompanion")).containsExactly(
      DecodedPoint.of("inv.ttlcompanion", Map.of("h", "a"), DataType.LONG, 1640304000000L, 7L));
  }

  @Test
  void storedMetricNamesMatchKairosDbsIndex() {
    JsonArray names = JsonParser.parseString(caseNamed("107-check-metricnames-after-negative-ttl").responseBody())
      .getAsJsonObject().getAsJsonArray("results");
    Set<String> kairos = new TreeSet<>();
    names.forEach(n -> kairos.add(n.getAsString()));
    Set<String> ours = STORED.stream().map(DecodedPoint::metric).collect(Collectors.toCollection(TreeSet::new));
    Set<String> expected = new TreeSet<>(kairos);
    expected.removeAll(REFUSED_ON_PURPOSE);
    assertThat(ours).isEqualTo(expected);
  }

  private static KairosIngestResult run(Fixtures.Case c) {
    byte[] body = bodyOf(c).getBytes(StandardCharsets.UTF_8);
    GunzipResult decoded = GzipBodies.decode(body, c.headers().get("Content-Type"),
      c.headers().get("Content-Encoding"), MAX_BODY);
    if (!(decoded instanceof GunzipResult.Body plain)) {
      return new KairosIngestResult(KairosIngestResult.Status.INVALID, List.of(), List.of(decoded.message()), 0, 0);
    }
    return PARSER.parse(plain.bytes(), SHARDS, UUID::randomUUID, 1_700_000_000_000L);
  }

  /** The recorded body, or the 100,000-point body rebuilt from its note. */
  private static String bodyOf(Fixtures.Case c) {
    String body = Fixtures.requestBody(c);
    if (c.body() == null) {
      assertThat(body.length()).isEqualTo(2388948);
    }
    return body;
  }

  private static List<String> errorsOf(String responseBody) {
    List<String> out = new ArrayList<>();
    JsonParser.parseString(responseBody).getAsJsonObject().getAsJsonArray("errors")
      .forEach(e -> out.add(e.getAsString()));
    return out;
  }

  private static Fixtures.Case caseNamed(String name) {
    return Fixtures.cases("bad-input").stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  private static List<DecodedPoint> storedPoints(String metric) {
    return STORED.stream().filter(p -> p.metric().equals(metric)).map(DecodedPoint::content)
      .sorted(Comparator.comparingLong(DecodedPoint::timestamp)).collect(Collectors.toList());
  }

  /** The points of a recorded query answer ({@code "group_by":[{"name":"type","type":"number"|"text"}]}). */
  private static List<DecodedPoint> kairosPoints(String metric, JsonObject answer) {
    List<DecodedPoint> out = new ArrayList<>();
    for (JsonElement g : answer.getAsJsonArray("results")) {
      JsonObject group = g.getAsJsonObject();
      Map<String, String> tags = new TreeMap<>();
      for (Map.Entry<String, JsonElement> t : group.getAsJsonObject("tags").entrySet()) {
        assertThat(t.getValue().getAsJsonArray()).hasSize(1);
        tags.put(t.getKey(), t.getValue().getAsJsonArray().get(0).getAsString());
      }
      boolean text = group.getAsJsonArray("group_by").get(0).getAsJsonObject().get("type").getAsString()
        .equals("text");
      for (JsonElement v : group.getAsJsonArray("values")) {
        long ts = v.getAsJsonArray().get(0).getAsLong();
        String value = v.getAsJsonArray().get(1).getAsString();
        out.add(text ? DecodedPoint.of(metric, tags, DataType.STRING, ts, value) : numeric(metric, tags, ts, value));
      }
    }
    return out;
  }

  /** KairosDB prints longs as digits and doubles through {@code Double.toString} without a trailing {@code .0}. */
  private static DecodedPoint numeric(String metric, Map<String, String> tags, long ts, String value) {
    try {
      return DecodedPoint.of(metric, tags, DataType.LONG, ts, Long.parseLong(value));
    } catch (NumberFormatException e) {
      return DecodedPoint.of(metric, tags, DataType.DOUBLE, ts, Double.parseDouble(value));
    }
  }
}
