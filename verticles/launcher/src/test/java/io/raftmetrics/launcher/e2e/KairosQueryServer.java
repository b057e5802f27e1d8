package io.raftmetrics.launcher.e2e;

import io.raftmetrics.gateway.GatewayConfig;
import io.raftmetrics.gateway.auth.BearerAuth;
import io.raftmetrics.gateway.http.ApiErrors;
import io.raftmetrics.gateway.http.Bus;
import io.raftmetrics.gateway.http.Shards;
import io.raftmetrics.gateway.kairos.KairosQueryRoutes;
import io.raftmetrics.testkit.Ports;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.concurrent.TimeUnit;

/**
 * Where the KairosDB query routes of a {@link NodeHarness} node are served: the node's gateway once
 * {@code Routes} registers {@link KairosQueryRoutes}; until then a router of the test's own in the node's Vert.x
 * (no auth, same event bus, same query role), so the query path is tested end to end either way.
 */
final class KairosQueryServer implements AutoCloseable {

  final WebClient client;
  final int port;
  private final HttpServer server;

  private KairosQueryServer(WebClient client, int port, HttpServer server) {
    this.client = client;
    this.port = port;
    this.server = server;
  }

  static KairosQueryServer of(NodeHarness node) throws Exception {
    int status = node.send(node.get("/api/v1/features")).statusCode();
    if (status != 404) {
      return new KairosQueryServer(node.client, node.httpPort, null);
    }
    Router router = Router.router(node.node.vertx());
    GatewayConfig conf = GatewayConfig.from(new JsonObject().put("shards", 1));
    Bus bus = new Bus(node.node.vertx().eventBus(), 30_000);
    new KairosQueryRoutes(conf, bus, new Shards(bus, 1)).register(router, new BearerAuth(null, false),
      BodyHandler.create(false));
    router.route().failureHandler(ctx -> ApiErrors.send(ctx, ctx.statusCode() < 0 ? 500 : ctx.statusCode(),
      String.valueOf(ctx.failure())));
    int port = Ports.free();
    HttpServer server = node.node.vertx().createHttpServer(new HttpServerOptions().setCompressionSupported(true))
      .requestHandler(router).listen(port, "127.0.0.1").await(20, TimeUnit.SECONDS);
    WebClient client = WebClient.create(node.node.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1")
      .setDefaultPort(port));
    return new KairosQueryServer(client, port, server);
  }

  @Override
  public void close() throws Exception {
    if (server != null) {
      client.close();
      server.close().await(20, TimeUnit.SECONDS);
    }
  }
}
