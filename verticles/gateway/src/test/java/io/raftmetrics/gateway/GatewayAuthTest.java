package io.raftmetrics.gateway;

import io.raftmetrics.testkit.Ports;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auth matrix over real HTTP: no header, wrong token, expired JWT, {@code alg:none}, wrong scope, valid, for
 * static tokens and HS256/RS256/ES256 JWTs, in both APIs' error formats.
 */
class GatewayAuthTest {

  private static final String HS_SECRET = "an-hs256-secret-of-at-least-32-bytes!!";
  private static GatewayHarness gw;
  private static JWTAuth hsSigner;
  private static JWTAuth rsSigner;
  private static JWTAuth esSigner;
  private static JWTAuth otherSigner;

  @BeforeAll
  static void start() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    KeyPair rsaPair = rsa.generateKeyPair();
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair ecPair = ec.generateKeyPair();
    JsonObject conf = GatewayHarness.baseConfig(Ports.free());
    conf.getJsonObject("auth").put("jwt", new JsonObject()
      .put("hs256_secrets", new JsonArray().add(new JsonObject().put("secret", HS_SECRET)))
      .put("public_keys", new JsonArray()
        .add(new JsonObject().put("algorithm", "RS256").put("pem", pem("PUBLIC KEY", rsaPair.getPublic().getEncoded())))
        .add(new JsonObject().put("algorithm", "ES256").put("pem", pem("PUBLIC KEY", ecPair.getPublic().getEncoded())))));
    gw = GatewayHarness.start(conf);
    hsSigner = signer("HS256", HS_SECRET);
    rsSigner = signer("RS256", pem("PRIVATE KEY", rsaPair.getPrivate().getEncoded()));
    esSigner = signer("ES256", pem("PRIVATE KEY", ecPair.getPrivate().getEncoded()));
    otherSigner = signer("HS256", "another-secret-that-the-gateway-does-not-know");
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
  }

  private static JWTAuth signer(String alg, String key) {
    return JWTAuth.create(gw.vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm(alg)
      .setBuffer(key)));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
      + "\n-----END " + type + "-----\n";
  }

  private static String token(JWTAuth signer, String alg, String scope) {
    return signer.generateToken(new JsonObject().put("sub", "tester").put("scope", scope),
      new JWTOptions().setAlgorithm(alg).setExpiresInSeconds(300));
  }

  private static HttpResponse<Buffer> get(String path, String bearer) throws Exception {
    HttpRequest<Buffer> req = gw.client.get(path);
    if (bearer != null) {
      req.putHeader("Authorization", "Bearer " + bearer);
    }
    return req.send().await(10, TimeUnit.SECONDS);
  }

  private static HttpResponse<Buffer> postDatapoints(String bearer) throws Exception {
    return gw.client.post("/api/v1/datapoints").putHeader("Authorization", "Bearer " + bearer)
      .sendBuffer(Buffer.buffer("[]")).await(10, TimeUnit.SECONDS);
  }

  @Test
  void missingHeaderIs401InEachApisFormat() throws Exception {
    HttpResponse<Buffer> kairos = get("/api/v1/version", null);
    assertThat(kairos.statusCode()).isEqualTo(401);
    assertThat(kairos.getHeader("WWW-Authenticate")).startsWith("Bearer");
    assertThat(kairos.bodyAsJsonObject().getJsonArray("errors").getString(0)).startsWith("Unauthorized: missing bearer");
    HttpResponse<Buffer> simple = get("/metrics/cpu", null);
    assertThat(simple.statusCode()).isEqualTo(401);
    assertThat(simple.bodyAsJsonObject().getString("code")).isEqualTo("AUTH_ERROR");
    assertThat(simple.bodyAsJsonObject().getBoolean("error")).isTrue();
  }

  @Test
  void wrongOrMalformedTokensAre401() throws Exception {
    assertThat(get("/api/v1/version", "not-a-token").statusCode()).isEqualTo(401);
    assertThat(get("/api/v1/version", GatewayHarness.TOKEN + "x").statusCode()).isEqualTo(401);
    assertThat(get("/api/v1/version", "a.b.c").statusCode()).isEqualTo(401);
    assertThat(get("/api/v1/version", token(otherSigner, "HS256", "read")).statusCode()).isEqualTo(401);
    HttpResponse<Buffer> basic = gw.client.get("/api/v1/version").putHeader("Authorization", "Basic dXNlcjpwYXNz")
      .send().await(10, TimeUnit.SECONDS);
    assertThat(basic.statusCode()).isEqualTo(401);
  }

  @Test
  void expiredJwtIs401() throws Exception {
    long past = System.currentTimeMillis() / 1000 - 3600;
    String expired = hsSigner.generateToken(new JsonObject().put("sub", "t").put("scope", "read")
      .put("iat", past - 60).put("exp", past), new JWTOptions().setAlgorithm("HS256"));
    HttpResponse<Buffer> r = get("/api/v1/version", expired);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.bodyAsJsonObject().getJsonArray("errors").getString(0)).contains("expired");
  }

  @Test
  void unsignedAlgNoneJwtIs401() throws Exception {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String claims = b64.encodeToString(("{\"sub\":\"evil\",\"scope\":\"read write admin\",\"exp\":"
      + (System.currentTimeMillis() / 1000 + 600) + "}").getBytes(StandardCharsets.UTF_8));
    assertThat(get("/api/v1/version", header + "." + claims + ".").statusCode()).isEqualTo(401);
    // the same claims with a signature made up by the client
    assertThat(get("/api/v1/version", header + "." + claims + ".c2lnbmF0dXJl").statusCode()).isEqualTo(401);
  }

  @Test
  void tokenWithoutTheScopeIs403() throws Exception {
    HttpResponse<Buffer> staticRo = postDatapoints("test-token-ro");
    assertThat(staticRo.statusCode()).isEqualTo(403);
    assertThat(staticRo.bodyAsJsonObject().getJsonArray("errors").getString(0))
      .isEqualTo("Forbidden: the token lacks the 'write' scope");
    assertThat(postDatapoints(token(hsSigner, "HS256", "read")).statusCode()).isEqualTo(403);
    HttpResponse<Buffer> simple = gw.client.post("/metrics").putHeader("Authorization", "Bearer test-token-ro")
      .sendJsonObject(new JsonObject().put("metric_name", "m").put("value", 1)).await(10, TimeUnit.SECONDS);
    assertThat(simple.statusCode()).isEqualTo(403);
    assertThat(simple.bodyAsJsonObject().getString("code")).isEqualTo("FORBIDDEN");
  }

  @Test
  void validTokensPass() throws Exception {
    for (String t : new String[] {GatewayHarness.TOKEN, "test-token-ro", token(hsSigner, "HS256", "read"),
      token(rsSigner, "RS256", "read"), token(esSigner, "ES256", "read write")}) {
      HttpResponse<Buffer> r = get("/api/v1/version", t);
      assertThat(r.statusCode()).as(t).isEqualTo(200);
      assertThat(r.bodyAsString()).startsWith("{\"version\": \"KairosDB ");
    }
    // a write scope passes auth: an empty array is a valid KairosDB request (204 in KairosDB too)
    assertThat(postDatapoints(token(rsSigner, "RS256", "write")).statusCode()).isEqualTo(204);
    assertThat(postDatapoints(token(hsSigner, "HS256", "admin")).statusCode()).isEqualTo(204);
  }

  @Test
  void healthAndPrometheusAreOpenByConfiguration() throws Exception {
    HttpResponse<Buffer> health = get("/health", null);
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.bodyAsJsonObject().getString("status")).isEqualTo("healthy");
    assertThat(health.bodyAsJsonObject().getJsonObject("checks").getJsonObject("gateway").getString("status"))
      .isEqualTo("UP");
    HttpResponse<Buffer> metrics = get("/metrics", null);
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.getHeader("Content-Type")).startsWith("text/plain");
    assertThat(metrics.bodyAsString()).contains("vertx_http_server_");
  }
}
