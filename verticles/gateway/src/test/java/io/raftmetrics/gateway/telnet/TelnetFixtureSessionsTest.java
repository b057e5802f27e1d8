package io.raftmetrics.gateway.telnet;

import io.raftmetrics.api.ingest.DataType;
import io.raftmetrics.gateway.ingest.DecodedPoint;
import io.raftmetrics.testkit.Fixtures;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static io.raftmetrics.gateway.telnet.TelnetHarness.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The telnet sessions recorded against a real KairosDB 1.3.2 ({@code fixtures/kairosdb/telnet}), replayed byte for
 * byte, one connection each: the same replies, and the same points, rendered as KairosDB's recorded query answered
 * them.
 */
class TelnetFixtureSessionsTest {

  private static final String RECORDED_VERSION = "KairosDB 1.3.2-1.20261121223626";
  private static TelnetHarness h;

  @BeforeAll
  static void start() throws Exception {
    JsonObject gw = TelnetHarness.gatewayConfig(new JsonObject()).put("kairos_version", RECORDED_VERSION);
    h = TelnetHarness.startGateway(gw);
  }

  @AfterAll
  static void stop() throws Exception {
    h.close();
  }

  @Test
  void sessionsGetTheRecordedRepliesAndStoreWhatKairosDbStored() throws Exception {
    JsonObject recorded = new JsonObject(Fixtures.read(Fixtures.kairosDir().resolve("telnet/telnet-sessions.json")));
    String probe = RECORDED_VERSION + "\n";
    for (Object o : recorded.getJsonArray("sessions")) {
      JsonObject session = (JsonObject) o;
      String expected = session.getString("reply_bytes");
      try (Socket s = h.connect()) {
        send(s, session.getString("bytes_sent_latin1"));
        // A version probe after the session: whatever precedes its answer is the session's reply.
        send(s, "version\n");
        byte[] reply = s.getInputStream().readNBytes(expected.length() + probe.length());
        assertThat(new String(reply, StandardCharsets.ISO_8859_1)).as(session.getString("session"))
          .isEqualTo(expected + probe);
        assertThat(session.getInteger("reply_length")).isEqualTo(expected.length());
      }
    }

    JsonObject query = new JsonObject(Fixtures.read(Fixtures.kairosDir().resolve("telnet/query.request.json")));
    String expectedBody = new JsonObject(Fixtures.read(Fixtures.kairosDir().resolve("telnet/query.response.json")))
      .getString("body");
    int expectedPoints = 9;
    h.awaitPoints(expectedPoints);
    assertThat(render(query)).isEqualTo(expectedBody);
    assertThat(h.points).hasSize(expectedPoints);
    assertThat(h.points).filteredOn(p -> p.metric().equals("pub.tel.ttl")).extracting(DecodedPoint::ttl)
      .containsExactly(3600);
    assertThat(h.points).filteredOn(p -> !p.metric().equals("pub.tel.ttl")).extracting(DecodedPoint::ttl)
      .containsOnly(0);
  }

  /**
   * What KairosDB's query answers for these points: per metric, its tags with sorted values and its points by time.
   * Only the shapes the fixture needs (one type per metric, no double with an integral value).
   */
  private static String render(JsonObject query) {
    JsonArray queries = new JsonArray();
    for (Object m : query.getJsonArray("metrics")) {
      String name = ((JsonObject) m).getString("name");
      List<DecodedPoint> pts = h.points.stream().filter(p -> p.metric().equals(name))
        .sorted(Comparator.comparingLong(DecodedPoint::timestamp)).toList();
      JsonArray results = new JsonArray();
      if (!pts.isEmpty()) {
        Map<String, TreeSet<String>> tags = new TreeMap<>();
        pts.forEach(p -> p.tags().forEach((k, v) -> tags.computeIfAbsent(k, x -> new TreeSet<>()).add(v)));
        JsonObject tagJson = new JsonObject();
        tags.forEach((k, v) -> tagJson.put(k, new JsonArray(List.copyOf(v))));
        JsonArray values = new JsonArray();
        pts.forEach(p -> values.add(new JsonArray().add(p.timestamp()).add(p.value())));
        String group = pts.get(0).type() == DataType.STRING ? "text" : "number";
        results.add(new JsonObject().put("name", name)
          .put("group_by", new JsonArray().add(new JsonObject().put("name", "type").put("type", group)))
          .put("tags", tagJson).put("values", values));
      }
      queries.add(new JsonObject().put("sample_size", pts.size()).put("results", results));
    }
    return new JsonObject().put("queries", queries).encode();
  }

  @Test
  void theRecordedBytesSplitIntoTheRecordedLines() {
    JsonObject recorded = new JsonObject(Fixtures.read(Fixtures.kairosDir().resolve("telnet/telnet-sessions.json")));
    for (Object o : recorded.getJsonArray("sessions")) {
      JsonObject session = (JsonObject) o;
      byte[] bytes = session.getString("bytes_sent_latin1").getBytes(StandardCharsets.ISO_8859_1);
      LineCollector lines = new LineCollector();
      new LineFramer(TelnetConfig.DEFAULT_MAX_LINE).feed(bytes, 0, bytes.length, lines);
      assertThat(lines.lines).as(session.getString("session"))
        .isEqualTo(session.getJsonArray("lines_sent").getList());
    }
  }
}
