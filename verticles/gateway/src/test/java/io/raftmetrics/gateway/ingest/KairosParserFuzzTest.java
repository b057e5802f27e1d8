package io.raftmetrics.gateway.ingest;

import io.raftmetrics.testkit.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Throws malformed, truncated, mistyped, deeply nested and random input at the parser (seeded, so a failure
 * reproduces). It must always answer, and whenever KairosDB's own Gson reading fails the answer must be exactly
 * Gson's message ({@link GsonReference}).
 */
class KairosParserFuzzTest {

  private static final long SEED = 0x5EED_CAFEL;
  private static final String[] TOKENS = {"{", "}", "[", "]", ",", ":", "\"", "'", "null", "true", "false", "-",
    "1e999999999", "-0", "1.5", "NaN", "Infinity", "[]", "{}", "/*", "*/", "//", "#", "\n", "\\", "\\u", "\"\\uD800\"",
    "9223372036854775808", "0012", "\u0000", "ü", "\"name\"", "\"tags\"", "\"datapoints\"", "\"value\"", "\"type\"",
    "\"ttl\"", "\"timestamp\"", "\"time\"", "\"skip_validate\"", "\"long\"", "\"double\"", "\"string\"", ";", "="};

  private final KairosIngestParser parser = new KairosIngestParser(IngestLimits.DEFAULTS);

  @Test
  @Timeout(120)
  void mutatedBodiesAlwaysGetAnAnswerAndGsonsSyntaxMessages() {
    Random rnd = new Random(SEED);
    List<String> seeds = seeds();
    int syntaxErrors = 0;
    for (int i = 0; i < 3000; i++) {
      String body = mutate(rnd, seeds.get(rnd.nextInt(seeds.size())));
      if (check(body)) {
        syntaxErrors++;
      }
    }
    // The mutations must reach the syntax paths, or the comparison above proved little.
    assertThat(syntaxErrors).isGreaterThan(1000);
  }

  @Test
  @Timeout(120)
  void generatedMetricsOfEveryShapeAlwaysGetAnAnswer() {
    Random rnd = new Random(SEED + 1);
    int accepted = 0;
    for (int i = 0; i < 3000; i++) {
      StringBuilder sb = new StringBuilder("[");
      int metrics = rnd.nextInt(4);
      for (int m = 0; m < metrics; m++) {
        sb.append(m == 0 ? "" : ",").append(metric(rnd));
      }
      KairosIngestResult r = parse(sb.append(']').toString());
      check(sb.toString());
      if (r.status() == KairosIngestResult.Status.ACCEPTED && r.acceptedPoints() > 0) {
        accepted++;
      }
    }
    assertThat(accepted).isGreaterThan(150);
  }

  @Test
  @Timeout(60)
  void randomBytesAlwaysGetAnAnswer() {
    Random rnd = new Random(SEED + 2);
    for (int i = 0; i < 2000; i++) {
      byte[] body = new byte[rnd.nextInt(200)];
      rnd.nextBytes(body);
      KairosIngestResult r = parser.parse(body, 2, UUID::randomUUID, 0L);
      assertThat(r.status()).isNotNull();
      assertThat(r.errors().isEmpty()).isEqualTo(r.status() == KairosIngestResult.Status.ACCEPTED);
    }
  }

