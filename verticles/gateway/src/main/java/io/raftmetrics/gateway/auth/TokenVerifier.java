package io.raftmetrics.gateway.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a bearer token into a {@link Caller}: first the static tokens, then JWTs verified by vertx-auth-jwt
 * (HS256 secrets, RS256/ES256 public keys; signature, {@code exp}/{@code nbf} with leeway, optional issuer and
 * audience; unsigned {@code alg:none} tokens never verify). Scopes come from the {@code scope} claim
 * (space-separated, OAuth 2 style) or the {@code scp}, {@code scopes} or {@code permissions} claims.
 * Secrets may be given inline or as files (mounted Kubernetes secrets); {@link #create} reads the files, so call it
 * off the event loop.
 */
public final class TokenVerifier {

  private final StaticTokens tokens;
  private final JWTAuth jwt;

  private TokenVerifier(StaticTokens tokens, JWTAuth jwt) {
    this.tokens = tokens;
    this.jwt = jwt;
  }

  /**
   * @param auth the {@code gateway.auth} section
   * @throws IllegalArgumentException naming the key of an invalid entry
   */
  public static TokenVerifier create(Vertx vertx, JsonObject auth) {
    List<StaticTokens.Entry> entries = new ArrayList<>();
    JsonArray list = auth.getJsonArray("tokens", new JsonArray());
    for (int i = 0; i < list.size(); i++) {
      JsonObject t = list.getJsonObject(i);
      String key = "gateway.auth.tokens[" + i + "]";
      String token = secret(t, "token", key);
      entries.add(StaticTokens.entry(t.getString("name", "token-" + i), token, scopes(t.getJsonArray("scopes"), key)));
    }
    return new TokenVerifier(new StaticTokens(entries), jwt(vertx, auth.getJsonObject("jwt", new JsonObject())));
  }

  /** @return true if no token of any kind is configured (every request would be refused) */
  public boolean isEmpty() {
    return tokens.isEmpty() && jwt == null;
  }

  /** Fails with {@link AuthException} (401) when the token is unknown, invalid or expired. */
  public Future<Caller> verify(String token) {
    Caller c = tokens.match(token);
    if (c != null) {
      return Future.succeededFuture(c);
    }
    if (jwt == null || token.chars().filter(ch -> ch == '.').count() != 2) {
      return Future.failedFuture(new AuthException(401, "invalid bearer token"));
    }
    return jwt.authenticate(new TokenCredentials(token))
      .map(TokenVerifier::caller)
      .recover(err -> Future.failedFuture(new AuthException(401, "invalid or expired bearer token")));
  }

  private static Caller caller(User user) {
    JsonObject claims = user.principal();
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    Object scope = claims.getValue("scope");
    if (scope instanceof String s) {
      addAll(scopes, s.split(" "));
    }
    for (String claim : new String[] {"scp", "scopes", "permissions"}) {
      Object v = claims.getValue(claim);
      if (v instanceof String s) {
        addAll(scopes, s.split(" "));
      } else if (v instanceof JsonArray a) {
        a.forEach(x -> addAll(scopes, String.valueOf(x)));
      }
    }
    return new Caller(claims.getString("sub", "jwt"), scopes);
  }

  private static void addAll(Set<Scope> scopes, String... names) {
    for (String n : names) {
      Scope s = n.isBlank() ? null : Scope.of(n);
      if (s != null) {
        scopes.add(s);
      }
    }
  }

  private static JWTAuth jwt(Vertx vertx, JsonObject conf) {
    JWTAuthOptions options = new JWTAuthOptions();
    JsonArray secrets = conf.getJsonArray("hs256_secrets", new JsonArray());
    for (int i = 0; i < secrets.size(); i++) {
      String s = secret(secrets.getJsonObject(i), "secret", "gateway.auth.jwt.hs256_secrets[" + i + "]");
      options.addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(s));
    }
    JsonArray keys = conf.getJsonArray("public_keys", new JsonArray());
    for (int i = 0; i < keys.size(); i++) {
      JsonObject k = keys.getJsonObject(i);
      String key = "gateway.auth.jwt.public_keys[" + i + "]";
      String alg = k.getString("algorithm", "");
      if (!alg.matches("(RS|ES|PS)(256|384|512)")) {
        throw new IllegalArgumentException(key + ".algorithm: must be RS256, ES256 (or another RS/ES/PS algorithm)");
      }
      options.addPubSecKey(new PubSecKeyOptions().setAlgorithm(alg).setBuffer(secret(k, "pem", key)));
    }
    if (options.getPubSecKeys() == null || options.getPubSecKeys().isEmpty()) {
      return null;
    }
    JWTOptions jwtOptions = new JWTOptions().setLeeway(conf.getInteger("leeway_seconds", 5));
    if (conf.getString("issuer") != null) {
      jwtOptions.setIssuer(conf.getString("issuer"));
    }
    if (conf.getString("audience") != null) {
      jwtOptions.addAudience(conf.getString("audience"));
    }
    return JWTAuth.create(vertx, options.setJWTOptions(jwtOptions));
  }

  /** A secret given inline ({@code name}) or in a file ({@code name_file}). */
  private static String secret(JsonObject o, String name, String key) {
    String inline = o.getString(name);
    String file = o.getString(name + "_file");
    if (inline != null && !inline.isEmpty()) {
      return inline;
    }
    if (file == null) {
      throw new IllegalArgumentException(key + "." + name + ": missing (or " + name + "_file)");
    }
    try {
      return Files.readString(Paths.get(file), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(key + "." + name + "_file: cannot read " + file, e);
    }
  }

  private static Set<Scope> scopes(JsonArray names, String key) {
    if (names == null) {
      return EnumSet.of(Scope.READ, Scope.WRITE);
    }
    Set<Scope> set = EnumSet.noneOf(Scope.class);
    for (Object n : names) {
      Scope s = Scope.of(String.valueOf(n));
      if (s == null) {
        throw new IllegalArgumentException(key + ".scopes: unknown scope '" + n + "' (read, write, delete, admin)");
      }
      set.add(s);
    }
    return set;
  }
}
