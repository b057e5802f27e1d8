package io.raftmetrics.launcher.e2e;

import io.raftmetrics.testkit.Fixtures;
import io.raftmetrics.testkit.Ports;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * KairosDB's telnet protocol end to end on a single-JVM node (gateway telnet → Raft → DuckDB): the sessions recorded
 * against KairosDB 1.3.2 replayed byte for byte on the node's telnet port, answered as KairosDB answered them, then
 * what they stored read back through the simple API (and through KairosDB's query when the gateway serves it).
 */
class TelnetE2ETest {

  private static final String RECORDED_VERSION = "KairosDB 1.3.2-1.20261121223626";
  private static final int GIVE_UP_MS = 60_000;

  @TempDir
  static Path dir;
  static NodeHarness node;
  static int telnetPort;

  @BeforeAll
  static void start() throws Exception {
    telnetPort = Ports.free();
    node = NodeHarness.start(dir, "gateway:\n  kairos_version: \"" + RECORDED_VERSION + "\"\n"
      + "  telnet:\n    enabled: true\n    host: 127.0.0.1\n    port: " + telnetPort + "\n");
    replaySessions();
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) {
      node.close();
    }
  }

  private static Socket connect() throws Exception {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", telnetPort), GIVE_UP_MS);
    s.setSoTimeout(GIVE_UP_MS);
    return s;
  }

  /**
   * Each recorded session on its own connection; a {@code version} probe after it bounds the reply without waiting:
   * whatever comes before the probe's answer is the session's reply.
   */
  private static void replaySessions() throws Exception {
    JsonObject recorded = new JsonObject(Fixtures.read(Fixtures.kairosDir().resolve("telnet/telnet-sessions.json")));
    String probe = RECORDED_VERSION + "\n";
    for (Object o : recorded.getJsonArray("sessions")) {
      JsonObject session = (JsonObject) o;
      String expected = session.getString("reply_bytes");
      try (Socket s = connect()) {
        s.getOutputStream().write((session.getString("bytes_sent_latin1") + "version\n")
          .getBytes(StandardCharsets.ISO_8859_1));
        byte[] reply = s.getInputStream().readNBytes(expected.length() + probe.length());
        assertThat(new String(reply, StandardCharsets.ISO_8859_1)).as(session.getString("session"))
          .isEqualTo(expected + probe);
      }
    }
    // Telnet has no acknowledgement: wait until the last session's points are readable (count only grows).
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GIVE_UP_MS);
    while (count("pub.tel.put") < 2 || count("pub.tel.putm") < 3 || count("pub.tel.notags") < 1
      || count("pub.tel.ttl") < 1 || !"plain".equals(latestValue("pub.tel.str"))) {
      assertThat(System.nanoTime()).as("telnet points readable in time").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private static long count(String metric) throws Exception {
    HttpResponse<Buffer> r = node.send(node.get("/aggregate?metric=" + metric + "&agg=count"));
    return r.statusCode() == 200 ? r.bodyAsJsonObject().getJsonObject("aggregations").getLong("count") : 0;
  }

  /** The latest value of a metric, or null while it has none (count covers numbers only). */
  private static Object latestValue(String metric) throws Exception {
    HttpResponse<Buffer> r = node.send(node.get("/metrics/" + metric));
    return r.statusCode() == 200 ? r.bodyAsJsonObject().getValue("value") : null;
  }

  private static JsonObject aggregate(String metric) throws Exception {
    HttpResponse<Buffer> r = node.send(node.get("/aggregate?metric=" + metric + "&agg=count,sum,min,max"));
    assertThat(r.statusCode()).as(metric).isEqualTo(200);
    return r.bodyAsJsonObject().getJsonObject("aggregations");
  }

  private static JsonObject latest(String metric) throws Exception {
    HttpResponse<Buffer> r = node.send(node.get("/metrics/" + metric));
    assertThat(r.statusCode()).as(metric).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  @Test
  void putTakesSecondsAndMillisecondsWithTheirTypes() throws Exception {
    JsonObject agg = aggregate("pub.tel.put");
    assertThat(agg.getLong("count")).isEqualTo(2L);
    assertThat(agg.getDouble("sum")).isEqualTo(85.5);
    assertThat(agg.getDouble("min")).isEqualTo(42.0);
    assertThat(agg.getDouble("max")).isEqualTo(43.5);
    JsonObject last = latest("pub.tel.put");
    // 1640390400 was seconds; 1640390401000 milliseconds
    assertThat(last.getString("timestamp")).isEqualTo("2021-12-25T00:00:01Z");
    assertThat(last.getDouble("value")).isEqualTo(43.5);
    assertThat(last.getJsonObject("tags").getMap()).isEqualTo(Map.of("host", "t1", "dc", "x"));
  }

  @Test
  void putmKeepsLongsExactlyAndDoublesAsDoubles() throws Exception {
    assertThat(aggregate("pub.tel.putm").getLong("count")).isEqualTo(3L);
    JsonObject last = latest("pub.tel.putm");
    assertThat(last.getLong("value")).isEqualTo(Long.MAX_VALUE);
    assertThat(last.getString("timestamp")).isEqualTo("2021-12-25T00:00:00.002Z");
    assertThat(last.getJsonObject("tags").getMap()).isEqualTo(Map.of("host", "t3"));
    JsonObject t2 = node.send(node.get("/aggregate?metric=pub.tel.putm&agg=count,min,max&tags=host:t2"))
      .bodyAsJsonObject().getJsonObject("aggregations");
    assertThat(t2.getLong("count")).isEqualTo(2L);
    assertThat(t2.getDouble("min")).isEqualTo(-7.25);
    assertThat(t2.getDouble("max")).isEqualTo(7.0);
  }

  @Test
  void withoutTagsThePointGetsAddTagAndTheTtlOptionIsNotATag() throws Exception {
    JsonObject notags = latest("pub.tel.notags");
    assertThat(notags.getJsonObject("tags").getMap()).isEqualTo(Map.of("add", "tag"));
    assertThat(notags.getLong("value")).isEqualTo(1L);
    JsonObject ttl = latest("pub.tel.ttl");
    assertThat(ttl.getJsonObject("tags").getMap()).isEqualTo(Map.of("host", "t4"));
    assertThat(ttl.getLong("value")).isEqualTo(5L);
  }

  @Test
  void putsStoresStrings() throws Exception {
    JsonObject last = latest("pub.tel.str");
    assertThat(last.getString("value")).isEqualTo("plain");
    assertThat(last.getString("timestamp")).isEqualTo("2021-12-25T00:00:00.001Z");
    assertThat(last.getJsonObject("tags").getMap()).isEqualTo(Map.of("host", "t5"));
    // Strings are not aggregated; the quoted "hello world" before it is checked by KairosDB's query below.
    assertThat(count("pub.tel.str")).isZero();
  }

  @Test
  void badLinesStoredNothing() throws Exception {
    assertThat(node.send(node.get("/metrics/pub.tel.bad")).statusCode()).isEqualTo(404);
    assertThat(count("pub.tel.bad")).isZero();
  }

  @Test
  void kairosDbsQueryAnswersAsRecordedWhenTheGatewayServesIt() throws Exception {
    String request = Fixtures.read(Fixtures.kairosDir().resolve("telnet/query.request.json"));
    HttpResponse<Buffer> r = node.send(node.post("/api/v1/datapoints/query"), request);
    Assumptions.assumeTrue(r.statusCode() != 404 && r.statusCode() != 405,
      "the gateway does not serve POST /api/v1/datapoints/query yet");
    JsonObject expected = new JsonObject(Fixtures.read(Fixtures.kairosDir().resolve("telnet/query.response.json")));
    assertThat(r.statusCode()).isEqualTo(expected.getInteger("status"));
    assertThat(r.bodyAsString()).isEqualTo(expected.getString("body"));
  }
}