  @Test
  @Timeout(60)
  void deepNestingNeverOverflowsTheStack() {
    String deep = "[".repeat(10_000) + "1" + "]".repeat(10_000);
    String deepObject = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
    List<String> bodies = List.of(deep, "[" + deep + "]", "[{\"name\":\"m\",\"tags\":{\"h\":\"a\"},\"value\":" + deep
        + ",\"timestamp\":1}]", "{\"name\":\"m\",\"tags\":{\"h\":\"a\"},\"datapoints\":[[" + deep + "," + deep + "]]}",
      "{\"name\":\"m\",\"x\":" + deepObject + "}", "[" + "[".repeat(10_000));
    // The default limit refuses all of them up front...
    for (String body : bodies) {
      assertThat(parse(body).errors()).containsExactly(
        "Invalid json. Arrays and objects may not be nested deeper than 64 levels.");
    }
    // ...and without it the reading itself still copes, iteratively.
    KairosIngestParser unlimited = new KairosIngestParser(new IngestLimits(1_000_000, 64, 1024, 10, 1_000_000));
    for (String body : bodies) {
      KairosIngestResult r = unlimited.parse(body.getBytes(StandardCharsets.UTF_8), 1, UUID::randomUUID, 0L);
      assertThat(r.status()).isEqualTo(KairosIngestResult.Status.INVALID);
    }
    KairosIngestResult unwrapped = unlimited.parse(("{\"name\":\"m\",\"tags\":{\"h\":\"a\"},\"datapoints\":[[" + deep
      + "," + deep + ",\"long\"]]}").getBytes(StandardCharsets.UTF_8), 1, UUID::randomUUID, 0L);
    assertThat(DecodedPoint.decode(unwrapped.batches())).extracting(DecodedPoint::value).containsExactly(1L);
  }

  @Test
  void hugeNumbersAreConvertedWithoutExpandingThem() {
    String digits = "9".repeat(1000);
    KairosIngestResult r = parse("{\"name\":\"m\",\"tags\":{\"h\":\"a\"},\"datapoints\":[[1,1e2147483647],"
      + "[2,-1e-2147483647],[3," + digits + "],[4,\"" + digits + "\"],[" + digits + ",1],[5,1e2147483648]]}");
    assertThat(DecodedPoint.decode(r.batches())).extracting(DecodedPoint::value)
      .containsExactly(0L, 0L, new java.math.BigDecimal(digits).longValue(), 1L);
    assertThat(r.errors()).hasSize(2);
  }

  /** Parses, checks the answer is coherent and compares with Gson; @return whether Gson failed on the body. */
  private boolean check(String body) {
    KairosIngestResult r = parse(body);
    assertThat(r.status()).as(body).isNotNull();
    assertThat(r.errors().isEmpty()).as(body).isEqualTo(r.status() == KairosIngestResult.Status.ACCEPTED);
    assertThat(DecodedPoint.decode(r.batches())).as(body).hasSize(r.acceptedPoints());
    if (!JsonDepth.isWithin(body.getBytes(StandardCharsets.UTF_8), IngestLimits.DEFAULTS.maxJsonDepth())) {
      return false;
    }
    String gson = GsonReference.syntaxError(body);
    if (gson != null) {
      assertThat(r.errors()).as(body).containsExactly(gson);
      return true;
    }
    for (String e : r.errors()) {
      assertThat(e).as(body).doesNotStartWith("java.").doesNotStartWith("com.google.")
        .doesNotContain(" path $");
    }
    return false;
  }

  private KairosIngestResult parse(String body) {
    return parser.parse(body.getBytes(StandardCharsets.UTF_8), 3, UUID::randomUUID, 0L);
  }

  /** Valid bodies to start from: every recorded ingest body of moderate size. */
  private static List<String> seeds() {
    List<String> out = new ArrayList<>();
    for (Fixtures.Case c : Fixtures.cases("bad-input")) {
      if (c.name().contains("-ingest-") && c.body() != null && c.body().length() < 2000) {
        out.add(c.body());
      }
    }
    Fixtures.json("dataset.json").getAsJsonArray().forEach(e -> {
      String body = e.getAsJsonObject().get("body").getAsString();
      if (body.length() < 2000) {
        out.add(body);
      }
    });
    return out;
  }

  private static String mutate(Random rnd, String body) {
    StringBuilder sb = new StringBuilder(body);
    int edits = 1 + rnd.nextInt(3);
    for (int i = 0; i < edits && sb.length() > 0; i++) {
      int at = rnd.nextInt(sb.length() + 1);
      switch (rnd.nextInt(5)) {
        case 0:
          sb.setLength(at);
          break;
        case 1:
          if (at < sb.length()) {
            sb.deleteCharAt(at);
          }
          break;
        case 2:
          sb.insert(at, TOKENS[rnd.nextInt(TOKENS.length)]);
          break;
        case 3:
          if (at < sb.length()) {
            sb.setCharAt(at, (char) (32 + rnd.nextInt(95)));
          }
          break;
        default:
          int end = Math.min(sb.length(), at + rnd.nextInt(20));
          sb.replace(at, end, TOKENS[rnd.nextInt(TOKENS.length)]);
      }
    }
    return sb.toString();
  }

