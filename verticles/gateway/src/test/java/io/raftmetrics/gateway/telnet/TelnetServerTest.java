package io.raftmetrics.gateway.telnet;

import io.raftmetrics.api.Sharding;
import io.raftmetrics.api.ingest.DataType;
import io.raftmetrics.gateway.GatewayConfig;
import io.raftmetrics.gateway.ingest.DecodedPoint;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.raftmetrics.gateway.telnet.TelnetHarness.readLine;
import static io.raftmetrics.gateway.telnet.TelnetHarness.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * KairosDB's telnet protocol over a real socket: what each kind of line stores, that only {@code version} is
 * answered, and that bad lines are counted while the connection stays open. Each test writes its own metrics and
 * closes its connection, which flushes its points.
 */
class TelnetServerTest {

  private static TelnetHarness h;

  @BeforeAll
  static void start() throws Exception {
    // A long timer: points reach the stand-in raft role when the test closes its connection.
    h = TelnetHarness.start(new JsonObject().put("flush_interval_ms", 60_000));
  }

  @AfterAll
  static void stop() throws Exception {
    h.close();
  }

  @BeforeEach
  void acknowledge() {
    h.answer = TelnetHarness.Answer.ACK;
  }

  /** Sends the lines on a new connection, closes it, and returns the points of {@code metricPrefix}. */
  private static List<DecodedPoint> session(String metricPrefix, String text, int expectedPoints) throws Exception {
    int before = h.points.size();
    try (Socket s = h.connect()) {
      send(s, text);
      // Nothing may come back before the answer to this version: no reply to any line sent before it.
      send(s, "version\n");
      assertThat(readLine(s)).isEqualTo(GatewayConfig.DEFAULT_VERSION + "\n");
    }
    TelnetHarness.await(expectedPoints + " points of " + metricPrefix,
      () -> of(metricPrefix).size() >= expectedPoints);
    assertThat(h.points.size() - before).isGreaterThanOrEqualTo(expectedPoints);
    return of(metricPrefix);
  }

  private static List<DecodedPoint> of(String metricPrefix) {
    return h.points.stream().filter(p -> p.metric().startsWith(metricPrefix)).collect(Collectors.toList());
  }

  @Test
  void putTakesSecondsBelowThreeBillionAndPutmAlwaysMilliseconds() throws Exception {
    List<DecodedPoint> pts = session("ts.", "put ts.put 1640390400 42 host=t1 dc=x\n"
      + "put ts.put 1640390401000 43.5 host=t1 dc=x\n"
      + "put ts.edge 2999999999 1 h=a\n"
      + "put ts.edge 3000000000 2 h=a\n"
      + "put ts.edge -5 3 h=a\n"
      + "putm ts.putm 1000 7 h=a\n"
      + "puts ts.puts 1000 text h=a\n", 7);
    assertThat(pts).containsExactlyInAnyOrder(
      new DecodedPoint(0, "ts.put", Map.of("dc", "x", "host", "t1"), DataType.LONG, 0, 1640390400000L, 42L),
      new DecodedPoint(0, "ts.put", Map.of("dc", "x", "host", "t1"), DataType.DOUBLE, 0, 1640390401000L, 43.5),
      new DecodedPoint(0, "ts.edge", Map.of("h", "a"), DataType.LONG, 0, 2999999999000L, 1L),
      new DecodedPoint(0, "ts.edge", Map.of("h", "a"), DataType.LONG, 0, 3000000000L, 2L),
      new DecodedPoint(0, "ts.edge", Map.of("h", "a"), DataType.LONG, 0, -5000L, 3L),
      new DecodedPoint(0, "ts.putm", Map.of("h", "a"), DataType.LONG, 0, 1000L, 7L),
      new DecodedPoint(0, "ts.puts", Map.of("h", "a"), DataType.STRING, 0, 1000L, "text"));
  }

  @Test
  void aValueWithADotIsADoubleAndOtherwiseALong() throws Exception {
    List<DecodedPoint> pts = session("ty.", "putm ty.a 1 -7 h=a\n"
      + "putm ty.a 2 9223372036854775807 h=a\n"
      + "putm ty.a 3 -9223372036854775808 h=a\n"
      + "putm ty.b 1 -7.25 h=a\n"
      + "putm ty.b 2 1.5e3 h=a\n"
      + "putm ty.b 3 5. h=a\n"
      + "putm ty.b 4 -0.0 h=a\n"
      + "putm ty.c 1 1.0 h=a\n"
      + "putm ty.c 2 1 h=a\n", 9);
    assertThat(pts.stream().filter(p -> p.metric().equals("ty.a")).map(DecodedPoint::value))
      .containsExactlyInAnyOrder(-7L, Long.MAX_VALUE, Long.MIN_VALUE);
    assertThat(pts.stream().filter(p -> p.metric().equals("ty.b")).map(DecodedPoint::value))
      .containsExactlyInAnyOrder(-7.25, 1500.0, 5.0, -0.0);
    // One series receiving a double then a long: both kept, each with its type.
    assertThat(pts.stream().filter(p -> p.metric().equals("ty.c")).map(p -> p.type() + ":" + p.value()))
      .containsExactlyInAnyOrder("DOUBLE:1.0", "LONG:1");
  }

