package io.raftmetrics.gateway;

import io.raftmetrics.gateway.auth.BearerAuth;
import io.raftmetrics.gateway.auth.Scope;
import io.raftmetrics.gateway.http.ApiErrors;
import io.raftmetrics.gateway.http.Bus;
import io.raftmetrics.gateway.http.ClusterView;
import io.raftmetrics.gateway.http.Cors;
import io.raftmetrics.gateway.http.HealthHandlers;
import io.raftmetrics.gateway.http.KairosInfoHandlers;
import io.raftmetrics.gateway.http.MembershipHandlers;
import io.raftmetrics.gateway.http.Shards;
import io.raftmetrics.gateway.http.SimpleReadHandlers;
import io.raftmetrics.gateway.kairos.KairosQueryRoutes;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's routes, in one place and in a deliberate order: authentication before the body is read, the body
 * limit before any handler sees it, and one failure handler that answers every error in the API's own format.
 */
final class Routes {

  private static final Logger LOG = LoggerFactory.getLogger(Routes.class);

  private final Vertx vertx;
  private final GatewayConfig conf;
  private final BearerAuth auth;
  private final Bus bus;
  private final Shards shards;
  private final WorkerExecutor parsers;

  Routes(Vertx vertx, GatewayConfig conf, BearerAuth auth, Bus bus, Shards shards, WorkerExecutor parsers) {
    this.vertx = vertx;
    this.conf = conf;
    this.auth = auth;
    this.bus = bus;
    this.shards = shards;
    this.parsers = parsers;
  }

  Router router() {
    Router r = Router.router(vertx);
    long maxBody = conf.limits().getLong("max_body_bytes", 16L * 1024 * 1024);
    Handler<RoutingContext> body = BodyHandler.create(false).setBodyLimit(maxBody).setHandleFileUploads(false);
    HealthHandlers health = new HealthHandlers(vertx, new ClusterView(vertx, shards.count()));
    MembershipHandlers membership = new MembershipHandlers(vertx.eventBus());
    KairosInfoHandlers info = new KairosInfoHandlers(conf.kairosVersion(), shards);
    SimpleReadHandlers reads = new SimpleReadHandlers(bus, shards);
    IngestRoutes ingest = new IngestRoutes(conf, bus, parsers);

    r.get("/health").handler(open(conf.openHealth())).handler(health::health);
    r.get("/metrics").handler(open(conf.openMetrics())).handler(health::prometheus);

    // Any path answers a CORS preflight, as KairosDB's resources do; declared method-less so that it does not turn
    // unknown paths into 405s.
    r.route("/api/v1/*").handler(ctx -> {
      if (ctx.request().method() == HttpMethod.OPTIONS) {
        Cors.preflight(ctx);
      } else {
        ctx.next();
      }
    });
    r.post("/api/v1/datapoints").handler(auth.require(Scope.WRITE)).handler(body).handler(ingest::kairos);
    r.get("/api/v1/version").handler(auth.require(Scope.READ)).handler(info::version);
    r.get("/api/v1/health/check").handler(open(conf.openHealth())).handler(info::check);
    r.get("/api/v1/health/status").handler(open(conf.openHealth())).handler(info::status);
    r.get("/api/v1/metricnames").handler(auth.require(Scope.READ)).handler(info::metricNames);
    new KairosQueryRoutes(conf, bus, shards).register(r, auth, body);

    r.post("/metrics").handler(auth.require(Scope.WRITE)).handler(body).handler(ingest::simpleOne);
    r.post("/metrics/batch").handler(auth.require(Scope.WRITE)).handler(body).handler(ingest::simpleBatch);
    r.get("/metrics/:name").handler(auth.require(Scope.READ)).handler(reads::latest);
    r.get("/metrics/:name/aggregate").handler(auth.require(Scope.READ)).handler(reads::aggregate);
    r.get("/aggregate").handler(auth.require(Scope.READ)).handler(reads::aggregate);

    r.post("/admin/raft/peers").handler(auth.require(Scope.ADMIN)).handler(body).handler(membership::add);
    r.delete("/admin/raft/peers/:id").handler(auth.require(Scope.ADMIN)).handler(membership::remove);

    // Unmatched paths and methods: the router decides 404 or 405; the body is in the API's format.
    r.errorHandler(404, ctx -> ApiErrors.send(ctx, 404, "Not found: " + ctx.request().method() + " "
      + ctx.normalizedPath()));
    r.errorHandler(405, ctx -> ApiErrors.send(ctx, 405, "Method " + ctx.request().method() + " not allowed on "
      + ctx.normalizedPath()));
    r.route().failureHandler(this::failure);
    return r;
  }

  /** Open endpoints still accept a token; closed ones need the read scope. */
  private Handler<RoutingContext> open(boolean open) {
    return open ? RoutingContext::next : auth.require(Scope.READ);
  }

  private void failure(RoutingContext ctx) {
    int status = ctx.statusCode();
    Throwable err = ctx.failure();
    if (status == 413) {
      ApiErrors.send(ctx, 413, "Request body too large: more than "
        + conf.limits().getLong("max_body_bytes", 16L * 1024 * 1024) + " bytes");
    } else if (status == 405) {
      ApiErrors.send(ctx, 405, "Method " + ctx.request().method() + " not allowed on " + ctx.normalizedPath());
    } else if (status >= 400 && status < 500) {
      ApiErrors.send(ctx, status, err == null ? "Bad request" : String.valueOf(err.getMessage()));
    } else {
      LOG.error("unhandled failure on {} {}", ctx.request().method(), ctx.normalizedPath(), err);
      ApiErrors.send(ctx, 500, "Internal error: " + (err == null ? "unknown" : err.getClass().getSimpleName()));
    }
  }
}
