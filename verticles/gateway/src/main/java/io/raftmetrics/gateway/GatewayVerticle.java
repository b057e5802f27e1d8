package io.raftmetrics.gateway;

import io.raftmetrics.api.node.NodeServices;
import io.raftmetrics.gateway.auth.BearerAuth;
import io.raftmetrics.gateway.auth.TokenVerifier;
import io.raftmetrics.gateway.http.Bus;
import io.raftmetrics.gateway.http.IngestSubmitter;
import io.raftmetrics.gateway.http.Shards;
import io.raftmetrics.gateway.telnet.TelnetConfig;
import io.raftmetrics.gateway.telnet.TelnetServer;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;

/**
 * The gateway role: KairosDB's {@code /api/v1} REST API and the simple analytics API over HTTP, with bearer-token
 * auth, and KairosDB's telnet protocol when {@code telnet.enabled}. It holds no data: every write and read is an event-bus request to the raft, query or cassandra roles, on
 * this JVM or another. Several instances may share the port.
 */
public final class GatewayVerticle extends VerticleBase {

  private static final String HEALTH_CHECK = "gateway";

  private HttpServer server;
  private TelnetServer telnet;
  private WorkerExecutor parsers;

  @Override
  public Future<?> start() {
    GatewayConfig conf;
    TelnetConfig telnetConf;
    try {
      conf = GatewayConfig.from(config());
      telnetConf = TelnetConfig.from(config(), conf);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e.getMessage());
    }
    // Token and key files are read from disk: off the event loop.
    return vertx.executeBlocking(() -> TokenVerifier.create(vertx, conf.auth()))
      .recover(err -> Future.failedFuture(err.getMessage()))
      .compose(verifier -> listen(conf, telnetConf, verifier));
  }

  private Future<HttpServer> listen(GatewayConfig conf, TelnetConfig telnetConf, TokenVerifier verifier) {
    if (conf.authEnabled() && verifier.isEmpty()) {
      return Future.failedFuture("gateway.auth.tokens: no token or JWT key configured, every request would be refused"
        + " (set AUTH_TOKEN, gateway.auth.tokens or gateway.auth.jwt; or gateway.auth.enabled: false)");
    }
    Bus bus = new Bus(vertx.eventBus(), conf.requestTimeoutMs());
    parsers = vertx.createSharedWorkerExecutor("raftmetrics-ingest-parse", conf.parseThreads());
    Routes routes = new Routes(vertx, conf, new BearerAuth(verifier, conf.authEnabled()), bus,
      new Shards(bus, conf.shards()), parsers);
    HttpServerOptions options = new HttpServerOptions()
      .setCompressionSupported(conf.compression())
      // Request bodies are inflated by the ingest handler itself, under the decompressed-size limit.
      .setDecompressionSupported(false);
    server = vertx.createHttpServer(options).requestHandler(routes.router());
    telnet = TelnetServer.create(vertx, telnetConf, new IngestSubmitter(bus), verifier);
    Future<HttpServer> http = server.listen(conf.port(), conf.host()).onSuccess(s -> registerHealth(s.actualPort()));
    return Future.all(http, telnet.start()).map(v -> server);
  }

  private void registerHealth(int port) {
    NodeServices.of(vertx).registerHealth(HEALTH_CHECK, promise ->
      promise.complete(Status.OK(new JsonObject().put("http_port", port))));
  }

  @Override
  public Future<?> stop() {
    NodeServices.of(vertx).unregisterHealth(HEALTH_CHECK);
    Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
    Future<Void> telnetStopped = telnet == null ? Future.succeededFuture() : telnet.stop();
    return Future.join(closed, telnetStopped)
      .eventually(() -> parsers == null ? Future.succeededFuture() : parsers.close());
  }

  /** @return the bound HTTP port (for tests that configure port 0) */
  public int actualPort() {
    return server.actualPort();
  }
}
