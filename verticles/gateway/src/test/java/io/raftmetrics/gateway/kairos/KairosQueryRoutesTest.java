package io.raftmetrics.gateway.kairos;

import io.raftmetrics.api.Codecs;
import io.raftmetrics.gateway.GatewayConfig;
import io.raftmetrics.gateway.auth.BearerAuth;
import io.raftmetrics.gateway.auth.TokenVerifier;
import io.raftmetrics.gateway.http.Bus;
import io.raftmetrics.gateway.http.Shards;
import io.raftmetrics.testkit.Fixtures;
import io.raftmetrics.testkit.Ports;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.handler.BodyHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The KairosDB query routes over real HTTP, with real bearer-token checks, in a gateway with no other role: what
 * the gateway answers by itself (validation, features, empty queries, scopes) and the 503 when no query role serves
 * the shard. The answers of the query role are covered end to end in the launcher's tests.
 */
class KairosQueryRoutesTest {

  static Vertx vertx;
  static WebClient client;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    Codecs.registerAll(vertx.eventBus());
    JsonObject auth = new JsonObject().put("tokens", new JsonArray()
      .add(new JsonObject().put("name", "ro").put("token", "read-token").put("scopes", new JsonArray().add("read")))
      .add(new JsonObject().put("name", "rd").put("token", "delete-token").put("scopes", new JsonArray().add("delete"))));
    TokenVerifier verifier = vertx.executeBlocking(() -> TokenVerifier.create(vertx, auth)).await(20, TimeUnit.SECONDS);
    GatewayConfig conf = GatewayConfig.from(new JsonObject().put("shards", 2).put("request_timeout_ms", 2000));
    Bus bus = new Bus(vertx.eventBus(), conf.requestTimeoutMs());
    Router router = Router.router(vertx);
    new KairosQueryRoutes(conf, bus, new Shards(bus, conf.shards())).register(router, new BearerAuth(verifier, true),
      BodyHandler.create(false).setBodyLimit(1 << 20));
    int port = Ports.free();
    vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1").await(20, TimeUnit.SECONDS);
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    vertx.close().await(20, TimeUnit.SECONDS);
  }

  private static HttpResponse<Buffer> send(HttpMethod method, String path, String token, String body)
    throws Exception {
    var req = client.request(method, path).putHeader("Authorization", "Bearer " + token);
    return (body == null ? req.send() : req.sendBuffer(Buffer.buffer(body))).await(20, TimeUnit.SECONDS);
  }

  private static String recorded(String name) {
    return new JsonObject(Fixtures.read(Fixtures.kairosDir().resolve("queries/" + name + ".response.json")))
      .getString("body");
  }

  @Test
  void featuresAreKairosDbsBodies() throws Exception {
    assertThat(send(HttpMethod.GET, "/api/v1/features", "read-token", null).bodyAsString())
      .isEqualTo(recorded("050-features"));
    assertThat(send(HttpMethod.GET, "/api/v1/features/aggregators", "read-token", null).bodyAsString())
      .isEqualTo(recorded("051-features-aggregators"));
    HttpResponse<Buffer> unknown = send(HttpMethod.GET, "/api/v1/features/bogus", "read-token", null);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.bodyAsString()).isEqualTo(recorded("052-features-unknown"));
    JsonArray groupBy = new JsonArray(send(HttpMethod.GET, "/api/v1/features/group_by", "read-token", null)
      .bodyAsString());
    assertThat(groupBy).extracting(o -> ((JsonObject) o).getString("name")).containsExactly("bin", "tag", "time",
      "value");
  }

  @Test
  void invalidQueriesAreAnsweredByTheGateway() throws Exception {
    HttpResponse<Buffer> get = send(HttpMethod.GET, "/api/v1/datapoints/query", "read-token", null);
    assertThat(get.statusCode()).isEqualTo(400);
    assertThat(get.bodyAsString()).isEqualTo("{\"errors\":[\"query json must not be null or empty\"]}");
    HttpResponse<Buffer> bad = send(HttpMethod.POST, "/api/v1/datapoints/query/tags", "read-token", "{\"metrics\":[{}]}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.bodyAsString()).isEqualTo("{\"errors\":[\"query.metric[0].name may not be null\"]}");
    // a body above the inline-parse size is parsed on a worker thread, with the same answer
    String big = "{\"start_absolute\":1,\"metrics\":[{\"name\":\"m\",\"tags\":{\"h\":[" + "\"x\",".repeat(40_000)
      + "\"\"]}}]}";
    HttpResponse<Buffer> large = send(HttpMethod.POST, "/api/v1/datapoints/query", "read-token", big);
    assertThat(large.bodyAsString()).isEqualTo("{\"errors\":[\"query.metric[0].tags[0].h value must not be null or empty\"]}");
  }

  @Test
  void emptyQueriesNeedNoQueryRoleAndMissingRolesAre503() throws Exception {
    HttpResponse<Buffer> empty = send(HttpMethod.POST, "/api/v1/datapoints/query", "read-token",
      "{\"start_absolute\":1,\"metrics\":[]}");
    assertThat(empty.statusCode()).isEqualTo(200);
    assertThat(empty.bodyAsString()).isEqualTo("{\"queries\":[]}");
    assertThat(send(HttpMethod.POST, "/api/v1/datapoints/delete", "delete-token",
      "{\"start_absolute\":0,\"metrics\":[]}").statusCode()).isEqualTo(204);
    HttpResponse<Buffer> noRole = send(HttpMethod.POST, "/api/v1/datapoints/query", "read-token",
      "{\"start_absolute\":1,\"metrics\":[{\"name\":\"m\"}]}");
    assertThat(noRole.statusCode()).isEqualTo(503);
    assertThat(noRole.bodyAsJsonObject().getJsonArray("errors").getString(0)).startsWith("service unavailable");
    assertThat(send(HttpMethod.GET, "/api/v1/tagnames", "read-token", null).statusCode()).isEqualTo(503);
  }

  @Test
  void readsNeedTheReadScopeAndDeletesTheDeleteScope() throws Exception {
    assertThat(send(HttpMethod.DELETE, "/api/v1/metric/m", "read-token", null).statusCode()).isEqualTo(403);
    assertThat(send(HttpMethod.POST, "/api/v1/datapoints/delete", "read-token", "{}").statusCode()).isEqualTo(403);
    assertThat(send(HttpMethod.GET, "/api/v1/features", "delete-token", null).statusCode()).isEqualTo(403);
    assertThat(send(HttpMethod.GET, "/api/v1/features", "nope", null).statusCode()).isEqualTo(401);
  }
}
