package io.raftmetrics.gateway.telnet;

import io.raftmetrics.api.ingest.IngestAck;
import io.raftmetrics.api.ingest.IngestBatch;
import io.raftmetrics.gateway.http.Bus;
import io.raftmetrics.gateway.http.IngestSubmitter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the points of every connection of one telnet server instance and sends them as batches through the
 * gateway's {@link IngestSubmitter}, the path HTTP ingest takes. Telnet has no acknowledgements, so points are
 * grouped for throughput: a flush happens when {@code flush_points} are pending, {@code flush_interval_ms} after the
 * first pending point, when a connection closes, and when the server stops. While {@code max_in_flight_batches}
 * batches await their answer, the server stops reading its connections ({@link Pressure}), so TCP flow control
 * slows the senders instead of memory filling up. A batch the cluster refuses or does not answer is lost: it is
 * counted and logged. Runs on one event loop; not thread-safe.
 */
final class TelnetBatcher {

  /** Stops and restarts reading the connections. */
  interface Pressure {
    void pause();

    void resume();
  }

  private final Vertx vertx;
  private final TelnetConfig conf;
  private final IngestSubmitter submitter;
  private final TelnetMeters meters;
  private final RateLimitedLog log;
  private final Pressure pressure;
  private final PendingPoints pending = new PendingPoints();
  private final BatchEncoder encoder;
  private final List<Promise<Void>> drainWaiters = new ArrayList<>();
  private long timer = -1;
  private int inFlight;
  private boolean paused;

  TelnetBatcher(Vertx vertx, TelnetConfig conf, IngestSubmitter submitter, TelnetMeters meters, RateLimitedLog log,
                Pressure pressure) {
    this.vertx = vertx;
    this.conf = conf;
    this.submitter = submitter;
    this.meters = meters;
    this.log = log;
    this.pressure = pressure;
    this.encoder = new BatchEncoder(conf.shards(), conf.maxBatchBytes(), IngestSubmitter.batchIds(null));
  }

  /** Where the parsers add points: call {@link #flushIfFull()} after each, and {@link #added()} after a chunk. */
  PendingPoints pending() {
    return pending;
  }

  void flushIfFull() {
    if (pending.size() >= conf.flushPoints()) {
      flush();
    }
  }

  /** Makes sure the timer will send what is pending. */
  void added() {
    if (timer < 0 && !pending.isEmpty()) {
      timer = vertx.setTimer(conf.flushIntervalMs(), id -> {
        timer = -1;
        flush();
      });
    }
  }

  /** Sends every pending point now. */
  void flush() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    if (pending.isEmpty()) {
      return;
    }
    List<IngestBatch> batches;
    try {
      batches = encoder.encode(pending, System.currentTimeMillis());
    } catch (RuntimeException e) {
      // Never expected (the parser only lets valid points in); the points are lost, not the connection.
      int n = pending.size();
      meters.lost(n);
      log.warn(() -> "telnet: " + n + " points lost, their batch could not be encoded: " + e);
      return;
    } finally {
      pending.clear();
    }
    for (IngestBatch batch : batches) {
      submit(batch);
    }
  }

  private void submit(IngestBatch batch) {
    inFlight++;
    if (!paused && inFlight >= conf.maxInFlight()) {
      paused = true;
      pressure.pause();
    }
    Future<List<IngestAck>> acks = submitter.submit(List.of(batch));
    acks.onComplete(ar -> {
      inFlight--;
      if (ar.succeeded()) {
        meters.accepted(batch.pointCount());
      } else {
        meters.lost(batch.pointCount());
        log.warn(() -> "telnet: " + batch.pointCount() + " points lost, the cluster did not store their batch: "
          + Bus.failure(ar.cause()).message());
      }
      if (paused && inFlight <= conf.maxInFlight() / 2) {
        paused = false;
        pressure.resume();
      }
      if (inFlight == 0 && !drainWaiters.isEmpty()) {
        List<Promise<Void>> waiters = new ArrayList<>(drainWaiters);
        drainWaiters.clear();
        waiters.forEach(Promise::complete);
      }
    });
  }

  /** @return true while reading is paused for back-pressure */
  boolean paused() {
    return paused;
  }

  int inFlight() {
    return inFlight;
  }

  /** Flushes, then completes when no batch awaits an answer (each is bounded by the gateway's request timeout). */
  Future<Void> drain() {
    flush();
    if (inFlight == 0) {
      return Future.succeededFuture();
    }
    Promise<Void> p = Promise.promise();
    drainWaiters.add(p);
    return p.future();
  }
}
