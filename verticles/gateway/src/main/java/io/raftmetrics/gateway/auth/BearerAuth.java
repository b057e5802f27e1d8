package io.raftmetrics.gateway.auth;

import io.raftmetrics.gateway.http.ApiErrors;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;

/**
 * Route handlers that require a bearer token with a scope: 401 (with {@code WWW-Authenticate: Bearer}) without a
 * valid token, 403 without the scope, in the error format of the route's API. The authenticated {@link Caller} is
 * put in the routing context.
 */
public final class BearerAuth {

  private static final String PREFIX = "bearer ";

  private final TokenVerifier verifier;
  private final boolean enabled;

  public BearerAuth(TokenVerifier verifier, boolean enabled) {
    this.verifier = verifier;
    this.enabled = enabled;
  }

  /**
   * A handler that lets the request through only with a token holding {@code scope}. It is a
   * {@link PlatformHandler} so Vert.x Web runs it before the body handler: an unauthenticated client cannot make the
   * gateway buffer a body.
   */
  public Handler<RoutingContext> require(Scope scope) {
    return (PlatformHandler) ctx -> {
      if (!enabled) {
        ctx.next();
        return;
      }
      String header = ctx.request().getHeader("Authorization");
      if (header == null || header.length() <= PREFIX.length()
        || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
        unauthorized(ctx, "missing bearer token (Authorization: Bearer <token>)");
        return;
      }
      verifier.verify(header.substring(PREFIX.length()).trim()).onComplete(ar -> {
        if (ar.failed()) {
          String msg = ar.cause() instanceof AuthException ? ar.cause().getMessage() : "invalid bearer token";
          unauthorized(ctx, msg);
        } else if (!ar.result().has(scope)) {
          ApiErrors.send(ctx, 403, "Forbidden: the token lacks the '" + scope.key() + "' scope");
        } else {
          ctx.put(Caller.CONTEXT_KEY, ar.result());
          ctx.next();
        }
      });
    };
  }

  private static void unauthorized(RoutingContext ctx, String message) {
    ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"raftmetrics\"");
    ApiErrors.send(ctx, 401, "Unauthorized: " + message);
  }
}
