package io.raftmetrics.gateway;

import io.raftmetrics.api.Codecs;
import io.raftmetrics.testkit.Ports;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;

import java.util.concurrent.TimeUnit;

/** A gateway alone on loopback (no other role): real HTTP, real auth, real event bus. */
final class GatewayHarness implements AutoCloseable {

  static final String TOKEN = "test-token-rw";

  final Vertx vertx;
  final WebClient client;
  final int port;

  private GatewayHarness(Vertx vertx, int port) {
    this.vertx = vertx;
    this.port = port;
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  static JsonObject baseConfig(int port) {
    return new JsonObject().put("port", port).put("host", "127.0.0.1").put("shards", 1)
      .put("request_timeout_ms", 2000)
      .put("auth", new JsonObject().put("tokens", new JsonArray()
        .add(new JsonObject().put("name", "rw").put("token", TOKEN).put("scopes", new JsonArray().add("read").add("write")))
        .add(new JsonObject().put("name", "ro").put("token", "test-token-ro").put("scopes", new JsonArray().add("read")))));
  }

  static GatewayHarness start(JsonObject config) throws Exception {
    Vertx vertx = Vertx.builder().with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions()
      .setEnabled(true).setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)))).build();
    Codecs.registerAll(vertx.eventBus());
    vertx.deployVerticle(new GatewayVerticle(), new DeploymentOptions().setConfig(config))
      .await(20, TimeUnit.SECONDS);
    return new GatewayHarness(vertx, config.getInteger("port"));
  }

  static GatewayHarness start() throws Exception {
    return start(baseConfig(Ports.free()));
  }

  @Override
  public void close() throws Exception {
    client.close();
    vertx.close().await(20, TimeUnit.SECONDS);
  }
}
