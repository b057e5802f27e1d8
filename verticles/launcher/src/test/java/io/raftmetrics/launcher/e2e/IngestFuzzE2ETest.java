package io.raftmetrics.launcher.e2e;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Throws malformed, truncated, deeply nested, huge-number and wrong-type JSON at both ingest APIs over HTTP: every
 * answer is 204/201 or 400 with an error body in the API's format, never a 5xx, and the node stays healthy.
 */
class IngestFuzzE2ETest {

  private static final String VALID = "[{\"name\":\"fuzz.m\",\"tags\":{\"host\":\"a\",\"dc\":\"x\"},"
    + "\"datapoints\":[[1700000000000,1],[1700000001000,2.5],[1700000002000,\"s\"]],\"ttl\":60},"
    + "{\"name\":\"fuzz.n\",\"tags\":{\"k\":\"v\"},\"timestamp\":1700000003000,\"value\":-7,\"type\":\"long\"}]";
  private static final String[] FRAGMENTS = {"{", "}", "[", "]", ",", ":", "\"", "null", "true", "1e999",
    "-0", "9223372036854775808", "\"NaN\"", "NaN", "{\"name\":", "\"datapoints\":[[", "\\u12", "\u0000", "[[[[[",
    "\"tags\":[]", "\"type\":\"complex\"", "1.5e-400", "\"ttl\":-1", "\"time\":\"x\""};

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

  static String mutate(Random rnd, String base) {
    StringBuilder sb = new StringBuilder(base);
    int edits = 1 + rnd.nextInt(4);
    for (int e = 0; e < edits && sb.length() > 0; e++) {
      int pos = rnd.nextInt(sb.length());
      switch (rnd.nextInt(5)) {
        case 0 -> sb.setLength(pos);
        case 1 -> sb.deleteCharAt(pos);
        case 2 -> sb.insert(pos, FRAGMENTS[rnd.nextInt(FRAGMENTS.length)]);
        case 3 -> sb.setCharAt(pos, (char) (32 + rnd.nextInt(95)));
        default -> sb.insert(pos, "[".repeat(rnd.nextInt(3000)));
      }
    }
    return sb.toString();
  }

  static byte[] randomBody(Random rnd, int i, String base) {
    switch (i % 6) {
      case 0: {
        byte[] b = new byte[rnd.nextInt(512)];
        rnd.nextBytes(b);
        return b;
      }
      case 1:
        return ("[".repeat(20_000) + "]".repeat(rnd.nextInt(20_000))).getBytes(StandardCharsets.UTF_8);
      case 2:
        return ("{\"name\":\"fuzz.big\",\"tags\":{\"a\":\"b\"},\"datapoints\":[[1," + "9".repeat(1 + rnd.nextInt(5000))
          + "]]}").getBytes(StandardCharsets.UTF_8);
      default:
        return mutate(rnd, base).getBytes(StandardCharsets.UTF_8);
    }
  }

  @Test
  void kairosIngestAnswersOnly204Or400() throws Exception {
    Random rnd = new Random(20261121L);
    List<Future<HttpResponse<Buffer>>> answers = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      answers.add(node.post("/api/v1/datapoints").sendBuffer(Buffer.buffer(randomBody(rnd, i, VALID))));
      if (answers.size() == 16) {
        check(answers, 204);
      }
    }
    check(answers, 204);
    assertThat(node.send(node.get("/health")).statusCode()).isEqualTo(200);
  }

  @Test
  void simpleIngestAnswersOnly201Or400() throws Exception {
    Random rnd = new Random(7L);
    String base = "{\"metrics\":[{\"metric_name\":\"fuzz_s\",\"value\":1.5,\"timestamp\":\"2024-01-20T15:30:00Z\","
      + "\"tags\":{\"h\":\"a\"}},{\"key\":\"fuzz_t\",\"value\":3,\"timestamp\":1700000000000}]}";
    List<Future<HttpResponse<Buffer>>> answers = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String path = i % 2 == 0 ? "/metrics/batch" : "/metrics";
      answers.add(node.post(path).sendBuffer(Buffer.buffer(randomBody(rnd, i, base))));
      if (answers.size() == 16) {
        check(answers, 201);
      }
    }
    check(answers, 201);
  }

  private static void check(List<Future<HttpResponse<Buffer>>> answers, int ok) throws Exception {
    for (Future<HttpResponse<Buffer>> f : answers) {
      HttpResponse<Buffer> r = f.await(60, TimeUnit.SECONDS);
      assertThat(r.statusCode()).as(r.bodyAsString()).isIn(ok, 400);
      if (r.statusCode() == 400) {
        assertThat(r.bodyAsJsonObject()).isNotNull();
      }
    }
    answers.clear();
  }
}
