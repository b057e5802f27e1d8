package io.raftmetrics.gateway.telnet;

import io.raftmetrics.api.ingest.DataType;
import io.raftmetrics.gateway.GatewayConfig;
import io.raftmetrics.gateway.ingest.DecodedPoint;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.util.Map;

import static io.raftmetrics.gateway.telnet.TelnetHarness.readLine;
import static io.raftmetrics.gateway.telnet.TelnetHarness.readToEnd;
import static io.raftmetrics.gateway.telnet.TelnetHarness.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code auth_token_required}: the first line must be {@code auth <token>} with a static token or JWT of the
 * gateway that has the {@code write} scope; otherwise one error line is written and the connection is closed, and
 * nothing of it is stored.
 */
class TelnetAuthTest {

  private static final String SECRET = "telnet-test-hs256-secret-of-enough-length";
  private static TelnetHarness h;

  @BeforeAll
  static void start() throws Exception {
    JsonObject gw = TelnetHarness.gatewayConfig(new JsonObject().put("auth_token_required", true)
      .put("flush_interval_ms", 60_000));
    gw.getJsonObject("auth").put("jwt", new JsonObject().put("hs256_secrets", new JsonArray()
      .add(new JsonObject().put("secret", SECRET))));
    h = TelnetHarness.startGateway(gw);
  }

  @AfterAll
  static void stop() throws Exception {
    h.close();
  }

  private static String refused(String text) throws Exception {
    try (Socket s = h.connect()) {
      send(s, text);
      return readToEnd(s);
    }
  }

  @Test
  void aLineBeforeAuthIsRefusedAndTheConnectionClosed() throws Exception {
    double before = TelnetHarness.counter("raftmetrics.telnet.lines.rejected", "reason", "unauthenticated");
    assertThat(refused("putm auth.none 1 1 h=a\nputm auth.none 2 2 h=a\n"))
      .isEqualTo("error: authentication required: send 'auth <token>' first\n");
    assertThat(refused("version\n")).startsWith("error: authentication required");
    assertThat(refused("auth\n")).startsWith("error: authentication required");
    assertThat(TelnetHarness.counter("raftmetrics.telnet.lines.rejected", "reason", "unauthenticated") - before)
      .isEqualTo(3);
  }

  @Test
  void anUnknownTokenOrOneWithoutWriteIsRefused() throws Exception {
    assertThat(refused("auth nope\nputm auth.bad 1 1 h=a\n"))
      .isEqualTo("error: authentication failed: invalid bearer token\n");
    assertThat(refused("auth " + TelnetHarness.TOKEN_RO + "\nputm auth.bad 1 1 h=a\n"))
      .isEqualTo("error: authentication failed: the token lacks the 'write' scope\n");
    assertThat(refused("auth a.b.c\nputm auth.bad 1 1 h=a\n"))
      .startsWith("error: authentication failed: ");
  }

  @Test
  void aStaticTokenWithWriteOpensTheConnectionWithoutAReply() throws Exception {
    try (Socket s = h.connect()) {
      send(s, "auth " + TelnetHarness.TOKEN_RW + "\nputm auth.ok 1 1 h=a\nversion\n");
      assertThat(readLine(s)).isEqualTo(GatewayConfig.DEFAULT_VERSION + "\n");
    }
    assertThat(h.awaitMetric("auth.ok", 1))
      .containsExactly(new DecodedPoint(0, "auth.ok", Map.of("h", "a"), DataType.LONG, 0, 1L, 1L));
  }

  @Test
  void aJwtWithTheWriteScopeOpensTheConnection() throws Exception {
    JWTAuth issuer = JWTAuth.create(h.vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions()
      .setAlgorithm("HS256").setBuffer(SECRET)));
    String jwt = issuer.generateToken(new JsonObject().put("sub", "collector").put("scope", "write"),
      new JWTOptions().setExpiresInSeconds(600));
    String readOnly = issuer.generateToken(new JsonObject().put("sub", "reader").put("scope", "read"),
      new JWTOptions().setExpiresInSeconds(600));
    // The lines behind the auth line arrive in the same packet, while the token is being verified.
    try (Socket s = h.connect()) {
      send(s, "auth " + jwt + "\nputm auth.jwt 1 1 h=a\nputm auth.jwt 2 2 h=a\nversion\n");
      assertThat(readLine(s)).isEqualTo(GatewayConfig.DEFAULT_VERSION + "\n");
    }
    assertThat(h.awaitMetric("auth.jwt", 2)).extracting(DecodedPoint::timestamp).containsExactly(1L, 2L);
    assertThat(refused("auth " + readOnly + "\nputm auth.bad 1 1 h=a\n"))
      .isEqualTo("error: authentication failed: the token lacks the 'write' scope\n");
    assertThat(h.points).noneMatch(p -> p.metric().equals("auth.bad") || p.metric().equals("auth.none"));
  }

  @Test
  void requiringAuthWithoutAnyTokenConfiguredFailsTheStart() {
    JsonObject gw = TelnetHarness.gatewayConfig(new JsonObject().put("auth_token_required", true));
    gw.put("auth", new JsonObject());
    assertThatThrownBy(() -> TelnetHarness.startGateway(gw).close())
      .hasMessageContaining("gateway.telnet.auth_token_required");
  }
}
