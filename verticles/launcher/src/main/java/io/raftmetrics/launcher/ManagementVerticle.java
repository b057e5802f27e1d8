package io.raftmetrics.launcher;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.raftmetrics.api.node.HealthReport;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;

/**
 * The management endpoint every JVM has, whatever roles it runs, so a pod without the gateway is scraped and probed:
 * {@code GET /metrics} (Prometheus text), {@code /health} (the node's report), {@code /health/ready} (same status
 * code) and {@code /health/live} (the event loop answers). Meant for the cluster network only, without auth.
 */
final class ManagementVerticle extends VerticleBase {

  private final PrometheusMeterRegistry registry;
  private HttpServer server;

  ManagementVerticle(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
    router.get("/health").handler(this::health);
    router.get("/health/ready").handler(this::health);
    router.get("/health/live").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "UP")));
    JsonObject conf = config();
    server = vertx.createHttpServer();
    return server.requestHandler(router).listen(conf.getInteger("port"), conf.getString("host", "0.0.0.0"));
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  /** @return the port actually bound (useful when configured as 0 in tests) */
  int actualPort() {
    return server.actualPort();
  }

  private void health(RoutingContext ctx) {
    HealthReport.build(vertx).onComplete(ar -> {
      if (ar.succeeded()) {
        json(ctx, ar.result().status(), ar.result().body());
      } else {
        json(ctx, 503, new JsonObject().put("status", "unhealthy").put("message", String.valueOf(ar.cause())));
      }
    });
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }
}
