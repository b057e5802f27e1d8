package io.raftmetrics.gateway.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.raftmetrics.api.node.HealthReport;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.backends.BackendRegistries;

/**
 * {@code GET /health} (this node's report, as the management port gives it, plus the {@code cluster} section of the
 * {@link ClusterView}: shard mapping and each shard's Raft group; {@code ?metric=name} also names that metric's shard)
 * and {@code GET /metrics} (Prometheus). The cluster section informs; the status code reflects this node alone.
 */
public final class HealthHandlers {

  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final Vertx vertx;
  private final ClusterView cluster;

  public HealthHandlers(Vertx vertx, ClusterView cluster) {
    this.vertx = vertx;
    this.cluster = cluster;
  }

  public void health(RoutingContext ctx) {
    HealthReport.build(vertx).onComplete(ar -> {
      JsonObject body = ar.succeeded() ? ar.result().body()
        : new JsonObject().put("status", "unhealthy").put("message", String.valueOf(ar.cause()));
      body.put("cluster", cluster.json(ctx.request().getParam("metric")));
      int status = ar.succeeded() ? ar.result().status() : 503;
      ctx.response().setStatusCode(status).putHeader("Content-Type", ApiErrors.JSON).end(body.encode());
    });
  }

  public void prometheus(RoutingContext ctx) {
    MeterRegistry registry = BackendRegistries.getDefaultNow();
    if (!(registry instanceof PrometheusMeterRegistry prometheus)) {
      ApiErrors.simple(ctx, 503, "UNAVAILABLE", "metrics are not enabled on this node", null);
      return;
    }
    // Scraping formats every meter; small, but not an event-loop job on a busy node.
    vertx.executeBlocking(prometheus::scrape, false).onComplete(ar -> {
      if (ar.succeeded()) {
        ctx.response().putHeader("Content-Type", PROMETHEUS_TEXT).end(ar.result());
      } else {
        ApiErrors.simple(ctx, 500, "INTERNAL_ERROR", "scrape failed: " + ar.cause().getMessage(), null);
      }
    });
  }
}