  @Test
  void tagsAreSplitOnEqualsWithKairosDbsQuirks() throws Exception {
    List<DecodedPoint> pts = session("tg.", "putm tg.notags 1 1\n"
      + "putm tg.split 1 1 a=b=c x=y==\n"
      + "putm tg.ttl 1 5 host=t4 kairos_opt.ttl=3600\n"
      + "putm tg.ttlonly 1 5 kairos_opt.ttl=60\n"
      + "putm tg.ttlplus 1 5 kairos_opt.ttl=+60 kairos_opt.ttl=70 h=a\n", 5);
    assertThat(pts).containsExactlyInAnyOrder(
      new DecodedPoint(0, "tg.notags", Map.of("add", "tag"), DataType.LONG, 0, 1L, 1L),
      new DecodedPoint(0, "tg.split", Map.of("a", "b", "x", "y"), DataType.LONG, 0, 1L, 1L),
      new DecodedPoint(0, "tg.ttl", Map.of("host", "t4"), DataType.LONG, 3600, 1L, 5L),
      new DecodedPoint(0, "tg.ttlonly", Map.of("add", "tag"), DataType.LONG, 60, 1L, 5L),
      new DecodedPoint(0, "tg.ttlplus", Map.of("h", "a"), DataType.LONG, 70, 1L, 5L));
  }

  @Test
  void quotedWordsAndLatin1Bytes() throws Exception {
    List<DecodedPoint> pts = session("q", "puts q.str 1 \"hello world\" host=t5\n"
      + "putm \"q.my metric\" 2 1 \"host=a b\"\n"
      + "puts q.empty 3 \"\" h=a\n"
      // UTF-8 bytes of "é" read as ISO-8859-1, as KairosDB does (mojibake), and a raw Latin-1 byte.
      + "putm q.caf\u00c3\u00a9 4 1 host=caf\u00e9\n", 4);
    assertThat(pts).containsExactlyInAnyOrder(
      new DecodedPoint(0, "q.str", Map.of("host", "t5"), DataType.STRING, 0, 1L, "hello world"),
      new DecodedPoint(0, "q.my metric", Map.of("host", "a b"), DataType.LONG, 0, 2L, 1L),
      new DecodedPoint(0, "q.empty", Map.of("h", "a"), DataType.STRING, 0, 3L, ""),
      new DecodedPoint(Sharding.shardOf("q.caf\u00c3\u00a9", 1), "q.caf\u00c3\u00a9", Map.of("host", "caf\u00e9"),
        DataType.LONG, 0, 4L, 1L));
  }

  @Test
  void crLfEndsLinesAsWellAsLf() throws Exception {
    List<DecodedPoint> pts = session("crlf.", "putm crlf.a 1 1 h=a\r\nputm crlf.a 2 2 h=a\nputm crlf.a 3 3 h=a\r\n", 3);
    assertThat(pts).extracting(DecodedPoint::timestamp).containsExactlyInAnyOrder(1L, 2L, 3L);
    assertThat(pts).allSatisfy(p -> assertThat(p.tags()).isEqualTo(Map.of("h", "a")));
  }

