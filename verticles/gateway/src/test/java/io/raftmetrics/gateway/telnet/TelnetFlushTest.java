package io.raftmetrics.gateway.telnet;

import io.raftmetrics.gateway.ingest.DecodedPoint;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static io.raftmetrics.gateway.telnet.TelnetHarness.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * When batches leave: on size, on the timer, when a connection closes and when the server stops; how fast senders
 * are held back while batches await their answer; and what happens to points the cluster does not take.
 */
class TelnetFlushTest {

  @Test
  void aFullBufferIsSentAtOnceAndTheRestWaits() throws Exception {
    try (TelnetHarness h = TelnetHarness.start(new JsonObject().put("flush_points", 10)
      .put("flush_interval_ms", 60_000)); Socket s = h.connect()) {
      StringBuilder lines = new StringBuilder();
      for (int i = 0; i < 25; i++) {
        lines.append("putm size.a ").append(i).append(" 1 h=a\n");
      }
      send(s, lines.toString());
      h.awaitPoints(20);
      assertThat(h.batches).hasSize(2).allSatisfy(b -> assertThat(b.pointCount()).isEqualTo(10));
      // The last 5 are still pending: the connection is open and the timer far away.
      assertThat(h.onServer(() -> h.server().batchesInFlight())).isZero();
      assertThat(h.points).hasSize(20);
      // closing the connection sends them, before the server stops
      s.close();
      h.awaitPoints(25);
      assertThat(h.batches).hasSize(3);
    }
  }

  @Test
  void theTimerSendsWhatAnOpenConnectionLeftPending() throws Exception {
    try (TelnetHarness h = TelnetHarness.start(new JsonObject().put("flush_points", 1_000_000)
      .put("flush_interval_ms", 20)); Socket s = h.connect()) {
      send(s, "putm timer.a 1 1 h=a\nputm timer.a 2 2 h=a\nputm timer.b 3 3 h=b\n");
      // Neither the size nor a close can have sent them: only the timer.
      h.awaitPoints(3);
      assertThat(s.isClosed()).isFalse();
      assertThat(h.batches).hasSize(1);
      assertThat(h.batches.get(0).seriesCount()).isEqualTo(2);
    }
  }

  @Test
  void closingTheConnectionSendsItsPoints() throws Exception {
    try (TelnetHarness h = TelnetHarness.start(new JsonObject().put("flush_points", 1_000_000)
      .put("flush_interval_ms", 60_000))) {
      double incomplete = TelnetHarness.counter("raftmetrics.telnet.lines.rejected", "reason", "incomplete");
      try (Socket s = h.connect()) {
        // The last line has no end: dropped at close, as KairosDB drops it.
        send(s, "putm close.a 1 1 h=a\nputm close.a 2 2 h=a\nputm close.a 3 3 h=a");
      }
      h.awaitPoints(2);
      TelnetHarness.await("the unterminated line counted", () ->
        TelnetHarness.counter("raftmetrics.telnet.lines.rejected", "reason", "incomplete") - incomplete == 1);
      assertThat(h.points).extracting(DecodedPoint::timestamp).containsExactly(1L, 2L);
    }
  }

  @Test
  void stoppingTheServerClosesConnectionsAndSendsPendingPoints() throws Exception {
    TelnetHarness h = TelnetHarness.start(new JsonObject().put("flush_points", 1_000_000)
      .put("flush_interval_ms", 60_000));
    try (Socket s = h.connect()) {
      send(s, "putm stop.a 1 1 h=a\nversion\n");
      TelnetHarness.readLine(s);
      h.server().stop().await();
      assertThat(s.getInputStream().read()).isEqualTo(-1);
      assertThat(h.points).hasSize(1);
    } finally {
      h.close();
    }
  }

  @Test
  void refusedBatchesAreCountedAsLostAndTheConnectionStaysOpen() throws Exception {
    try (TelnetHarness h = TelnetHarness.start(new JsonObject().put("flush_points", 2)
      .put("flush_interval_ms", 60_000)); Socket s = h.connect()) {
      double lost = TelnetHarness.counter("raftmetrics.telnet.points.lost");
      h.answer = TelnetHarness.Answer.FAIL;
      send(s, "putm lost.a 1 1 h=a\nputm lost.a 2 2 h=a\n");
      TelnetHarness.await("2 points counted as lost",
        () -> TelnetHarness.counter("raftmetrics.telnet.points.lost") - lost == 2);
      h.answer = TelnetHarness.Answer.ACK;
      send(s, "putm lost.b 3 3 h=a\nputm lost.b 4 4 h=a\n");
      h.awaitPoints(2);
      assertThat(h.points).extracting(DecodedPoint::metric).containsOnly("lost.b");
    }
  }

  @Test
  void aFastSenderIsNotReadWhileTooManyBatchesAwaitTheirAnswer() throws Exception {
    int lines = 400_000;
    try (TelnetHarness h = TelnetHarness.start(new JsonObject().put("flush_points", 1_000)
      .put("flush_interval_ms", 60_000).put("max_in_flight_batches", 4)); Socket s = h.connect()) {
      h.answer = TelnetHarness.Answer.HOLD;
      AtomicLong written = new AtomicLong();
      AtomicReference<IOException> failure = new AtomicReference<>();
      Thread sender = new Thread(() -> {
        try {
          OutputStream out = s.getOutputStream();
          for (int i = 0; i < lines; i++) {
            out.write(("putm bp.metric.with.a.long.name " + (1_000_000 + i) + " " + i
              + " host=some-host-name dc=some-datacenter\n").getBytes(StandardCharsets.US_ASCII));
            written.incrementAndGet();
          }
          out.flush();
        } catch (IOException e) {
          failure.set(e);
        }
      });
      sender.start();
      TelnetHarness.await("reading paused", () -> {
        try {
          return h.onServer(() -> h.server().readingPaused());
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      });
      int inFlight = h.onServer(() -> h.server().batchesInFlight());
      assertThat(inFlight).isGreaterThanOrEqualTo(4);
      // Nothing was acknowledged, and the server holds far less than the sender wants to send.
      assertThat(h.points).isEmpty();
      assertThat(h.held.size() * 1_000L).isLessThan(lines);
      // Answer everything held, as often as needed, until every line has arrived: none was lost.
      h.answer = TelnetHarness.Answer.ACK;
      TelnetHarness.await("the sender done", () -> {
        h.releaseHeld();
        return !sender.isAlive();
      });
      assertThat(failure.get()).isNull();
      s.shutdownOutput();
      TelnetHarness.await("every line stored", () -> {
        h.releaseHeld();
        return h.points.size() >= lines;
      }, () -> h.points.size() + " points, " + h.batches.size() + " batches, " + h.held.size() + " held, "
        + h.onServer(() -> h.server().batchesInFlight()) + " in flight, paused "
        + h.onServer(() -> h.server().readingPaused()));
      assertThat(h.points).hasSize(lines);
      assertThat(h.onServer(() -> h.server().readingPaused())).isFalse();
    }
  }
}
