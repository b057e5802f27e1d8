package io.raftmetrics.gateway;

import io.raftmetrics.api.ingest.IngestAck;
import io.raftmetrics.gateway.http.ApiErrors;
import io.raftmetrics.gateway.http.Bus;
import io.raftmetrics.gateway.http.IngestMeters;
import io.raftmetrics.gateway.http.IngestSubmitter;
import io.raftmetrics.gateway.http.KairosResponses;
import io.raftmetrics.gateway.ingest.GunzipResult;
import io.raftmetrics.gateway.ingest.GzipBodies;
import io.raftmetrics.gateway.ingest.IngestLimits;
import io.raftmetrics.gateway.ingest.KairosIngestParser;
import io.raftmetrics.gateway.ingest.KairosIngestResult;
import io.raftmetrics.gateway.ingest.SimpleIngestResult;
import io.raftmetrics.gateway.ingest.SimpleMetricParser;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The write endpoints: KairosDB's {@code POST /api/v1/datapoints} and the simple API's {@code POST /metrics} and
 * {@code POST /metrics/batch}. Gunzip and parsing are CPU work proportional to the body, so they run on the
 * gateway's parse pool, never on the event loop; the resulting per-shard batches go to the cluster, and the answer
 * is sent once every batch is durable.
 */
final class IngestRoutes {

  private final IngestSubmitter submitter;
  private final WorkerExecutor parsers;
  private final KairosIngestParser kairosParser;
  private final SimpleMetricParser simpleParser;
  private final int shards;
  private final int maxDecompressed;
  private final IngestMeters kairosMeters = new IngestMeters("kairos");
  private final IngestMeters simpleMeters = new IngestMeters("simple");

  IngestRoutes(GatewayConfig conf, Bus bus, WorkerExecutor parsers) {
    IngestLimits limits = IngestLimits.fromConfig(conf.limits());
    this.submitter = new IngestSubmitter(bus);
    this.parsers = parsers;
    this.kairosParser = new KairosIngestParser(limits);
    this.simpleParser = new SimpleMetricParser(limits);
    this.shards = conf.shards();
    this.maxDecompressed = (int) Math.min(Integer.MAX_VALUE - 16,
      conf.limits().getLong("max_decompressed_bytes", 64L * 1024 * 1024));
  }

  void kairos(RoutingContext ctx) {
    byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    String type = ctx.request().getHeader("Content-Type");
    String encoding = ctx.request().getHeader("Content-Encoding");
    Supplier<UUID> ids = IngestSubmitter.batchIds(ctx.request().getHeader("Idempotency-Key"));
    long now = System.currentTimeMillis();
    parsers.executeBlocking(() -> {
      GunzipResult g = GzipBodies.decode(body, type, encoding, maxDecompressed);
      return g instanceof GunzipResult.Body b ? kairosParser.parse(b.bytes(), shards, ids, now) : g;
    }, false).onComplete(ar -> {
      if (ar.failed()) {
        ApiErrors.kairos(ctx, 500, List.of("Internal error while parsing: " + ar.cause()));
      } else if (ar.result() instanceof GunzipResult g) {
        ApiErrors.kairos(ctx, g.httpStatus(), List.of(g.message()));
      } else {
        writeKairos(ctx, (KairosIngestResult) ar.result());
      }
    });
  }

  private void writeKairos(RoutingContext ctx, KairosIngestResult r) {
    kairosMeters.rejected(r.rejectedPoints());
    if (r.status() == KairosIngestResult.Status.TOO_LARGE) {
      ApiErrors.kairos(ctx, 413, r.errors());
      return;
    }
    // As KairosDB: the valid part of a request with errors is stored, then the errors are reported.
    submitter.submit(r.batches()).onComplete(ar -> {
      if (ar.failed()) {
        Bus.Failure f = Bus.failure(ar.cause());
        List<String> errors = new ArrayList<>(r.errors());
        errors.add(0, "Data points not stored: " + f.message());
        ApiErrors.kairos(ctx, f.status(), errors);
        return;
      }
      kairosMeters.accepted(r.acceptedPoints());
      if (r.status() == KairosIngestResult.Status.ACCEPTED) {
        KairosResponses.ok(ctx).setStatusCode(204).end();
      } else {
        ApiErrors.kairos(ctx, 400, r.errors());
      }
    });
  }

  void simpleOne(RoutingContext ctx) {
    simple(ctx, false);
  }

  void simpleBatch(RoutingContext ctx) {
    simple(ctx, true);
  }

  private void simple(RoutingContext ctx, boolean batch) {
    byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    Supplier<UUID> ids = IngestSubmitter.batchIds(ctx.request().getHeader("Idempotency-Key"));
    long now = System.currentTimeMillis();
    parsers.executeBlocking(() -> batch ? simpleParser.parseBatch(body, shards, ids, now)
      : simpleParser.parseMetric(body, shards, ids, now), false).onComplete(ar -> {
        if (ar.failed()) {
          ApiErrors.simple(ctx, 500, "INTERNAL_ERROR", "internal error while parsing: " + ar.cause(), null);
          return;
        }
        SimpleIngestResult r = ar.result();
        switch (r.status()) {
          case ACCEPTED:
            writeSimple(ctx, r, batch);
            break;
          case INVALID:
            simpleMeters.rejected(1);
            ApiErrors.validation(ctx, r.fieldErrors());
            break;
          default:
            simpleMeters.rejected(1);
            ApiErrors.simple(ctx, r.status().httpStatus(), r.status().errorCode(), r.message(), null);
        }
      });
  }

  private void writeSimple(RoutingContext ctx, SimpleIngestResult r, boolean batch) {
    Future<List<IngestAck>> acks = submitter.submit(r.batches());
    acks.onComplete(ar -> {
      if (ar.failed()) {
        Bus.Failure f = Bus.failure(ar.cause());
        String code = f.status() == 503 ? "RAFT_ERROR" : ApiErrors.codeFor(f.status());
        ApiErrors.simple(ctx, f.status(), code, "metric not recorded: " + f.message(), null);
        return;
      }
      simpleMeters.accepted(r.points());
      JsonObject body = new JsonObject().put("success", true);
      if (batch) {
        body.put("count", r.points());
      } else {
        IngestAck ack = ar.result().get(0);
        body.put("message", "Metric recorded").put("metric_name", r.metricName())
          .put("shard", ack.shard()).put("index", ack.index());
      }
      ctx.response().setStatusCode(201).putHeader("Content-Type", ApiErrors.JSON).end(body.encode());
    });
  }
}