  @Test
  void badLinesAreDroppedCountedAndTheConnectionGoesOn() throws Exception {
    double invalid = TelnetHarness.counter("raftmetrics.telnet.lines.rejected", "reason", "invalid");
    double unknown = TelnetHarness.counter("raftmetrics.telnet.lines.rejected", "reason", "unknown_command");
    double rejectedPoints = TelnetHarness.counter("raftmetrics.points.rejected", "api", "telnet");
    String bad = "putm bad.x 1 1 notatag\n"
      + "putm bad.x abc 1 host=a\n"
      + "putm bad.x 1 notanumber host=a\n"
      + "putm bad.x 1 1e3 host=a\n"
      + "putm bad.x 1 +5 host=a\n"
      + "putm bad.x 1 9223372036854775808 host=a\n"
      + "putm bad.x 1 1.0e999 host=a\n"
      + "putm bad.x 1 1 =b\n"
      + "putm bad.x 1 1 a=\n"
      + "putm bad.x 1 1 a==b\n"
      + "putm bad.x 1 1 =\n"
      + "putm bad.x 1 1 h=a h=b\n"
      + "putm bad.x 1 1 kairos_opt.ttl=abc\n"
      + "putm bad.x 1 1 kairos_opt.ttl=-5\n"
      + "putm \"\" 1 1 h=a\n"
      + "putm bad.x 1\n"
      + "putm bad.x\n"
      + "putm\n"
      + "put bad.x 1 1 \"\"\n";
    String unknownLines = "frobnicate 1 2 3\n\nPUTM bad.x 1 1 h=a\nauth token\n";
    List<DecodedPoint> pts = session("bad.", bad + unknownLines + "putm bad.ok 1 1 h=a\n", 1);
    assertThat(pts).containsExactly(new DecodedPoint(0, "bad.ok", Map.of("h", "a"), DataType.LONG, 0, 1L, 1L));
    assertThat(TelnetHarness.counter("raftmetrics.telnet.lines.rejected", "reason", "invalid") - invalid)
      .isEqualTo(19);
    assertThat(TelnetHarness.counter("raftmetrics.points.rejected", "api", "telnet") - rejectedPoints)
      .isEqualTo(19);
    assertThat(TelnetHarness.counter("raftmetrics.telnet.lines.rejected", "reason", "unknown_command") - unknown)
      .isEqualTo(4);
  }

  @Test
  void versionIsAnsweredOnEachRequestAndNothingElseIs() throws Exception {
    try (Socket s = h.connect()) {
      send(s, "putm ver.a 1 1 h=a\nversion\nbad line\nversion extra words\n");
      assertThat(readLine(s)).isEqualTo(GatewayConfig.DEFAULT_VERSION + "\n");
      assertThat(readLine(s)).isEqualTo(GatewayConfig.DEFAULT_VERSION + "\n");
      // The next bytes are the answer to the next version: the lines in between got nothing.
      send(s, "putm ver.a 2 2 h=a\nversion\n");
      assertThat(readLine(s)).isEqualTo(GatewayConfig.DEFAULT_VERSION + "\n");
    }
  }

  @Test
  void aLineOverMaxLineIsDroppedWholeAndTheNextIsRead() throws Exception {
    double tooLong = TelnetHarness.counter("raftmetrics.telnet.lines.rejected", "reason", "too_long");
    String prefix = "putm long.a 1 1 h=";
    String exact = prefix + "v".repeat(TelnetConfig.DEFAULT_MAX_LINE - prefix.length());
    String over = "putm long.b 2 2 h=" + "v".repeat(TelnetConfig.DEFAULT_MAX_LINE - prefix.length() + 1) + "\r\n";
    String huge = "putm long.c 3 3 h=" + "v".repeat(200_000) + "\n";
    List<DecodedPoint> pts = session("long.", exact + "\r\n" + over + huge + "putm long.d 4 4 h=a\n", 2);
    assertThat(exact).hasSize(TelnetConfig.DEFAULT_MAX_LINE);
    assertThat(pts).extracting(DecodedPoint::metric).containsExactlyInAnyOrder("long.a", "long.d");
    assertThat(TelnetHarness.counter("raftmetrics.telnet.lines.rejected", "reason", "too_long") - tooLong)
      .isEqualTo(2);
  }

  @Test
  void pointsOfOneSeriesShareABlockInArrivalOrder() throws Exception {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      lines.append("putm grp.a ").append(1000 + i).append(' ').append(i).append(" h=a\n");
      lines.append("putm grp.b ").append(1000 + i).append(' ').append(i).append(".5 h=b\n");
    }
    // The same timestamp twice in one series: both are sent, the later one last, so it wins as in KairosDB.
    lines.append("putm grp.a 1000 99 h=a\n");
    int batchesBefore = h.batches.size();
    List<DecodedPoint> pts = session("grp.", lines.toString(), 101);
    List<DecodedPoint> a = pts.stream().filter(p -> p.metric().equals("grp.a")).toList();
    assertThat(a).extracting(DecodedPoint::value).endsWith(49L, 99L);
    assertThat(a.get(0).value()).isEqualTo(0L);
    assertThat(h.batches.size() - batchesBefore).isEqualTo(1);
    assertThat(h.batches.get(h.batches.size() - 1).seriesCount()).isEqualTo(2);
  }
}