  private static String metric(Random rnd) {
    List<String> fields = new ArrayList<>();
    String[] names = {"name", "tags", "timestamp", "time", "value", "datapoints", "type", "ttl", "skip_validate",
      "other"};
    boolean careful = rnd.nextBoolean();
    for (String f : names) {
      boolean essential = f.equals("name") || f.equals("tags") || f.equals("datapoints");
      if (careful ? essential || rnd.nextInt(4) == 0 : rnd.nextInt(3) > 0) {
        fields.add("\"" + f + "\":" + field(rnd, f, careful));
      }
    }
    java.util.Collections.shuffle(fields, rnd);
    return rnd.nextInt(20) == 0 ? "null" : "{" + String.join(",", fields) + "}";
  }

  /** Half of the metrics are valid but for a random slip, the rest random in every field. */
  private static String field(Random rnd, String name, boolean careful) {
    boolean plausible = careful ? rnd.nextInt(30) > 0 : rnd.nextInt(4) > 0;
    switch (name) {
      case "name":
        return plausible ? "\"m" + rnd.nextInt(5) + "\"" : any(rnd, 2);
      case "tags":
        return plausible ? "{\"h\":\"" + rnd.nextInt(3) + "\"}" : any(rnd, 2);
      case "timestamp":
      case "time":
        return plausible ? Long.toString(rnd.nextLong() % 2_000_000_000_000L) : any(rnd, 1);
      case "datapoints":
        if (!plausible) {
          return any(rnd, 3);
        }
        StringBuilder sb = new StringBuilder("[");
        int n = rnd.nextInt(5);
        for (int i = 0; i < n; i++) {
          sb.append(i == 0 ? "" : ",").append('[').append(rnd.nextInt(careful ? 30 : 4) == 0 ? any(rnd, 1)
            : rnd.nextInt(1000)).append(',').append(careful ? rnd.nextInt(100) + "." + rnd.nextInt(9) : any(rnd, 1));
          if (rnd.nextInt(4) == 0) {
            sb.append(',').append(careful || rnd.nextBoolean() ? "\"double\"" : any(rnd, 1));
          }
          sb.append(']');
        }
        return sb.append(']').toString();
      case "type":
        return plausible ? new String[] {"\"double\"", "\"string\"", "\"complex\""}[rnd.nextInt(careful ? 2 : 3)]
          : any(rnd, 1);
      case "ttl":
        return plausible ? Integer.toString(rnd.nextInt(1000) - (careful ? 0 : 10)) : any(rnd, 1);
      case "skip_validate":
        return plausible ? Boolean.toString(rnd.nextBoolean()) : any(rnd, 1);
      default:
        return any(rnd, 3);
    }
  }

  /** A random JSON value of any kind. */
  private static String any(Random rnd, int depth) {
    switch (rnd.nextInt(depth > 0 ? 11 : 9)) {
      case 0:
        return "null";
      case 1:
        return rnd.nextBoolean() ? "true" : "false";
      case 2:
        return Long.toString(rnd.nextLong());
      case 3:
        return rnd.nextInt(100) + "." + rnd.nextInt(100);
      case 4:
        return new String[] {"1e3", "1e-3", "-0.0", "1e400", "9223372036854775808", "1.5e400"}[rnd.nextInt(6)];
      case 5:
        return "\"\"";
      case 6:
        return new String[] {"\"7\"", "\"2.5\"", "\"NaN\"", "\"Infinity\"", "\"abc\"", "\".5.5\"", "\"+1\""}
          [rnd.nextInt(7)];
      case 7:
        return "\"s" + rnd.nextInt(10) + "\"";
      case 8:
        return "[]";
      case 9:
        StringBuilder a = new StringBuilder("[");
        int n = rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
          a.append(i == 0 ? "" : ",").append(any(rnd, depth - 1));
        }
        return a.append(']').toString();
      default:
        return "{\"k\":" + any(rnd, depth - 1) + "}";
    }
  }
}
